using KmsLint.Templates.Findings;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

/// <summary>The detection-route view the KMS2xx/KMS3xx rules (and KMS404) read, and what their findings tell the user.</summary>
public class RouteModelTests
{
    private const string Stack = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          OnCallTopicArn: { Type: String }
        Resources:
          TrailLogGroup:
            Type: AWS::Logs::LogGroup
            Properties: { LogGroupName: /org/cloudtrail }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: audit-bucket
              CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn
          Filter:
            Type: AWS::Logs::MetricFilter
            Properties:
              LogGroupName: !Ref TrailLogGroup
              FilterPattern: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }'
              MetricTransformations: [{ MetricNamespace: CIS, MetricName: KeyLifecycle, MetricValue: "1" }]
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Namespace: CIS
              MetricName: KeyLifecycle
              Statistic: Sum
              Period: 300
              EvaluationPeriods: 1
              Threshold: 1
              ComparisonOperator: GreaterThanOrEqualToThreshold
              AlarmActions: [!Ref Alerts]
          Alerts:
            Type: AWS::SNS::Topic
          AlertsSubscription:
            Type: AWS::SNS::Subscription
            Properties: { TopicArn: !Ref Alerts, Protocol: email, Endpoint: oncall@example.com }
          Unrelated:
            Type: AWS::Logs::MetricFilter
            Properties:
              LogGroupName: !Ref TrailLogGroup
              FilterPattern: '{ $.errorCode = "AccessDenied" }'
              MetricTransformations: [{ MetricNamespace: CIS, MetricName: Denied, MetricValue: "1" }]
          KeyRule:
            Type: AWS::Events::Rule
            Properties:
              EventPattern:
                source: [aws.kms]
                detail: { eventName: [DisableKey, ScheduleKeyDeletion], resources: { ARN: [!GetAtt Key.Arn] } }
              Targets: [{ Arn: !Ref OnCallTopicArn, Id: oncall }]
          Key:
            Type: AWS::KMS::Key
        """;

    [Fact]
    public void Every_filter_and_rule_is_a_detection_with_its_verdict_computed_once()
    {
        var routes = GraphOf(("stack.yaml", Stack)).Routes;

        Assert.Equal(new[] { "Filter", "Unrelated", "KeyRule" }, routes.All.Select(d => d.LogicalId));
        var filter = routes.Filters[0];
        Assert.Same(filter.Pattern, filter.Pattern);
        Assert.True(filter.MatchesBothLifecycleEvents);
        Assert.True(filter.IsMeantForKeyLifecycle);
        Assert.False(routes.Filters[1].IsMeantForKeyLifecycle);
        Assert.Equal(new[] { "Trail" }, filter.DeliveringTrails.Select(t => t.Name));
        Assert.Equal(new[] { "Alarm" }, filter.Alarms.Select(a => a.Alarm.Name));
        Assert.Equal(new[] { "Alerts" }, filter.Targets.SelectMany(t => t.Topics).Select(t => t.Name));
        Assert.True(filter.Works(Routes.LifecycleEvent.DisableKey));
        Assert.Equal(5 + 5 + 1, filter.WorstCaseMinutesToDetect);
    }

    [Fact]
    public void An_intrinsic_in_an_event_pattern_scopes_the_rule_and_counts_as_matching()
    {
        var rule = GraphOf(("stack.yaml", Stack)).Routes.EventRules.Single();

        Assert.Equal(new[] { "detail.resources.ARN" }, rule.Pattern.ScopedFields);
        Assert.True(rule.MatchesBothLifecycleEvents);
        Assert.Equal("parameter OnCallTopicArn has no Default", rule.Targets.Single().UnknownReason, ignoreCase: true);
        Assert.Equal(Routes.RouteStatus.Unknown, rule.StatusFor(Routes.LifecycleEvent.ScheduleKeyDeletion));
    }

    [Fact]
    public void Resources_on_routes_are_the_chain_of_every_matching_detection_once()
    {
        var resources = GraphOf(("stack.yaml", Stack)).Routes.ResourcesOnRoutes();

        Assert.Equal(new[] { "Trail", "TrailLogGroup", "Filter", "Alarm", "Alerts", "AlertsSubscription", "KeyRule" }, resources.Select(r => r.LogicalId));
    }

    [Fact]
    public void A_disabled_rule_sees_nothing()
    {
        var disabled = Stack.Replace("      Targets: [{ Arn: !Ref OnCallTopicArn", "      State: DISABLED\n      Targets: [{ Arn: !Ref OnCallTopicArn");

        var rule = GraphOf(("stack.yaml", disabled)).Routes.EventRules.Single();
        Assert.False(rule.IsEnabled);
        Assert.Equal(Routes.RouteStatus.Broken, rule.StatusFor(Routes.LifecycleEvent.DisableKey));
    }

    [Fact]
    public void A_rule_filtering_on_the_envelope_resources_never_fires_and_Kms201_says_why()
    {
        // CloudTrail API calls reach EventBridge with "resources": [], so the widdix-style key scope never matches.
        var envelopeScoped = Stack.Replace(
            "detail: { eventName: [DisableKey, ScheduleKeyDeletion], resources: { ARN: [!GetAtt Key.Arn] } }",
            "resources: [!GetAtt Key.Arn]\n        detail: { eventName: [DisableKey, ScheduleKeyDeletion] }");

        var rule = GraphOf(("stack.yaml", envelopeScoped)).Routes.EventRules.Single();
        Assert.Empty(rule.Pattern.ScopedFields);
        Assert.True(rule.Pattern.Verdict!.MatchesNothing);
        var finding = Assert.Single(Linter.Lint(new[] { Source("t.yaml", envelopeScoped) }, LintSettings.Default).OfRule(RuleCatalog.DetectionMissesEvent));
        Assert.Contains("empty resources list", finding.Message);
        Assert.Contains("detail.resources.ARN", finding.Message);
    }

    [Fact]
    public void Kms200_counts_only_the_accepted_routes()
    {
        var eventBridgeOnly = """
            Resources:
              KeyRule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: '{"source": ["aws.kms"], "detail": {"eventName": ["DisableKey", "ScheduleKeyDeletion"]}}'
                  Targets: [{ Arn: !Ref Alerts, Id: alerts }]
              Alerts:
                Type: AWS::SNS::Topic
                Properties: { Subscription: [{ Protocol: email, Endpoint: oncall@example.com }] }
            """;

        Assert.Empty(Linter.Lint(new[] { Source("t.yaml", eventBridgeOnly) }, LintSettings.Default).OfRule(RuleCatalog.NoKeyLifecycleDetection));
        var cisAudit = LintSettings.Default with { AcceptedRoutes = DetectionRoutes.MetricFilter };
        var finding = Assert.Single(Linter.Lint(new[] { Source("t.yaml", eventBridgeOnly) }, cisAudit).OfRule(RuleCatalog.NoKeyLifecycleDetection));
        Assert.Contains("CloudWatch Logs metric filter", finding.Message);
    }

    [Fact]
    public void An_external_topic_needs_no_subscription_in_the_set()
    {
        var arn = "arn:aws:sns:eu-west-1:111122223333:security-alerts";
        var stack = Stack.Replace("!Ref OnCallTopicArn", "'" + arn + "'");

        var note = Assert.Single(Linter.Lint(new[] { Source("t.yaml", stack) }, LintSettings.Default).OfRule(RuleCatalog.TopicWithoutSubscriber));
        Assert.Equal(Level.Note, note.Level);
        Assert.Contains($"external: {{topics: [\"{arn}\"]}}", note.Message);
        var external = LintSettings.Default with { External = new ExternalResources(Array.Empty<ExternalTrail>(), new[] { arn }) };
        Assert.Empty(Linter.Lint(new[] { Source("t.yaml", stack) }, external).OfRule(RuleCatalog.TopicWithoutSubscriber));
    }

    [Theory]
    [InlineData("'{($.eventSource=kms.amazonaws.com)&&($.eventName=DisableKey)}'", "misses ScheduleKeyDeletion")]
    [InlineData("'{($.eventSource=kms.amazonaws.com)&&($.eventName=ScheduleKeyDeletion)}'", "misses DisableKey")]
    [InlineData("'{($.eventName=DisableKey)&&($.eventName=ScheduleKeyDeletion)}'", "both DisableKey and ScheduleKeyDeletion, && where || was meant")]
    public void Kms201_says_what_the_filter_misses(string pattern, string expected)
    {
        var finding = Assert.Single(LintDetection(pattern).OfRule(RuleCatalog.DetectionMissesEvent));

        Assert.StartsWith("Metric filter Filter ", finding.Message);
        Assert.Contains(expected, finding.Message);
    }

    [Fact]
    public void Kms202_lists_the_ordinary_events_matched()
    {
        var finding = Assert.Single(LintDetection("'{($.eventSource=kms.amazonaws.com)&&(($.eventName=Disable*)||($.eventName=ScheduleKeyDeletion))}'")
            .OfRule(RuleCatalog.DetectionMatchesOrdinaryTraffic));

        Assert.Contains("DisableKeyRotation (kms.amazonaws.com)", finding.Message);
        Assert.DoesNotContain("Decrypt", finding.Message);
    }

    [Fact]
    public void Kms204_carries_the_engine_message_and_points_inside_the_quoted_pattern()
    {
        var report = LintDetection("\"{ $.eventName = DisableKey || }\"");

        var finding = Assert.Single(report.OfRule(RuleCatalog.PatternDoesNotParse));
        Assert.Contains("FilterPattern of metric filter Filter does not parse: ", finding.Message);
        Assert.Empty(report.OfRule(RuleCatalog.NoKeyLifecycleDetection));
        var column = "      FilterPattern: \"{ $.eventName = DisableKey || ".Length + 1;
        Assert.Equal((6, column), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    [Fact]
    public void A_pattern_that_cannot_be_resolved_does_not_silence_Kms200()
    {
        var report = LintDetection("!Sub '{($.eventSource=${Source})&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}'",
            parameters: "Parameters:\n  Source: { Type: String }\n");

        var finding = Assert.Single(report.OfRule(RuleCatalog.NoKeyLifecycleDetection));
        Assert.Contains("the pattern of Filter cannot be resolved", finding.Message);
        Assert.Equal(Level.Note, finding.Level);
        Assert.Empty(report.OfRule(RuleCatalog.DetectionMissesEvent));
        Assert.Empty(report.OfRule(RuleCatalog.PatternDoesNotParse));
    }

    [Fact]
    public void An_event_pattern_made_only_of_intrinsics_is_not_a_syntax_error()
    {
        var onlyIntrinsics = Stack.Replace(
            """
                    source: [aws.kms]
                    detail: { eventName: [DisableKey, ScheduleKeyDeletion], resources: { ARN: [!GetAtt Key.Arn] } }
            """,
            """
                    detail: { resources: { ARN: [!GetAtt Key.Arn] } }
            """);

        Assert.NotEqual(Stack, onlyIntrinsics);
        Assert.Empty(Linter.Lint(new[] { Source("t.yaml", onlyIntrinsics) }, LintSettings.Default).OfRule(RuleCatalog.PatternDoesNotParse));
    }

    [Fact]
    public void Kms203_on_an_unknown_log_group_says_how_to_declare_the_trail()
    {
        var report = LintDetection("'{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}'",
            logGroup: "!Ref TrailLogGroupName", parameters: "Parameters:\n  TrailLogGroupName: { Type: String }\n");

        var finding = Assert.Single(report.OfRule(RuleCatalog.FilterOnUntrailedLogGroup));
        Assert.Contains("external.trails[].log_group", finding.Message);
        Assert.Equal(Level.Note, finding.Level);
    }

    private static LintReport LintDetection(string pattern, string logGroup = "/org/cloudtrail", string parameters = "") =>
        Lint(parameters + $$"""
            Resources:
              Filter:
                Type: AWS::Logs::MetricFilter
                Properties:
                  LogGroupName: {{logGroup}}
                  FilterPattern: {{pattern}}
                  MetricTransformations: [{ MetricNamespace: CIS, MetricName: KeyLifecycle, MetricValue: "1" }]
            """, settings: LintSettings.Default);
}
