using KmsLint.Patterns;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS202: a detection that catches the lifecycle events but also everyday KMS calls, so people learn to ignore it.
/// Judged for detections meant for key lifecycle events or that notify a topic; a forwarder or a catch-all feeding a
/// log pipeline is not an alert.
/// </summary>
public sealed class DetectionMatchesOrdinaryTrafficRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.DetectionMatchesOrdinaryTraffic;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var detection in graph.Routes.Detections)
        {
            if (!detection.IsEnabled || !detection.MatchesLifecycleEvent || detection.Pattern.Verdict!.MatchedNeighbours is not { Count: > 0 } neighbours
                || !(detection.IsMeantForKeyLifecycle || detection.Targets.Any(target => target.Topics.Count > 0)))
            {
                continue;
            }

            var names = string.Join(", ", neighbours.Select(Describe).Distinct());
            yield return Report(detection.PatternSpan,
                $"{detection.Title} also matches ordinary traffic: {names}; {(detection is FilterDetection ? "its alarm fires" : "it alerts")} on everyday calls and will be ignored. " +
                "Test eventSource = kms.amazonaws.com and the exact eventName values DisableKey and ScheduleKeyDeletion (no wildcards such as Disable*).",
                detection.LogicalId);
        }
    }

    /// <summary>A neighbour as a reader recognises it; the other-source record is synthetic, so it is described, not named.</summary>
    private static string Describe(CloudTrailSample sample) =>
        sample.EventSource == "kms.amazonaws.com"
            ? sample.EventName + " (" + sample.EventSource + ")"
            : $"a {sample.EventName} from another event source (the pattern does not test eventSource)";
}
