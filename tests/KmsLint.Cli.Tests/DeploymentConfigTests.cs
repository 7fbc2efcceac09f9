using System.Text.Json;

namespace KmsLint.Cli.Tests;

/// <summary>
/// What a user declares in .kmslint.yaml about the world outside the templates (stack names, Systems Manager
/// parameters, topics and buses of other accounts, detection timing), and what the JSON report carries about routes.
/// </summary>
public sealed class DeploymentConfigTests : IDisposable
{
    private const string Trail = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          TrailLogGroup: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: org-trail } }
          TrailRole: { Type: AWS::IAM::Role }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              IsMultiRegionTrail: true
              EnableLogFileValidation: true
              S3BucketName: audit
              CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn
              CloudWatchLogsRoleArn: !GetAtt TrailRole.Arn
        Outputs:
          LogGroup:
            Value: !Ref TrailLogGroup
            Export: { Name: !Sub '${AWS::StackName}-TrailLogGroup' }
        """;

    private const string Detection = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          AuditStack: { Type: String, Default: org-audit }
        Resources:
          Filter:
            Type: AWS::Logs::MetricFilter
            Properties:
              LogGroupName: !ImportValue { "Fn::Sub": "${AuditStack}-TrailLogGroup" }
              FilterPattern: '{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}'
              MetricTransformations: [{ MetricNamespace: CIS, MetricName: KeyLifecycle, MetricValue: "1" }]
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              AlarmDescription: 'Runbook: https://wiki.example.com/runbooks/kms-key-lifecycle'
              Namespace: CIS
              MetricName: KeyLifecycle
              Statistic: Sum
              Period: PERIOD
              EvaluationPeriods: 1
              Threshold: 1
              ComparisonOperator: GreaterThanOrEqualToThreshold
              TreatMissingData: notBreaching
              AlarmActions: [!Sub 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:security-alerts']
        """;

    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private JsonElement LintJson(params string[] extra)
    {
        var result = tree.Run(new[] { "lint", "--format", "json", "--fail-level", "none" }.Concat(extra).ToArray());
        Assert.True(result.ExitCode == ExitCode.Success, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static IEnumerable<string> Rules(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()! + " " + f.GetProperty("level").GetString());

    [Fact]
    public void A_shared_topic_declared_with_region_and_account_placeholders_completes_the_chain()
    {
        tree.Write("trail.yaml", Trail);
        tree.Write("detection.yaml", Detection.Replace("PERIOD", "300"));

        var undeclared = LintJson();
        Assert.Contains("KMS303 note", Rules(undeclared));

        tree.Write(".kmslint.yaml", "external:\n  topics: ['arn:aws:sns:${AWS::Region}:${AWS::AccountId}:security-alerts']\n");
        var declared = LintJson();
        Assert.DoesNotContain(Rules(declared), rule => rule.StartsWith("KMS3", StringComparison.Ordinal) || rule.StartsWith("KMS2", StringComparison.Ordinal));
        var route = declared.GetProperty("detections").EnumerateArray().Single();
        Assert.Equal("works", route.GetProperty("events").GetProperty("DisableKey").GetString());
        Assert.Equal(11, route.GetProperty("worstCaseMinutesToDetect").GetDouble());
    }

    [Fact]
    public void A_topic_parameter_without_default_is_declared_once_and_completes_the_chain_of_alarms_and_rules()
    {
        tree.Write("trail.yaml", Trail);
        var parameters = "  AlertTopicArn: { Type: String, Description: the organisation's security alert topic }\n";
        tree.Write("detection.yaml", Detection.Replace("PERIOD", "300")
            .Replace("Parameters:\n", "Parameters:\n" + parameters)
            .Replace("AlarmActions: [!Sub 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:security-alerts']", "AlarmActions: [!Ref AlertTopicArn]"));
        tree.Write("rule.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              AlertTopicArn: { Type: String }
            Resources:
              KeyEvents:
                Type: AWS::Events::Rule
                Properties:
                  Description: 'Runbook: https://wiki.example.com/runbooks/kms-key-lifecycle'
                  EventPattern:
                    source: [aws.kms]
                    detail-type: [AWS API Call via CloudTrail]
                    detail: { eventSource: [kms.amazonaws.com], eventName: [DisableKey, ScheduleKeyDeletion] }
                  Targets: [{ Arn: !Ref AlertTopicArn, Id: alerts }]
            """);

        var undeclared = LintJson();
        var notes = undeclared.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "KMS303").ToList();
        Assert.Equal(2, notes.Count);
        Assert.All(notes, note => Assert.Equal("note", note.GetProperty("level").GetString()));
        Assert.All(notes, note => Assert.EndsWith("declare it in .kmslint.yaml: external: {topic_parameters: [AlertTopicArn]}", note.GetProperty("message").GetString()));

        tree.Write(".kmslint.yaml", "external:\n  topic_parameters: [AlertTopicArn]\n");
        var declared = LintJson();
        Assert.DoesNotContain(Rules(declared), rule => rule.StartsWith("KMS3", StringComparison.Ordinal) || rule.StartsWith("KMS2", StringComparison.Ordinal));
        var routes = declared.GetProperty("detections").EnumerateArray().ToList();
        Assert.Equal(2, routes.Count);
        Assert.All(routes, route => Assert.Equal("works", route.GetProperty("events").GetProperty("ScheduleKeyDeletion").GetString()));
    }

    [Fact]
    public void The_only_stack_named_export_that_fits_is_linked_and_the_assumption_is_in_the_report()
    {
        tree.Write("trail.yaml", Trail);
        tree.Write("detection.yaml", Detection.Replace("PERIOD", "300"));

        var assumed = LintJson();
        Assert.DoesNotContain(Rules(assumed), rule => rule.StartsWith("KMS203", StringComparison.Ordinal));
        var assumption = assumed.GetProperty("assumptions").EnumerateArray().Single();
        Assert.Contains("assuming it is deployed as stack 'org-audit'", assumption.GetProperty("message").GetString());

        tree.Write(".kmslint.yaml", "stacks:\n  trail.yaml: org-audit\n");
        Assert.Empty(LintJson().GetProperty("assumptions").EnumerateArray());
        tree.Write(".kmslint.yaml", "stacks:\n  trail.yaml: other-name\n");
        Assert.Contains("KMS203 note", Rules(LintJson()));
    }

    [Fact]
    public void A_declared_systems_manager_parameter_value_links_the_log_group()
    {
        tree.Write("trail.yaml", Trail);
        tree.Write("detection.yaml", Detection.Replace("PERIOD", "300")
            .Replace("  AuditStack: { Type: String, Default: org-audit }", "  TrailGroup: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /org/trail-group }")
            .Replace("!ImportValue { \"Fn::Sub\": \"${AuditStack}-TrailLogGroup\" }", "!Ref TrailGroup"));

        Assert.Contains("KMS203 note", Rules(LintJson()));
        tree.Write(".kmslint.yaml", "external:\n  ssm_parameters:\n    /org/trail-group: org-trail\n");
        Assert.DoesNotContain(Rules(LintJson()), rule => rule.StartsWith("KMS203", StringComparison.Ordinal));
    }

    [Fact]
    public void Detection_timing_options_set_the_budget_and_the_assumed_delivery()
    {
        tree.Write("trail.yaml", Trail);
        tree.Write("detection.yaml", Detection.Replace("PERIOD", "600"));
        tree.Write(".kmslint.yaml", "external:\n  topics: ['arn:aws:sns:*:*:security-alerts']\n");
        Assert.Contains("KMS305 warning", Rules(LintJson()));

        tree.Write(".kmslint.yaml", "external:\n  topics: ['arn:aws:sns:*:*:security-alerts']\ndetection:\n  max_minutes_to_detect: 20\n  assumed_delivery_minutes: 2\n");
        var report = LintJson();
        Assert.DoesNotContain("KMS305 warning", Rules(report));
        Assert.Equal(2 + 10 + 1, report.GetProperty("detections")[0].GetProperty("worstCaseMinutesToDetect").GetDouble());
    }

    [Fact]
    public void A_forwarder_to_a_declared_central_bus_is_a_working_route()
    {
        tree.Write("trail.yaml", Trail);
        tree.Write("forwarder.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              SecurityAccount: { Type: String, Default: "111122223333" }
            Resources:
              Forward:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: { detail-type: [AWS API Call via CloudTrail] }
                  Targets:
                    - Id: central
                      Arn: !Sub 'arn:aws:events:${AWS::Region}:${SecurityAccount}:event-bus/default'
            """);

        var undeclared = LintJson();
        Assert.Contains("KMS200 error", Rules(undeclared));
        Assert.Contains(undeclared.GetProperty("findings").EnumerateArray(), f => f.GetProperty("message").GetString()!.Contains(
            "declare it in .kmslint.yaml: external: {event_buses: [\"arn:aws:events:${AWS::Region}:111122223333:event-bus/default\"]}"));
        tree.Write(".kmslint.yaml", "external:\n  event_buses: ['arn:aws:events:${AWS::Region}:111122223333:event-bus/default']\n");
        var declared = LintJson();
        Assert.DoesNotContain(Rules(declared), rule => rule.StartsWith("KMS2", StringComparison.Ordinal) || rule.StartsWith("KMS3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("external:\n  topics: ['arn:aws:sqs:us-east-1:1:q']\n", "external.topics[0]: 'arn:aws:sqs:us-east-1:1:q' is an ARN of sqs, not sns")]
    [InlineData("external:\n  topics: ['arn:aws:sns:${Region}:1:t']\n", "only ${AWS::Region} or * can stand for a region")]
    [InlineData("external:\n  event_buses: [central]\n", "'central' is not an ARN")]
    [InlineData("detection:\n  max_minutes_to_detect: soon\n", "detection.max_minutes_to_detect: must be a number of minutes")]
    [InlineData("stacks:\n  trail.yaml: ''\n", "stacks.trail.yaml: must be a non-empty string")]
    public void Declarations_that_could_never_match_are_refused_with_the_place(string config, string message)
    {
        tree.Write("trail.yaml", Trail);
        tree.Write(".kmslint.yaml", config);

        var result = tree.Run("lint");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(".kmslint.yaml:", result.Stderr);
        Assert.Contains(message, result.Stderr);
    }
}
