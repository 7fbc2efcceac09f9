using KmsLint.Templates.Findings;

namespace KmsLint.Templates.Routes;

/// <summary>One detection route as reports show it: what it is, whether it works per event, and how fast at worst.</summary>
/// <param name="Kind">"metric filter" or "EventBridge rule".</param>
/// <param name="Status">Per lifecycle event name: works, broken or unknown.</param>
/// <param name="WorstCaseMinutesToDetect">Worst-case minutes from the API call to the notification, when it works.</param>
public sealed record DetectionSummary(string Kind, string LogicalId, SourceSpan Location, IReadOnlyDictionary<string, RouteStatus> Status, double? WorstCaseMinutesToDetect)
{
    internal static DetectionSummary Of(Detection detection) => new(
        detection.Kind,
        detection.LogicalId,
        detection.Resource.Span,
        LifecycleEvent.All.ToDictionary(e => e.Name, detection.StatusFor),
        detection.WorstCaseMinutesToDetect);
}
