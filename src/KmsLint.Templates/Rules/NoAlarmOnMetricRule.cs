using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS300: a filter that counts key lifecycle events, but no alarm watches what it counts. An alarm that names the
/// same metric name in another namespace (or the same namespace and a misspelt name) is the likely intent: the
/// finding goes on that alarm's property, naming both values.
/// </summary>
public sealed class NoAlarmOnMetricRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.NoAlarmOnMetric;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var filter in graph.Routes.Filters)
        {
            if (!filter.MatchesLifecycleEvent || filter.Alarms.Count > 0)
            {
                continue;
            }

            var published = filter.Filter.Metrics.ToList();
            if (NearMiss(graph, published) is { } nearMiss)
            {
                var (alarm, property, watched, metric) = nearMiss;
                yield return Report(alarm.Resource.SpanOf(property),
                    $"Alarm {alarm.LogicalId} watches {watched}, but metric filter {filter.LogicalId} publishes {metric}: its {property} is {(property == "Namespace" ? watched.Namespace : watched.Name)}, "
                    + $"not {(property == "Namespace" ? metric.Namespace : metric.Name)}, so it never sees a datapoint and a key lifecycle event only increments a counter. "
                    + $"Set {property}: {(property == "Namespace" ? metric.Namespace : metric.Name)}.",
                    alarm.LogicalId);
                continue;
            }

            var metrics = published.Count == 0 ? "a metric without a literal namespace and name" : string.Join(", ", published);
            yield return Report(filter.Resource.SpanOf("MetricTransformations"),
                $"Metric filter {filter.LogicalId} publishes {metrics}, but no alarm watches it, so a key lifecycle event only increments a counter. " +
                "Add an AWS::CloudWatch::Alarm with the same Namespace and MetricName (Statistic Sum, Threshold 1, GreaterThanOrEqualToThreshold, AlarmActions to a subscribed topic).",
                filter.LogicalId);
        }
    }

    /// <summary>An alarm whose metric differs from a published one in its namespace, or by a misspelling of its name.</summary>
    private static (Alarm Alarm, string Property, MetricId Watched, MetricId Published)? NearMiss(RepoGraph graph, IReadOnlyList<MetricId> published)
    {
        foreach (var alarm in graph.Alarms)
        {
            foreach (var watched in alarm.Metrics.Where(w => w.QueryId is null).Select(w => w.Id))
            {
                foreach (var metric in published)
                {
                    if (watched.Name == metric.Name && watched.Namespace != metric.Namespace)
                    {
                        return (alarm, "Namespace", watched, metric);
                    }

                    if (watched.Namespace == metric.Namespace && Suggestions.Closest(watched.Name, new[] { metric.Name }) is not null)
                    {
                        return (alarm, "MetricName", watched, metric);
                    }
                }
            }
        }

        return null;
    }
}
