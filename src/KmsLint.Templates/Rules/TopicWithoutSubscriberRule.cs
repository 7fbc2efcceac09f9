using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS303: the alert of a detection reaches nobody: a topic of the set with no subscription, an EventBridge rule with
/// no targets. Where the target lies outside the set (a topic ARN, a parameter without Default, another account's bus,
/// a function), KmsLint cannot see its subscribers: a note that says how to declare it.
/// </summary>
public sealed class TopicWithoutSubscriberRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.TopicWithoutSubscriber;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var alerting = graph.Routes.All.Where(d => d.IsEnabled && d.MatchesLifecycleEvent && (d.IsMeantForKeyLifecycle || d is FilterDetection)).ToList();
        foreach (var rule in alerting.OfType<EventRuleDetection>().Where(rule => !rule.Rule.Targets.Any()))
        {
            yield return Report(rule.Resource.SpanOf("Targets"),
                $"{rule.Title} matches key lifecycle events but has no Targets, so nobody is told. Add a target with the ARN of a subscribed SNS topic.", rule.LogicalId);
        }

        var targets = alerting.SelectMany(d => d.Targets).ToList();
        foreach (var topic in targets.SelectMany(target => target.Topics).Distinct())
        {
            if (topic.Resource is { } resource && graph.Subscriptions.From(topic).Count == 0)
            {
                yield return Report(resource,
                    $"SNS topic {resource.LogicalId} receives key lifecycle alerts but has no subscription in the linted templates, so nobody reads them. " +
                    "Add a Subscription (or an AWS::SNS::Subscription with TopicArn !Ref " + resource.LogicalId + "), or, if it is subscribed elsewhere, declare its ARN under external.topics in .kmslint.yaml.");
            }
        }

        var reported = new HashSet<SourceSpan>();
        foreach (var target in targets.Where(target => target.Topics.Count == 0 && target.Buses.Count == 0 && reported.Add(target.Location)))
        {
            yield return Report(Level.Note, target.Location, Unfollowed(target), target.Owner.LogicalId);
        }
    }

    private static string Unfollowed(NotificationTarget target)
    {
        var owner = target.Owner.LogicalId;
        if (target.UnknownReason is { } reason)
        {
            var parameter = TopicParameter(target);
            return $"{owner} notifies a target KmsLint cannot follow ({reason}), so it cannot tell whether anyone is subscribed. "
                + (parameter is null
                    ? "If it is a subscribed topic, declare its ARN under external.topics in .kmslint.yaml, e.g. external: {topics: [\"arn:aws:sns:${AWS::Region}:${AWS::AccountId}:security-alerts\"]}"
                    : $"If parameter {parameter} is given the ARN of a subscribed topic, declare it in .kmslint.yaml: external: {{topic_parameters: [{parameter}]}}");
        }

        return target.IsOutsideTopic
            ? $"{owner} notifies topic {target.OutsideArn}, which is not defined in the linted templates, so KmsLint cannot see its subscribers. "
              + $"If it is subscribed, declare it in .kmslint.yaml: external: {{topics: [\"{target.OutsideArn}\"]}}"
            : $"{owner} notifies {target.OutsideArn}, which is not an SNS topic of the linted templates, so KmsLint cannot tell whether it reaches anyone. "
              + $"If it does, declare it in .kmslint.yaml: external: {{topics: [\"{target.OutsideArn}\"]}}, or suppress this note on {owner}";
    }

    /// <summary>The parameter the target names with a plain <c>Ref</c> (<c>!Ref AlertTopicArn</c>), or null.</summary>
    private static string? TopicParameter(NotificationTarget target) =>
        target.Item is IntrinsicNode { Function: IntrinsicFunction.Ref, ReferencedName: { } name } && target.Owner.Template.ParametersByName.ContainsKey(name) ? name : null;
}
