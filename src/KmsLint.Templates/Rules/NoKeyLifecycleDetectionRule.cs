using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS200: nothing in the repository would alert on DisableKey and ScheduleKeyDeletion. Reported only when no
/// filter or rule is even meant for them; a broken attempt is KMS201/KMS204's finding, not a second one here.
/// </summary>
public sealed class NoKeyLifecycleDetectionRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.NoKeyLifecycleDetection;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        // Only accepted routes count, for the match and for the "meant for" excuse alike: under a metric-filter-only
        // policy a perfect EventBridge rule must not silence this finding.
        var detections = graph.DetectionRoutes.All.Where(d => (settings.AcceptedRoutes & d.Route) != 0).ToList();
        if (graph.ClosestTemplate() is not { } closest
            || detections.Any(d => d.MatchesBothLifecycleEvents || d.IsMeantForKeyLifecycle))
        {
            yield break;
        }

        var routes = settings.AcceptedRoutes switch
        {
            DetectionRoutes.MetricFilter => "a CloudWatch Logs metric filter",
            DetectionRoutes.EventBridge => "an EventBridge rule",
            _ => "a CloudWatch Logs metric filter or an EventBridge rule",
        };
        yield return Report(closest.Start,
            $"No enabled detection matches both DisableKey and ScheduleKeyDeletion: nobody is alerted when a KMS key is disabled or scheduled for deletion. Add {routes} for eventSource kms.amazonaws.com and eventName DisableKey or ScheduleKeyDeletion (`kmslint init` writes one).");
    }
}
