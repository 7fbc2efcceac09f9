using System.Globalization;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS301: an alarm on a lifecycle metric that one event does not trip. One event makes the filter publish one
/// datapoint of its MetricValue (usually 1) in one period; the statistic, the comparison with the threshold and
/// the periods/datapoints needed must all let that single datapoint breach.
/// </summary>
public sealed class AlarmDoesNotFireOnOneEventRule : LintRule
{
    private static readonly string[] SingleDatapointStatistics = { "Sum", "Maximum", "SampleCount", "Average", "Minimum" };

    public override RuleDescriptor Descriptor => RuleCatalog.AlarmDoesNotFireOnOneEvent;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var checkedAlarms = new HashSet<Alarm>();
        foreach (var filter in graph.DetectionRoutes.Filters.Where(f => f.MatchesLifecycleEvent))
        {
            var value = MetricValueOf(filter.Filter.Resource);
            foreach (var alarm in filter.Alarms.Where(checkedAlarms.Add))
            {
                foreach (var finding in Problems(alarm.Resource, value))
                {
                    yield return finding;
                }
            }
        }
    }

    private IEnumerable<Finding> Problems(Resource alarm, double? eventValue)
    {
        var id = alarm.LogicalId;
        var (statistic, statisticProperty) = StatisticOf(alarm);
        if (statistic is not null && StatisticProblem(statistic) is { } why)
        {
            yield return Report(alarm.SpanOf(statisticProperty), $"Alarm {id} uses {statisticProperty} {statistic}: {why}. Use Statistic: Sum (or Maximum).", id);
        }

        var comparison = alarm.Property("ComparisonOperator")?.ScalarText;
        var threshold = Number(alarm.Property("Threshold"));
        if (comparison is not null && comparison.StartsWith("LessThan", StringComparison.Ordinal) && alarm.Property("ThresholdMetricId") is null)
        {
            yield return Report(alarm.SpanOf("ComparisonOperator"),
                $"Alarm {id} fires when the count drops ({comparison}), never when a key lifecycle event is counted. Use GreaterThanOrEqualToThreshold with Threshold 1.", id);
        }
        else if (eventValue is { } one && threshold is { } limit && comparison is "GreaterThanOrEqualToThreshold" or "GreaterThanThreshold"
                 && !(comparison == "GreaterThanOrEqualToThreshold" ? one >= limit : one > limit))
        {
            yield return Report(alarm.SpanOf("Threshold"),
                $"Alarm {id} needs the metric {(comparison == "GreaterThanThreshold" ? "above" : "at or above")} {Format(limit)}, but one event adds {Format(one)}, so a single DisableKey or ScheduleKeyDeletion does not fire it. " +
                $"Use ComparisonOperator GreaterThanOrEqualToThreshold with Threshold {Format(one)}.", id);
        }

        var periods = Number(alarm.Property("EvaluationPeriods"));
        var datapoints = Number(alarm.Property("DatapointsToAlarm"));
        if (periods > 1 && (datapoints is null || datapoints > 1))
        {
            var needed = datapoints is { } d ? $"DatapointsToAlarm {Format(d)}" : $"EvaluationPeriods {Format(periods.Value)} without DatapointsToAlarm";
            yield return Report(alarm.SpanOf(datapoints is null ? "EvaluationPeriods" : "DatapointsToAlarm"),
                $"Alarm {id} needs several breaching periods ({needed}), but one event breaches one period. Set DatapointsToAlarm: 1 (or EvaluationPeriods: 1).", id);
        }
    }

    /// <summary>The statistic and the property it is written in: Statistic, ExtendedStatistic, or Metrics[].MetricStat.Stat.</summary>
    private static (string? Statistic, string Property) StatisticOf(Resource alarm)
    {
        if (alarm.Property("Statistic")?.ScalarText is { } statistic)
        {
            return (statistic, "Statistic");
        }

        if (alarm.Property("ExtendedStatistic")?.ScalarText is { } extended)
        {
            return (extended, "ExtendedStatistic");
        }

        var stat = (alarm.Property("Metrics") as SequenceNode)?.Items
            .Select(query => (((query as MappingNode)?["MetricStat"] as MappingNode)?["Stat"])?.ScalarText)
            .FirstOrDefault(text => text is not null);
        return (stat, "Metrics");
    }

    private static string? StatisticProblem(string statistic)
    {
        if (SingleDatapointStatistics.Contains(statistic, StringComparer.Ordinal)
            || string.Equals(statistic, "p100", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return statistic.StartsWith("p", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(statistic.Substring(1), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "a percentile below p100 can leave out the single datapoint of one event (among the filter's default zeros)"
            : "this statistic is not one that reflects a single datapoint of one event";
    }

    /// <summary>What one matching event adds: the transformation's MetricValue when it is a number (default 1); null when it is taken from the event.</summary>
    private static double? MetricValueOf(Resource filter)
    {
        var transformation = (filter.Property("MetricTransformations") as SequenceNode)?.Items.FirstOrDefault() as MappingNode;
        return transformation?["MetricValue"] is { } value ? Number(value) : 1;
    }

    /// <summary>A number written plainly or as a string ("300", "1").</summary>
    private static double? Number(TemplateNode? node) =>
        node?.ScalarText is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Format(double number) => number.ToString("0.##", CultureInfo.InvariantCulture);
}
