using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS201: a filter or rule written for key lifecycle events that misses one of them, or can never match a real event.</summary>
public sealed class DetectionMissesEventRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.DetectionMissesEvent;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var detection in graph.DetectionRoutes.All)
        {
            if (!detection.IsMeantForKeyLifecycle || detection.Pattern.Verdict is not { } verdict || verdict.MatchesBothLifecycleEvents)
            {
                continue;
            }

            var name = $"{char.ToUpperInvariant(detection.Kind[0])}{detection.Kind.Substring(1)} {detection.Resource.LogicalId}";
            var problem = verdict.MatchesNothing
                ? $"{name} matches no real CloudTrail event: it requires something a real event never has ({LikelyCause(detection)})"
                : verdict.MatchesDisableKey
                    ? $"{name} misses ScheduleKeyDeletion"
                    : verdict.MatchesScheduleKeyDeletion
                        ? $"{name} misses DisableKey"
                        : $"{name} misses both DisableKey and ScheduleKeyDeletion";
            yield return Report(detection.PatternSpan,
                problem + ". " + (detection.Route == DetectionRoutes.EventBridge ? EventPatternFix : FilterPatternFix),
                detection.Resource.LogicalId);
        }
    }

    private const string FilterPatternFix =
        "Match eventSource kms.amazonaws.com with eventName DisableKey or ScheduleKeyDeletion, e.g. " +
        "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}.";

    private const string EventPatternFix =
        "Match source aws.kms, detail-type AWS API Call via CloudTrail, detail.eventSource kms.amazonaws.com and " +
        "detail.eventName [DisableKey, ScheduleKeyDeletion]; to watch one key, filter on detail.resources.ARN.";

    /// <summary>
    /// The envelope's <c>resources</c> is the common trap of key-scoped rules: CloudTrail API-call events reach
    /// EventBridge with <c>"resources": []</c>, so the rule never fires.
    /// </summary>
    private static string LikelyCause(Detection detection) =>
        detection.Resource.Property("EventPattern") is Yaml.MappingNode { } pattern && pattern["resources"] is not null
        || detection.Pattern.Text?.Contains("\"resources\"") == true
            ? "it filters on the event's resources, but EventBridge delivers CloudTrail API calls with an empty resources list"
            : "e.g. && where || was meant, a misspelt field or value";
}
