using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS202: a filter or rule that catches the lifecycle events but also everyday KMS calls, so people learn to ignore it.</summary>
public sealed class DetectionMatchesOrdinaryTrafficRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.DetectionMatchesOrdinaryTraffic;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var detection in graph.DetectionRoutes.All)
        {
            if (!detection.MatchesLifecycleEvent || detection.Pattern.Verdict!.MatchedNeighbours is not { Count: > 0 } neighbours)
            {
                continue;
            }

            var names = string.Join(", ", neighbours.Select(n => n.EventName + " (" + n.EventSource + ")").Distinct());
            yield return Report(detection.PatternSpan,
                $"{detection.Kind} {detection.Resource.LogicalId} also matches ordinary traffic: {names}; the alarm will fire for everyday calls and be ignored. " +
                "Test eventSource = kms.amazonaws.com and the exact eventName values DisableKey and ScheduleKeyDeletion (no wildcards such as Disable*).",
                detection.Resource.LogicalId);
        }
    }
}
