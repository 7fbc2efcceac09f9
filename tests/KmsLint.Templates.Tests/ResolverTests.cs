using KmsLint.Templates.Resolution;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

public class ResolverTests
{
    private const string Header = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Env: { Type: String, Default: prod }
          TopicArn: { Type: String }
          Groups: { Type: CommaDelimitedList, Default: "trail-group,audit-group" }
          SharedGroup: { Type: "AWS::SSM::Parameter::Value<String>", Default: /org/trail/log-group }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Mappings:
          Names:
            prod: { Group: prod-trail }
        Resources:
          Topic: { Type: AWS::SNS::Topic }
          Probe:
            Type: AWS::SNS::Subscription
            Properties:

        """;

    /// <summary>Resolves the Probe resource's <c>Value</c> property written as <paramref name="value"/>.</summary>
    private static ResolvedValue Resolve(string value)
    {
        var graph = GraphOf(("t.yaml", Header + "      Value: " + value + "\n"));
        var template = graph.Templates[0];
        return graph.Resolver.Resolve(template, template.FindResource("Probe")!.Property("Value"));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("!Ref Env", "prod")]
    [InlineData("!Sub '${Env}-trail'", "prod-trail")]
    [InlineData("!Sub ['${A}-${Env}', { A: x }]", "x-prod")]
    [InlineData("!Join ['-', [a, !Ref Env]]", "a-prod")]
    [InlineData("!FindInMap [Names, !Ref Env, Group]", "prod-trail")]
    [InlineData("!Select [1, [a, b]]", "b")]
    [InlineData("!Select [1, !Split [',', 'a,b,c']]", "b")]
    [InlineData("!Select [0, !Split ['/', !Sub '${Env}/trail']]", "prod")]
    [InlineData("!Select [1, !Split ['-', !Sub '${AWS::Region}-trail']]", "trail")]
    [InlineData("!Select [0, !Split ['-', !Sub '${AWS::Region}-trail']]", "${AWS::Region}")]
    [InlineData("!Select [1, !Ref Groups]", "audit-group")]
    [InlineData("!Sub 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:x'", "arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:x")]
    [InlineData("!Sub 'pre-${!Literal}'", "pre-${Literal}")]
    [InlineData("{ 'Fn::Length': !Ref Groups }", "2")]
    [InlineData("{ 'Fn::Length': [a, b, c] }", "3")]
    [InlineData("{ 'Fn::ToJsonString': { source: [aws.kms], detail: { eventName: [!Ref Env] }, n: 1, quoted: '1', on: true } }",
        "{\"source\":[\"aws.kms\"],\"detail\":{\"eventName\":[\"prod\"]},\"n\":1,\"quoted\":\"1\",\"on\":true}")]
    public void Literal_values_resolve_to_their_text(string value, string expected)
    {
        var literal = Assert.IsType<LiteralValue>(Assert.Single(Resolve(value).Possibilities));

        Assert.Equal(expected, literal.Text);
        Assert.Equal(expected.Contains("${AWS::"), literal.IsSymbolic);
    }

    [Theory]
    [InlineData("{ 'Fn::ToJsonString': { topic: !Ref TopicArn } }", "TopicArn")]
    [InlineData("{ 'Fn::Length': !Ref TopicArn }", "TopicArn")]
    public void Language_extension_functions_of_an_unknown_value_are_unknown(string value, string named)
    {
        var unknown = Assert.IsType<UnknownValue>(Assert.Single(Resolve(value).Possibilities));

        Assert.Contains(named, unknown.ToString());
    }

    [Fact]
    public void Both_branches_of_an_if_are_possible()
    {
        var value = Resolve("!If [IsProd, !Ref Topic, fallback]");

        Assert.Equal("Ref Topic | fallback", value.ToString());
    }

    [Theory]
    [InlineData("!Ref Topic", "Ref Topic")]
    [InlineData("!GetAtt Topic.TopicName", "Topic.TopicName")]
    [InlineData("!Sub '${Topic}'", "Ref Topic")]
    [InlineData("!Sub '${Topic.TopicArn}'", "Topic.TopicArn")]
    public void References_to_resources_resolve_to_the_resource(string value, string expected)
    {
        var reference = Assert.IsType<ResourceValue>(Assert.Single(Resolve(value).Possibilities));

        Assert.Equal(expected, reference.ToString());
        Assert.Equal("Topic", reference.Resource.LogicalId);
    }

    [Fact]
    public void A_resource_inside_a_text_stays_symbolic()
    {
        var literal = Assert.IsType<LiteralValue>(Assert.Single(Resolve("!Sub 'topic:${Topic}'").Possibilities));

        Assert.Equal(("topic:${Topic}", true), (literal.Text, literal.IsSymbolic));
    }

    [Theory]
    [InlineData("!Ref TopicArn", "parameter TopicArn has no Default")]
    [InlineData("!Ref Missing", "Missing is not a parameter or resource")]
    [InlineData("!Sub '${TopicArn}-x'", "parameter TopicArn has no Default")]
    [InlineData("!GetAZs ''", "Fn::GetAZs is not evaluated")]
    [InlineData("!ImportValue nobody-exports-this", "no template in the linted set exports nobody-exports-this")]
    [InlineData("!FindInMap [Names, !Ref TopicArn, Group]", "parameter TopicArn has no Default")]
    [InlineData("!Ref SharedGroup", "parameter SharedGroup reads Systems Manager parameter /org/trail/log-group, which no template in the linted set creates")]
    [InlineData("!Select [5, !Split [',', 'a,b']]", "Fn::Select index 5 is out of range")]
    [InlineData("!Select [0, !Split [',', !Ref Topic]]", "Fn::Split of Ref Topic is not evaluated")]
    [InlineData("!Select [0, !Split [',', !Ref TopicArn]]", "parameter TopicArn has no Default")]
    [InlineData("!Select [0, !GetAZs '']", "Fn::GetAZs is not evaluated")]
    [InlineData("!Select [3, !Split [':', !Sub 'arn:aws:sns:${AWS::Region}:x']]", "unknown parts may hold the delimiter")]
    public void What_cannot_be_known_is_unknown_with_the_reason(string value, string reason)
    {
        var unknown = Assert.IsType<UnknownValue>(Assert.Single(Resolve(value).Possibilities));

        Assert.Contains(reason, unknown.Reason);
    }

    [Theory]
    [InlineData("[a, b]")]
    [InlineData("!Split [',', 'a,b']")]
    [InlineData("!Ref Groups")]
    [InlineData("!If [IsProd, [a], [b]]")]
    public void List_values_resolve_to_every_item(string value)
    {
        var graph = GraphOf(("t.yaml", Header + "      Value: " + value + "\n"));
        var template = graph.Templates[0];

        var items = graph.Resolver.ResolveList(template, template.FindResource("Probe")!.Property("Value"));

        var expected = value.Contains("Groups") ? "trail-group | audit-group" : "a | b";
        Assert.Equal(expected, items.ToString());
    }

    [Fact]
    public void No_value_is_nothing()
    {
        Assert.True(Resolve("!Ref AWS::NoValue").IsEmpty);
    }

    [Fact]
    public void ImportValue_resolves_through_the_export_of_another_template()
    {
        var graph = GraphOf(
            ("alerts.yaml", """
                Resources:
                  Alerts: { Type: AWS::SNS::Topic }
                Outputs:
                  AlertsArn:
                    Value: !Ref Alerts
                    Export: { Name: !Sub '${AWS::StackName}-AlertsArn' }
                  Plain:
                    Value: plain-value
                    Export: { Name: shared-name }
                """),
            ("alarms.yaml", """
                Parameters:
                  AlertsStack: { Type: String, Default: monitoring }
                Resources:
                  Sub:
                    Type: AWS::SNS::Subscription
                    Properties:
                      Literal: !ImportValue shared-name
                      OtherStack: !ImportValue { "Fn::Sub": "${AlertsStack}-AlertsArn" }
                      OwnStack: !ImportValue { "Fn::Sub": "${AWS::StackName}-AlertsArn" }
                """));
        var template = graph.Templates[1];
        var probe = template.FindResource("Sub")!;

        Assert.Equal("plain-value", graph.Resolver.Resolve(template, probe.Property("Literal")).SingleLiteral);
        // The only export that fits when alerts.yaml is deployed as stack "monitoring": linked, and the assumption kept.
        var other = Assert.IsType<ResourceValue>(Assert.Single(graph.Resolver.Resolve(template, probe.Property("OtherStack")).Possibilities));
        Assert.Equal(("alerts.yaml", "Alerts"), (other.Resource.Template.Path, other.Resource.LogicalId));
        var assumption = Assert.Single(graph.Resolver.Assumptions);
        Assert.Equal(("alerts.yaml", "monitoring"), (assumption.ExportingTemplate.Path, assumption.StackName));
        // ${AWS::StackName} in an import is the importing stack's own name: never another template's export.
        var own = Assert.IsType<UnknownValue>(Assert.Single(graph.Resolver.Resolve(template, probe.Property("OwnStack")).Possibilities));
        Assert.Contains("importing stack itself", own.Reason);
    }

    [Fact]
    public void Declared_stack_names_make_stack_named_exports_literal()
    {
        var files = new[]
        {
            ("audit.yaml", """
                Resources:
                  Group: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: !Sub '${AWS::StackName}-trail' } }
                Outputs:
                  GroupName:
                    Value: !Ref Group
                    Export: { Name: !Sub '${AWS::StackName}-AuditLogGroup' }
                """),
            ("copy.yaml", """
                Resources:
                  Group: { Type: AWS::Logs::LogGroup }
                Outputs:
                  GroupName:
                    Value: !Ref Group
                    Export: { Name: !Sub '${AWS::StackName}-AuditLogGroup' }
                """),
            ("filter.yaml", """
                Resources:
                  Probe: { Type: AWS::SNS::Subscription, Properties: { Value: !ImportValue org-audit-AuditLogGroup } }
                """),
        };
        var ambiguous = GraphOf(files);
        var facts = new DeploymentFacts(
            new Dictionary<string, string> { ["audit.yaml"] = "org-audit", ["copy.yaml"] = "sandbox" },
            new Dictionary<string, string>());
        var declared = GraphOf(ExternalResources.None, facts, files);

        var unknown = Assert.IsType<UnknownValue>(Assert.Single(ProbeValue(ambiguous, 2).Possibilities));
        Assert.Contains("2 templates export a name that fits org-audit-AuditLogGroup", unknown.Reason);
        Assert.Contains("stacks:", unknown.Reason);
        var linked = Assert.IsType<ResourceValue>(Assert.Single(ProbeValue(declared, 2).Possibilities));
        Assert.Equal("audit.yaml", linked.Resource.Template.Path);
        Assert.Empty(declared.Resolver.Assumptions);
        Assert.Equal("org-audit-trail", declared.Resolver.Resolve(declared.Templates[0], declared.Templates[0].FindResource("Group")!.Property("LogGroupName")).SingleLiteral);
    }

    [Fact]
    public void A_systems_manager_parameter_of_the_set_gives_its_value()
    {
        var graph = GraphOf(
            ("trail.yaml", """
                Resources:
                  TrailGroup: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: org-trail } }
                  GroupName:
                    Type: AWS::SSM::Parameter
                    Properties: { Name: /org/trail/log-group, Type: String, Value: !Ref TrailGroup }
                """),
            ("filter.yaml", """
                Parameters:
                  TrailGroupName: { Type: "AWS::SSM::Parameter::Value<String>", Default: /org/trail/log-group }
                Resources:
                  Probe:
                    Type: AWS::SNS::Subscription
                    Properties:
                      ByType: !Ref TrailGroupName
                      ByDynamicReference: "{{resolve:ssm:/org/trail/log-group:2}}"
                      Secret: "{{resolve:secretsmanager:db:SecretString:password}}"
                """));
        var template = graph.Templates[1];
        var probe = template.FindResource("Probe")!;

        var byType = Assert.IsType<ResourceValue>(Assert.Single(graph.Resolver.Resolve(template, probe.Property("ByType")).Possibilities));
        Assert.Equal("TrailGroup", byType.Resource.LogicalId);
        Assert.Contains("Systems Manager parameter /org/trail/log-group", byType.Via);
        Assert.Equal("TrailGroup", Assert.IsType<ResourceValue>(Assert.Single(graph.Resolver.Resolve(template, probe.Property("ByDynamicReference")).Possibilities)).Resource.LogicalId);
        Assert.Contains("secretsmanager dynamic reference", Assert.IsType<UnknownValue>(Assert.Single(graph.Resolver.Resolve(template, probe.Property("Secret")).Possibilities)).Reason);
    }

    [Fact]
    public void A_declared_systems_manager_parameter_gives_its_value()
    {
        var facts = new DeploymentFacts(new Dictionary<string, string>(), new Dictionary<string, string> { ["/org/trail/log-group"] = "aws-controltower/CloudTrailLogs" });
        var graph = GraphOf(ExternalResources.None, facts, ("t.yaml", Header + "      Value: !Ref SharedGroup\n"));
        var template = graph.Templates[0];

        var value = Assert.IsType<LiteralValue>(Assert.Single(graph.Resolver.Resolve(template, template.FindResource("Probe")!.Property("Value")).Possibilities));

        Assert.Equal("aws-controltower/CloudTrailLogs", value.Text);
    }

    [Fact]
    public void Branches_name_their_conditions_and_contradictions_are_dropped()
    {
        var value = Resolve("!Join ['-', [!If [IsProd, a, b], !If [IsProd, x, y]]]");

        Assert.Equal("a-x | b-y", value.ToString());
        Assert.Equal(new[] { " (when condition IsProd is true)", " (when condition IsProd is false)" }, value.Possibilities.Select(p => p.WhenText));
    }

    [Theory]
    [InlineData("!If [Always, yes, no]", "yes")]
    [InlineData("!If [Never, yes, no]", "no")]
    [InlineData("!If [NotNever, yes, no]", "yes")]
    [InlineData("!If [AlwaysOrProd, yes, no]", "yes")]
    [InlineData("!If [NeverAndProd, yes, no]", "no")]
    public void A_condition_that_no_deployment_changes_decides_its_branch(string value, string expected)
    {
        var graph = GraphOf(("t.yaml", Header.Replace("  IsProd: !Equals [!Ref Env, prod]\n", """
              IsProd: !Equals [!Ref Env, prod]
              Always: !Equals [a, a]
              Never: !Equals [a, b]
              NotNever: !Not [!Condition Never]
              AlwaysOrProd: !Or [!Condition Always, !Condition IsProd]
              NeverAndProd: !And [!Condition Never, !Condition IsProd]

            """) + "      Value: " + value + "\n"));
        var template = graph.Templates[0];

        var literal = Assert.IsType<LiteralValue>(Assert.Single(graph.Resolver.Resolve(template, template.FindResource("Probe")!.Property("Value")).Possibilities));

        Assert.Equal((expected, true), (literal.Text, literal.When.IsAlways));
    }

    [Fact]
    public void A_parameter_default_is_named_as_the_origin()
    {
        var literal = Assert.Single(Resolve("!Ref Env").Possibilities);

        Assert.Equal(" (parameter Env's Default)", literal.WhenText);
    }

    [Fact]
    public void A_key_that_depends_on_the_region_can_select_any_entry()
    {
        var graph = GraphOf(("t.yaml", Header.Replace("    prod: { Group: prod-trail }\n", "    prod: { Group: prod-trail }\n    dev: { Group: dev-trail }\n")
            + "      Value: !FindInMap [Names, !Ref AWS::Region, Group]\n"));
        var template = graph.Templates[0];

        var value = graph.Resolver.Resolve(template, template.FindResource("Probe")!.Property("Value"));

        Assert.Equal("prod-trail | dev-trail", value.ToString());
    }

    public static TheoryData<string, string, string> Cycles() => new()
    {
        {
            "export imports itself",
            """
            Resources:
              T: { Type: AWS::SNS::Topic, Properties: { TopicName: !ImportValue N } }
            Outputs:
              O:
                Value: { "Fn::ImportValue": { "Fn::ImportValue": N } }
                Export: { Name: N }
            """,
            "Export N → Fn::ImportValue N"
        },
        {
            "two exports import each other",
            """
            Resources:
              T: { Type: AWS::SNS::Topic, Properties: { TopicName: !ImportValue A } }
            Outputs:
              OA: { Value: !ImportValue B, Export: { Name: A } }
              OB: { Value: !ImportValue A, Export: { Name: B } }
            """,
            "Export A → Export B → Fn::ImportValue A"
        },
        {
            "a mapping value looks itself up",
            """
            Mappings:
              M: { A: { B: { "Fn::FindInMap": [M, { "Fn::FindInMap": [M, A, B] }, B] } } }
            Resources:
              T: { Type: AWS::SNS::Topic, Properties: { TopicName: !FindInMap [M, A, B] } }
            """,
            "Mappings M.A.B → Fn::FindInMap [M, A, B]"
        },
        {
            "two mappings look each other up",
            """
            Mappings:
              M: { A: { B: !FindInMap [N, A, B] } }
              N: { A: { B: !FindInMap [M, A, B] } }
            Resources:
              T: { Type: AWS::SNS::Topic, Properties: { TopicName: !FindInMap [M, A, B] } }
            """,
            "Mappings M.A.B → Mappings N.A.B → Fn::FindInMap [M, A, B]"
        },
        {
            "conditions name each other",
            """
            Conditions:
              A: !Condition B
              B: !Not [!Condition A]
            Resources:
              T: { Type: AWS::SNS::Topic, Properties: { TopicName: !If [A, x, y] } }
            """,
            "condition A → condition B → condition A"
        },
        {
            "a parameter default refers to itself",
            """
            Parameters:
              P: { Type: String, Default: !Ref P }
            Resources:
              T: { Type: AWS::SNS::Topic, Properties: { TopicName: !Ref P } }
            """,
            "parameter P → Ref P"
        },
    };

    [Theory]
    [MemberData(nameof(Cycles))]
    public void A_reference_cycle_is_unknown_and_recorded_once_with_its_chain(string name, string text, string chain)
    {
        var graph = GraphOf(("a.yaml", text));
        var template = graph.Templates[0];
        var topicName = template.FindResource("T")!.Property("TopicName");

        var first = graph.Resolver.Resolve(template, topicName);
        graph.Resolver.Resolve(template, topicName);

        // A value in a cycle cannot be known; a condition in one is undecided, so both branches stay possible.
        Assert.True(name.StartsWith("conditions", StringComparison.Ordinal) ? first.Possibilities.Count == 2 : first.HasUnknown, name);
        var cycle = Assert.Single(graph.Resolver.Cycles);
        Assert.Equal(chain, cycle.Chain);
        Assert.Equal("a.yaml", cycle.Location.File);
    }

    [Fact]
    public void Shared_references_do_not_make_the_work_explode()
    {
        // Each export joins ten imports of the next: 10^20 paths, cut by the step budget.
        var outputs = string.Concat(Enumerable.Range(0, 20).Select(i =>
            $"  O{i}: {{ Value: !Join [',', [{string.Join(", ", Enumerable.Repeat($"!ImportValue E{i + 1}", 10))}]], Export: {{ Name: E{i} }} }}\n"));
        var graph = GraphOf(("a.yaml", "Resources:\n  T: { Type: AWS::SNS::Topic, Properties: { TopicName: !ImportValue E0 } }\nOutputs:\n" + outputs));
        var template = graph.Templates[0];

        var value = graph.Resolver.Resolve(template, template.FindResource("T")!.Property("TopicName"));

        Assert.True(value.HasUnknown);
    }

    private static ResolvedValue ProbeValue(Graph.RepoGraph graph, int template) =>
        graph.Resolver.Resolve(graph.Templates[template], graph.Templates[template].FindResource("Probe")!.Property("Value"));
}
