using KmsLint.Templates.Graph;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

public class RepoGraphTests
{
    private const string Monitoring = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          GroupName: { Type: String, Default: org-trail-logs }
        Resources:
          Group:
            Type: AWS::Logs::LogGroup
            Properties: { LogGroupName: cloudtrail-logs }
          ByArn:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              CloudWatchLogsLogGroupArn: !GetAtt Group.Arn
          ByLiteral:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              CloudWatchLogsLogGroupArn: !Sub 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:cloudtrail-logs:*'
          BySubRef:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              CloudWatchLogsLogGroupArn: !Sub 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Group}:*'
          FilterByRef:
            Type: AWS::Logs::MetricFilter
            Properties:
              LogGroupName: !Ref Group
              FilterPattern: '{ $.eventName = DisableKey }'
              MetricTransformations: [{ MetricNamespace: CIS, MetricName: KmsKeyLifecycle, MetricValue: "1" }]
          FilterOnExternal:
            Type: AWS::Logs::MetricFilter
            Properties:
              LogGroupName: !Ref GroupName
              FilterPattern: '{ $.eventName = DisableKey }'
              MetricTransformations: [{ MetricNamespace: CIS, MetricName: Other, MetricValue: "1" }]
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Namespace: CIS
              MetricName: KmsKeyLifecycle
              AlarmActions: [!Ref Topic, !ImportValue oncall-topic, 'arn:aws:sns:us-east-1:111122223333:pager']
          MathAlarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Metrics:
                - Id: m1
                  MetricStat: { Metric: { Namespace: CIS, MetricName: Other }, Period: 60, Stat: Sum }
              AlarmActions: !If [IsProd, [!Ref Topic], !Ref AWS::NoValue]
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: kms-alerts
              Subscription: [{ Protocol: email, Endpoint: sec@example.com }]
          Rule:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: { source: [aws.kms] }
              Targets: [{ Id: t, Arn: !Sub 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:kms-alerts' }]
          Key: { Type: AWS::KMS::Key }
          KeyAlias:
            Type: AWS::KMS::Alias
            Properties: { AliasName: alias/app, TargetKeyId: !Ref Key }
        """;

    private const string Notifications = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          OnCall: { Type: AWS::SNS::Topic }
          OnCallSubscription:
            Type: AWS::SNS::Subscription
            Properties: { TopicArn: !Ref OnCall, Protocol: https, Endpoint: https://pager.example.com }
        Outputs:
          OnCallArn:
            Value: !Ref OnCall
            Export: { Name: oncall-topic }
        """;

    private static readonly ExternalResources External = new(
        new[] { new ExternalTrail("org-trail", "arn:aws:logs:us-east-1:111122223333:log-group:org-trail-logs:*") },
        new[] { "arn:aws:sns:us-east-1:111122223333:pager" });

    private readonly RepoGraph graph = GraphOf(External, ("monitoring.yaml", Monitoring), ("notifications.yaml", Notifications));

    private T Node<T>(string logicalId)
        where T : GraphNode =>
        graph.Trails.Concat<GraphNode>(graph.LogGroups).Concat(graph.MetricFilters).Concat(graph.Alarms).Concat(graph.Topics)
            .Concat(graph.EventRules).Concat(graph.EventBuses).Concat(graph.Keys).OfType<T>().Single(n => n.Name == logicalId);

    [Theory]
    [InlineData("ByArn")]
    [InlineData("ByLiteral")]
    [InlineData("BySubRef")]
    public void Trails_deliver_to_the_log_group_they_name(string trail)
    {
        var group = Assert.Single(graph.Delivery.From(Node<Trail>(trail)));

        Assert.Equal("Group", group.LogicalId);
    }

    [Fact]
    public void External_trails_take_part_with_their_log_group()
    {
        var external = Assert.Single(graph.Trails, t => t.IsExternal);

        var group = Assert.Single(graph.Delivery.From(external));
        Assert.Equal("org-trail-logs", group.Name);
        Assert.Equal(new[] { "FilterOnExternal" }, graph.Watching.To(group).Select(f => f.Name));
        Assert.Equal(4, graph.Trails.Count);
    }

    [Fact]
    public void Filters_watch_log_groups_delivered_to_by_trails()
    {
        var group = Node<LogGroup>("Group");

        Assert.Equal(new[] { "FilterByRef" }, graph.Watching.To(group).Select(f => f.Name));
        Assert.Equal(new[] { "ByArn", "ByLiteral", "BySubRef" }, graph.Delivery.To(group).Select(t => t.Name).OrderBy(n => n));
    }

    [Fact]
    public void Alarms_watch_the_metrics_filters_publish()
    {
        var lifecycle = Assert.Single(Node<MetricFilter>("FilterByRef").Metrics);

        Assert.Equal(new MetricId("CIS", "KmsKeyLifecycle"), lifecycle);
        Assert.Equal(new[] { "Alarm" }, graph.AlarmsOnMetrics.From(Node<MetricFilter>("FilterByRef")).Select(a => a.Name));
        Assert.Equal(new[] { "MathAlarm" }, graph.AlarmsOnMetrics.From(Node<MetricFilter>("FilterOnExternal")).Select(a => a.Name));
        Assert.Equal("m1", Assert.Single(Node<Alarm>("MathAlarm").Metrics).QueryId);
    }

    [Fact]
    public void Alarm_actions_reach_topics_by_ref_import_and_external_arn()
    {
        var topics = graph.AlarmTopics.From(Node<Alarm>("Alarm"));

        Assert.Equal(new[] { "Topic", "OnCall", "arn:aws:sns:us-east-1:111122223333:pager" }, topics.Select(t => t.Name));
        Assert.Equal("notifications.yaml", topics[1].Resource!.Template.Path);
        Assert.True(topics[2].IsExternal);
        Assert.Equal(new[] { "Topic" }, graph.AlarmTopics.From(Node<Alarm>("MathAlarm")).Select(t => t.Name));
    }

    [Fact]
    public void Subscriptions_belong_to_their_topic_inline_or_as_resources()
    {
        var inline = Assert.Single(graph.Subscriptions.From(Node<Topic>("Topic")));
        Assert.Null(inline.Resource);
        Assert.Equal("email", inline.Definition.At("Protocol")!.ScalarText);

        var resource = Assert.Single(graph.Subscriptions.From(Node<Topic>("OnCall")));
        Assert.Equal(("OnCallSubscription", "https"), (resource.Resource!.LogicalId, resource.Definition.At("Protocol")!.ScalarText));
    }

    [Fact]
    public void Event_rule_targets_reach_the_topic_named_in_an_arn()
    {
        var rule = Node<EventRule>("Rule");

        Assert.Equal(new[] { "Topic" }, graph.RuleTopics.From(rule).Select(t => t.Name));
        Assert.Same(graph.DefaultBus, Assert.Single(graph.RuleBuses.From(rule)));
    }

    [Fact]
    public void Unknown_values_never_make_an_edge()
    {
        var unknown = GraphOf(("t.yaml", """
            Parameters:
              GroupArn: { Type: String }
            Resources:
              Group: { Type: AWS::Logs::LogGroup }
              Trail:
                Type: AWS::CloudTrail::Trail
                Properties: { CloudWatchLogsLogGroupArn: !Ref GroupArn }
            """));

        Assert.Empty(unknown.Delivery.From(unknown.Trails.Single()));
    }
}
