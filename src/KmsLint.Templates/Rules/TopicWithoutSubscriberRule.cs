using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS303: the alert reaches a topic nobody listens to, or a target KmsLint cannot follow to a topic (reported
/// rather than assumed fine: declare it in <c>external.topics</c>).
/// </summary>
public sealed class TopicWithoutSubscriberRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.TopicWithoutSubscriber;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var matching = graph.DetectionRoutes.All.Where(d => d.MatchesLifecycleEvent).ToList();
        foreach (var topic in matching.SelectMany(d => d.Topics).Distinct())
        {
            if (topic.Resource is { } resource && graph.SubscriptionsOf(topic).Count == 0)
            {
                yield return Report(resource,
                    $"SNS topic {resource.LogicalId} receives key lifecycle alerts but has no subscription in the linted templates, so nobody reads them. " +
                    "Add a Subscription (or an AWS::SNS::Subscription with TopicArn !Ref " + resource.LogicalId + "), or, if it is subscribed elsewhere, declare its ARN under external.topics in .kmslint.yaml.");
            }
        }

        foreach (var target in matching.SelectMany(d => d.UnfollowedTargets).Distinct())
        {
            yield return Report(target.Location,
                $"{target.Owner.LogicalId} notifies a target KmsLint cannot follow to a topic ({target.Reason}), so it cannot tell whether anyone is subscribed. " +
                "Reference a topic defined or exported in the linted templates, or give the value a literal ARN (e.g. a parameter Default) and declare that ARN under external.topics in .kmslint.yaml.",
                target.Owner.LogicalId);
        }
    }
}
