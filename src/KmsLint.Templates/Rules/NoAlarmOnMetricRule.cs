using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS300: a filter that counts key lifecycle events, but no alarm watches what it counts.</summary>
public sealed class NoAlarmOnMetricRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.NoAlarmOnMetric;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var filter in graph.DetectionRoutes.Filters)
        {
            if (!filter.MatchesLifecycleEvent || filter.Alarms.Count > 0)
            {
                continue;
            }

            var metrics = filter.Filter.Metrics.Count == 0
                ? "a metric without a literal namespace and name"
                : string.Join(", ", filter.Filter.Metrics);
            yield return Report(filter.Resource.SpanOf("MetricTransformations"),
                $"Metric filter {filter.Resource.LogicalId} publishes {metrics}, but no alarm watches it, so a key lifecycle event only increments a counter. " +
                "Add an AWS::CloudWatch::Alarm with the same Namespace and MetricName (Statistic Sum, Threshold 1, GreaterThanOrEqualToThreshold, AlarmActions to a subscribed topic).",
                filter.Resource.LogicalId);
        }
    }
}
