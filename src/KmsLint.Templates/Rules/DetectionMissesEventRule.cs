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
                ? $"{name} matches no real CloudTrail event: it requires something a real event never has (e.g. && where || was meant, a misspelt field or value)"
                : verdict.MatchesDisableKey
                    ? $"{name} misses ScheduleKeyDeletion"
                    : verdict.MatchesScheduleKeyDeletion
                        ? $"{name} misses DisableKey"
                        : $"{name} misses both DisableKey and ScheduleKeyDeletion";
            yield return Report(detection.PatternSpan,
                problem + ". Match eventSource kms.amazonaws.com with eventName DisableKey or ScheduleKeyDeletion, e.g. " +
                "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}.",
                detection.Resource.LogicalId);
        }
    }
}
