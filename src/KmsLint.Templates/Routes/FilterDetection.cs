using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Routes;

/// <summary>
/// A metric filter's route: trails → the log group it watches → the filter → alarms on its metric (simulated) →
/// their actions → topics → subscriptions.
/// </summary>
public sealed class FilterDetection : Detection
{
    private readonly Lazy<IReadOnlyList<AlarmRoute>> alarms;

    internal FilterDetection(MetricFilter filter, RepoGraph graph, IReadOnlyDictionary<Trail, TrailFacts> trails)
        : base(filter, filter.Resource, "FilterPattern", () => PatternEvaluation.OfFilter(filter.Resource, graph), graph)
    {
        Filter = filter;
        LogGroups = graph.Watching.From(filter);
        var name = graph.Resolver.Resolve(filter.Resource.Template, filter.Property("LogGroupName"));
        LogGroupNames = name.Literals.Select(literal => Arn.LogGroupName(literal.Text)).Distinct().ToList();
        UnknownLogGroupReason = LogGroups.Count > 0 || LogGroupNames.Count > 0 ? null
            : name.FirstUnknown?.Reason ?? (name.IsEmpty ? "LogGroupName is not set" : "LogGroupName is " + name);
        DeliveringTrails = LogGroups.SelectMany(graph.Delivery.To).Distinct().ToList();
        RecordingTrails = DeliveringTrails.Where(trail => trails[trail].Records).ToList();
        alarms = new Lazy<IReadOnlyList<AlarmRoute>>(() => graph.AlarmsOnMetrics.From(filter).Select(alarm => new AlarmRoute(this, alarm, graph)).ToList());
    }

    public MetricFilter Filter { get; }

    public override string Kind => "metric filter";

    public override DetectionRoutes Route => DetectionRoutes.MetricFilter;

    /// <summary>The log groups it watches (resources, or an external trail's group).</summary>
    public IReadOnlyList<LogGroup> LogGroups { get; }

    /// <summary>The literal log group names it names (for messages when none of them is known).</summary>
    public IReadOnlyList<string> LogGroupNames { get; }

    /// <summary>Why its log group cannot be known (a parameter without Default, another resource's attribute, ...), or null.</summary>
    public string? UnknownLogGroupReason { get; }

    /// <summary>The trails (external ones included) that deliver to a log group it watches.</summary>
    public IReadOnlyList<Trail> DeliveringTrails { get; }

    /// <summary>Those of them that can log and record KMS write management events.</summary>
    public IReadOnlyList<Trail> RecordingTrails { get; }

    /// <summary>A trail delivers to a log group it watches.</summary>
    public bool IsFedByTrail => DeliveringTrails.Count > 0;

    /// <summary>The alarms on a metric it publishes, each with its simulation.</summary>
    public IReadOnlyList<AlarmRoute> Alarms => alarms.Value;

    public override IEnumerable<NotificationTarget> Targets => Alarms.SelectMany(alarm => alarm.Actions);

    public override RouteStatus StatusFor(LifecycleEvent lifecycleEvent)
    {
        if (!Matches(lifecycleEvent) || (RecordingTrails.Count == 0 && UnknownLogGroupReason is null))
        {
            return RouteStatus.Broken;
        }

        if (UnknownLogGroupReason is not null)
        {
            return RouteStatus.Unknown;
        }

        if (Alarms.Any(alarm => alarm.Works(lifecycleEvent)))
        {
            return RouteStatus.Works;
        }

        var unknown = Alarms.Any(alarm => alarm.Verdicts.Any(verdict => verdict.Event == lifecycleEvent && verdict.NotSimulated is not null)
                                          || (alarm.Fires(lifecycleEvent) && alarm.Actions.Any(action => action.UnknownReason is not null || action.OutsideArn is not null)));
        return unknown ? RouteStatus.Unknown : RouteStatus.Broken;
    }

    public override double? WorstCaseMinutes(LifecycleEvent lifecycleEvent)
    {
        double? fastest = null;
        foreach (var alarm in Alarms)
        {
            if (alarm.Works(lifecycleEvent) && alarm.MinutesAfterDelivery(lifecycleEvent) is { } minutes && !(fastest <= minutes))
            {
                fastest = minutes;
            }
        }

        return StatusFor(lifecycleEvent) == RouteStatus.Works && fastest is { } found ? Graph.Settings.AssumedDeliveryMinutes + found : null;
    }

    public override IEnumerable<Resource> ResourcesOnRoute()
    {
        foreach (var node in DeliveringTrails.Concat<GraphNode>(LogGroups))
        {
            if (node.Resource is { } resource)
            {
                yield return resource;
            }
        }

        yield return Resource;
        foreach (var alarm in Alarms)
        {
            yield return alarm.Alarm.Resource;
        }

        foreach (var resource in TopicsAndSubscriptions())
        {
            yield return resource;
        }
    }

    private protected override string EventNameField => "eventName";

    private protected override IntentField[] KmsFields { get; } = { new("eventSource", "kms.amazonaws.com") };
}
