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
    public void Literal_values_resolve_to_their_text(string value, string expected)
    {
        var literal = Assert.IsType<LiteralValue>(Assert.Single(Resolve(value).Possibilities));

        Assert.Equal(expected, literal.Text);
        Assert.Equal(expected.Contains("${AWS::"), literal.IsSymbolic);
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
    [InlineData("!FindInMap [Names, !Ref TopicArn, Group]", "keys that are not literal")]
    [InlineData("!Ref SharedGroup", "parameter SharedGroup takes its value from Systems Manager")]
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
                Resources:
                  Sub:
                    Type: AWS::SNS::Subscription
                    Properties:
                      Same: !ImportValue { "Fn::Sub": "${AWS::StackName}-AlertsArn" }
                      Literal: !ImportValue shared-name
                      OtherStack: !ImportValue monitoring-AlertsArn
                """));
        var template = graph.Templates[1];
        var probe = template.FindResource("Sub")!;

        var same = Assert.IsType<ResourceValue>(Assert.Single(graph.Resolver.Resolve(template, probe.Property("Same")).Possibilities));
        Assert.Equal(("alerts.yaml", "Alerts"), (same.Resource.Template.Path, same.Resource.LogicalId));
        Assert.Equal("plain-value", graph.Resolver.Resolve(template, probe.Property("Literal")).SingleLiteral);
        // A symbolic export name only matches identical text: a guessed stack name is not a match.
        Assert.IsType<UnknownValue>(Assert.Single(graph.Resolver.Resolve(template, probe.Property("OtherStack")).Possibilities));
    }

    [Fact]
    public void Import_cycles_end_in_unknown()
    {
        var graph = GraphOf(("a.yaml", """
            Resources:
              T: { Type: AWS::SNS::Topic, Properties: { TopicName: !ImportValue loop } }
            Outputs:
              Loop:
                Value: !ImportValue loop
                Export: { Name: loop }
            """));
        var template = graph.Templates[0];

        var value = graph.Resolver.Resolve(template, template.FindResource("T")!.Property("TopicName"));

        Assert.Contains(value.Possibilities, p => p is UnknownValue { Reason: "references nest too deeply" });
    }
}
