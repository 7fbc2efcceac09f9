using System.Globalization;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS305: even the fastest working route alerts later than <c>detection.max_minutes_to_detect</c> in the worst case:
/// CloudTrail's delivery to CloudWatch Logs (assumed), the alarm's period and the periods it waits, one minute of
/// evaluation; or EventBridge's delivery (assumed). A day-long Period leaves a day to cancel less.
/// </summary>
public sealed class DetectionTooSlowRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.DetectionTooSlow;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        if (graph.Routes.Fastest is not { } fastest || fastest.Minutes <= settings.MaxMinutesToDetect)
        {
            yield break;
        }

        var (detection, minutes) = fastest;
        var alarm = (detection as FilterDetection)?.Alarms.FirstOrDefault(route => LifecycleEvent.All.Any(route.Works));
        var location = alarm?.Alarm.Resource.SpanOf("Period") ?? detection.PatternSpan;
        var how = alarm is null
            ? string.Empty
            : $" ({Format(settings.AssumedDeliveryMinutes)} minutes of CloudTrail delivery to CloudWatch Logs, assumed; alarm {alarm.Alarm.LogicalId}'s period and the periods it waits; 1 minute of evaluation)";
        yield return Report(location,
            $"The fastest working route, through {detection.Kind} {detection.LogicalId}, alerts up to {Format(minutes)} minutes after a key is disabled or scheduled for deletion{how}, "
            + $"more than the {Format(settings.MaxMinutesToDetect)} minutes allowed (detection.max_minutes_to_detect in .kmslint.yaml). "
            + (alarm is null ? "Shorten the route." : "Use a Period of 60 or 300 seconds and DatapointsToAlarm: 1."),
            alarm?.Alarm.LogicalId ?? detection.LogicalId);
    }

    private static string Format(double minutes) => minutes.ToString("0.#", CultureInfo.InvariantCulture);
}
