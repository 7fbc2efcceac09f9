using KmsLint.Templates.Reporting;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

/// <summary>
/// The coverage report's model: which keys a route monitors (key-scoped rules, conditions, single-region trails), who
/// is told, how fast, and the findings of the same run on each route's links.
/// </summary>
public class CoverageReportTests
{
    /// <summary>A multi-region trail on the default bus, a topic with an email subscription, and two keys.</summary>
    private const string Base = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          OnCallEmail: { Type: String, Default: oncall@example.com }
          Environment: { Type: String, Default: prod }
        Conditions:
          IsProd: !Equals [!Ref Environment, prod]
          Never: !Equals [a, b]
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, S3BucketName: audit }
          Alerts:
            Type: AWS::SNS::Topic
          OnCall:
            Type: AWS::SNS::Subscription
            Properties: { TopicArn: !Ref Alerts, Protocol: email, Endpoint: !Ref OnCallEmail }
          KeyA:
            Type: AWS::KMS::Key
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              PendingWindowInDays: !If [IsProd, 30, 7]
              Tags: [{ Key: Owner, Value: payments }, { Key: Purpose, Value: card data }]
          KeyB:
            Type: AWS::KMS::Key
        """;

    private const string RuleForBoth = """
          LifecycleRule:
            Type: AWS::Events::Rule
            Properties:
              Description: 'Runbook: https://wiki.example.com/kms'
              EventPattern:
                source: [aws.kms]
                detail: { eventName: [DisableKey, ScheduleKeyDeletion]SCOPE }
              Targets: [{ Id: alerts, Arn: !Ref Alerts }]
        """;

    private static CoverageReport Coverage(string template) =>
        Linter.Report(new[] { Source("stack.yaml", template) }, LintSettings.Default).Coverage;

    private static string WithRule(string scope = "", string extra = "") => Base + "\n" + RuleForBoth.Replace("SCOPE", scope) + extra;

    private static KeyCoverage Key(CoverageReport report, string logicalId) => report.Keys.Single(key => key.LogicalId == logicalId);

    [Fact]
    public void An_unscoped_working_rule_monitors_every_key_and_tells_the_subscribers()
    {
        var report = Coverage(WithRule());

        Assert.All(report.Keys, key => Assert.Equal(MonitoringStatus.Monitored, key.Status));
        var told = Assert.Single(Key(report, "KeyA").Told);
        Assert.Equal("Alerts", told.Name);
        var endpoint = Assert.Single(told.Endpoints);
        Assert.Equal(("email", "oncall@example.com", "parameter OnCallEmail's Default"), (endpoint.Protocol, endpoint.Address, endpoint.Via));
        Assert.Equal(1, Key(report, "KeyA").WorstCaseMinutesToDetect);
        Assert.Equal(100, report.Summary.KeysMonitoredPercent);
    }

    [Fact]
    public void A_rule_scoped_to_one_key_monitors_that_key_only()
    {
        var report = Coverage(WithRule(", resources: { ARN: [!GetAtt KeyA.Arn] }"));

        Assert.Equal(MonitoringStatus.Monitored, Key(report, "KeyA").Status);
        Assert.Equal(MonitoringStatus.Unmonitored, Key(report, "KeyB").Status);
        Assert.Empty(Key(report, "KeyB").FailingRoutes); // the rule is not meant for KeyB at all
        Assert.Equal(new[] { "KeyA" }, report.Routes.Single().ScopedToKeys!.Select(key => key.Name));
        Assert.Equal(50, report.Summary.KeysMonitoredPercent);
    }

    [Fact]
    public void A_rule_scoped_to_something_else_than_keys_narrows_every_key_to_a_caveat()
    {
        var report = Coverage(WithRule(", userIdentity: { arn: [!GetAtt Trail.Arn] }"));

        var key = Key(report, "KeyB");
        Assert.Equal(MonitoringStatus.Conditional, key.Status);
        Assert.Contains(key.Caveats, caveat => caveat.Contains("only events whose detail.userIdentity.arn is Trail.Arn"));
    }

    [Fact]
    public void A_link_behind_a_deploy_time_condition_makes_the_coverage_conditional_except_for_a_key_under_the_same_condition()
    {
        var conditionalTopic = WithRule().Replace("  Alerts:\n    Type: AWS::SNS::Topic", "  Alerts:\n    Type: AWS::SNS::Topic\n    Condition: IsProd");
        var report = Coverage(conditionalTopic.Replace("  KeyA:\n    Type: AWS::KMS::Key", "  KeyA:\n    Type: AWS::KMS::Key\n    Condition: IsProd"));

        Assert.Equal(MonitoringStatus.Monitored, Key(report, "KeyA").Status); // exists exactly where the topic does
        var keyB = Key(report, "KeyB");
        Assert.Equal(MonitoringStatus.Conditional, keyB.Status);
        Assert.Contains(keyB.Caveats, caveat => caveat.Contains("Alerts (stack.yaml) exists only where condition IsProd is true"));
        Assert.Equal(1, report.Summary.KeysMonitored); // a Conditional key is not counted as monitored
    }

    [Fact]
    public void A_conditional_route_beside_a_monitored_one_tells_too_and_is_not_failing()
    {
        var prodRule = RuleForBoth.Replace("LifecycleRule:", "ProdRule:").Replace("    Type: AWS::Events::Rule", "    Type: AWS::Events::Rule\n    Condition: IsProd").Replace("SCOPE", string.Empty);
        var report = Coverage(WithRule() + "\n" + prodRule);

        var key = Key(report, "KeyB");
        Assert.Equal(MonitoringStatus.Monitored, key.Status);
        Assert.Equal(new[] { "LifecycleRule", "ProdRule" }, key.MonitoredBy.Select(route => route.LogicalId));
        Assert.Empty(key.FailingRoutes);
    }

    [Fact]
    public void A_link_behind_a_condition_that_is_always_false_is_never_deployed()
    {
        var report = Coverage(WithRule().Replace("  OnCall:\n    Type: AWS::SNS::Subscription", "  OnCall:\n    Type: AWS::SNS::Subscription\n    Condition: Never"));

        Assert.All(report.Keys, key => Assert.Equal(MonitoringStatus.Unmonitored, key.Status));
        Assert.Equal("never deployed whole: a link is created under a condition that is always false", Assert.Single(Key(report, "KeyA").FailingRoutes).Why);
    }

    [Fact]
    public void A_single_region_trail_covers_the_keys_of_its_own_template_and_the_others_only_in_its_region()
    {
        var trailAndKeyA = Base.Replace("IsMultiRegionTrail: true", "IsMultiRegionTrail: false").Replace("  KeyB:\n    Type: AWS::KMS::Key", string.Empty)
                           + "\n" + RuleForBoth.Replace("SCOPE", string.Empty);
        var otherKey = "Resources:\n  KeyB:\n    Type: AWS::KMS::Key\n";
        var report = Linter.Report(new[] { Source("trail.yaml", trailAndKeyA), Source("keys.yaml", otherKey) }, LintSettings.Default).Coverage;

        Assert.Equal(MonitoringStatus.Monitored, Key(report, "KeyA").Status);
        var keyB = Key(report, "KeyB");
        Assert.Equal(MonitoringStatus.Conditional, keyB.Status);
        Assert.Contains(keyB.Caveats, caveat => caveat.Contains("only if KeyB is deployed in the region of trail Trail, which records one region"));
    }

    [Fact]
    public void A_rule_for_one_event_leaves_the_key_partly_monitored()
    {
        var report = Coverage(WithRule().Replace("eventName: [DisableKey, ScheduleKeyDeletion]", "eventName: [ScheduleKeyDeletion]"));

        var key = Key(report, "KeyB");
        Assert.Equal(MonitoringStatus.Partial, key.Status);
        Assert.Equal(new[] { MonitoringStatus.Unmonitored, MonitoringStatus.Monitored }, key.Events.Select(e => e.Status));
        Assert.Equal(RouteState.Partial, report.Routes.Single().State);
    }

    [Fact]
    public void A_target_that_cannot_be_followed_leaves_the_key_unknown_not_unmonitored()
    {
        var report = Coverage(WithRule().Replace("Arn: !Ref Alerts }]", "Arn: !Ref TopicArn }]").Replace("Parameters:\n", "Parameters:\n  TopicArn: { Type: String }\n"));

        Assert.Equal(MonitoringStatus.Unknown, Key(report, "KeyA").Status);
        Assert.Equal(RouteState.Unknown, report.Routes.Single().State);
        Assert.Null(report.Summary.Fastest);
    }

    [Fact]
    public void Findings_of_the_run_mark_the_links_they_are_on()
    {
        var withoutSubscription = WithRule().Replace("  OnCall:\n    Type: AWS::SNS::Subscription\n    Properties: { TopicArn: !Ref Alerts, Protocol: email, Endpoint: !Ref OnCallEmail }\n", string.Empty);
        var report = Coverage(withoutSubscription);

        var route = report.Routes.Single();
        Assert.Equal(RouteState.Broken, route.State);
        var broken = Assert.Single(route.BrokenLinks);
        Assert.Equal(("Alerts", "KMS303"), (broken.Name, string.Join(" ", broken.RuleIds)));
        Assert.Equal(new[] { "LifecycleRule broken" }, Key(report, "KeyA").FailingRoutes.Select(failing => failing.Route.LogicalId + " " + failing.Why));
    }

    [Fact]
    public void Ownership_retention_and_the_pending_window_are_read_per_key()
    {
        var report = Coverage(WithRule());

        var keyA = Key(report, "KeyA");
        Assert.Equal(new[] { "Owner=payments", "Purpose=card data" }, keyA.RequiredTags.Select(tag => $"{tag.Key}={tag.Value}"));
        Assert.True(keyA.IsOwned);
        Assert.True(keyA.IsRetained);
        Assert.Equal(7, keyA.ShortestPendingWindowDays);
        Assert.Equal(new[] { " (when condition IsProd is true)", " (when condition IsProd is false)" }, keyA.PendingWindows.Select(window => window.When));

        var keyB = Key(report, "KeyB");
        Assert.False(keyB.IsOwned);
        Assert.False(keyB.IsRetained);
        Assert.True(Assert.Single(keyB.PendingWindows).IsDefault);
        Assert.Equal(30, keyB.ShortestPendingWindowDays);
        Assert.Equal((50, 50), (report.Summary.KeysOwnedPercent, report.Summary.KeysRetainedPercent));
    }

    [Fact]
    public void A_metric_filter_route_is_drawn_stage_by_stage_from_the_trail_to_the_subscriber()
    {
        var filterRoute = Base.Replace("S3BucketName: audit }", "S3BucketName: audit, CloudWatchLogsLogGroupArn: !GetAtt Logs.Arn, CloudWatchLogsRoleArn: role }") + """

              Logs: { Type: AWS::Logs::LogGroup }
              Filter:
                Type: AWS::Logs::MetricFilter
                Properties:
                  LogGroupName: !Ref Logs
                  FilterPattern: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }'
                  MetricTransformations: [{ MetricNamespace: CIS, MetricName: KeyLifecycle, MetricValue: "1" }]
              Alarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmDescription: 'Runbook: https://wiki.example.com/kms'
                  Namespace: CIS
                  MetricName: KeyLifecycle
                  Statistic: Sum
                  Period: 60
                  EvaluationPeriods: 1
                  Threshold: 1
                  ComparisonOperator: GreaterThanOrEqualToThreshold
                  AlarmActions: [!Ref Alerts]
            """;
        var report = Coverage(filterRoute);

        var route = report.Routes.Single();
        Assert.Equal(new[] { "Trail", "Logs", "Filter", "Alarm", "Alerts", "OnCall" }, route.Stages.Select(stage => Assert.Single(stage).Name));
        Assert.Equal(5 + 1 + 1, route.WorstCaseMinutesToDetect);
        Assert.Equal(MonitoringStatus.Monitored, Key(report, "KeyB").Status);
        Assert.Contains(report.Edges, edge => edge.IsRecording && edge.From.Name == "KeyB" && edge.To.Name == "Trail");
    }
}
