using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS103: a metric filter can only see events a trail delivers to CloudWatch Logs. Reported once, when the
/// metric-filter route is needed (it is the only accepted route, or no EventBridge rule is meant for key
/// lifecycle events) and no trail delivers there.
/// </summary>
public sealed class TrailNotDeliveringToLogsRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.TrailNotDeliveringToLogs;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var trails = graph.Routes.Trails.Values.ToList();
        if (trails.Count == 0 || trails.Any(trail => trail.DeliversToLogs) || !MetricFilterRouteNeeded(graph, settings))
        {
            yield break;
        }

        var declared = trails.Where(trail => !trail.Trail.IsExternal).ToList();
        var target = (declared.FirstOrDefault(trail => trail.IsMultiRegion.Any(reading => reading.Boolean == true)) ?? declared.FirstOrDefault())?.Trail.Resource;
        const string WayOut = "Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn on the trail, or declare the organization trail's log group under external.trails[].log_group in .kmslint.yaml.";
        Finding Qualified(SourceSpan location, string message, string? logicalId = null)
        {
            var (text, level) = settings.Unparsed.Qualify(
                message, Descriptor.DefaultLevel, "a trail that delivers to CloudWatch Logs or an EventBridge rule", "AWS::CloudTrail::Trail", "AWS::Events::Rule");
            return Report(level, location, text, logicalId);
        }

        if (target is null)
        {
            if (graph.ClosestTemplate() is { } closest)
            {
                yield return Qualified(closest.Start, "No trail delivers to CloudWatch Logs, so no metric filter can see key lifecycle events. " + WayOut);
            }

            yield break;
        }

        var missing = new[] { "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn" }.Where(p => target.Property(p) is null);
        yield return Qualified(target.Span,
            $"Trail {target.LogicalId} does not deliver to CloudWatch Logs ({string.Join(" and ", missing)} not set), and no other trail does, "
            + "so no metric filter can see key lifecycle events. " + WayOut,
            target.LogicalId);
    }

    /// <summary>
    /// The metric-filter route is needed when it is the only accepted one, or when no EventBridge rule is there to carry
    /// the alert instead (a disabled rule counts: enabling it is the way out, not building the other route).
    /// </summary>
    private static bool MetricFilterRouteNeeded(RepoGraph graph, LintSettings settings) =>
        (settings.AcceptedRoutes & DetectionRoutes.EventBridge) == 0
        || !graph.Routes.EventRules.Any(rule => rule.IsMeantForKeyLifecycle);
}
