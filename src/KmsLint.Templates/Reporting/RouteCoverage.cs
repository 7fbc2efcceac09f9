using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Reporting;

/// <summary>
/// One detection route as the report shows it: its resources from the trail to the subscribers, whether it works for
/// each lifecycle event, the rule ids of the findings on its links, its worst-case time to detect, and the keys it is
/// scoped to.
/// </summary>
public sealed class RouteCoverage
{
    internal RouteCoverage(Detection detection, IReadOnlyList<IReadOnlyList<RouteNode>> stages, IReadOnlyList<RouteEdge> edges, KeyScope scope)
    {
        Detection = detection;
        Stages = stages;
        Nodes = stages.SelectMany(stage => stage).ToList();
        Edges = edges;
        Scope = scope;
        DetectionNode = Nodes.First(node => node.Resource == detection.Resource);
        Summary = DetectionSummary.Of(detection);
        var statuses = Summary.Status.Values.ToList();
        State = statuses.All(status => status == RouteStatus.Works) ? RouteState.Works
            : statuses.Contains(RouteStatus.Works) ? RouteState.Partial
            : statuses.Contains(RouteStatus.Unknown) ? RouteState.Unknown
            : RouteState.Broken;
    }

    public Detection Detection { get; }

    public string LogicalId => Detection.LogicalId;

    /// <summary>"metric filter" or "EventBridge rule".</summary>
    public string Kind => Detection.Kind;

    public SourceSpan Location => Detection.Resource.Span;

    /// <summary>The filter's or rule's node.</summary>
    public RouteNode DetectionNode { get; }

    /// <summary>The route's nodes stage by stage, sources first: trails, log groups, the filter, alarms, topics, subscriptions.</summary>
    public IReadOnlyList<IReadOnlyList<RouteNode>> Stages { get; }

    /// <summary>Every resource on the route, sources first.</summary>
    public IReadOnlyList<RouteNode> Nodes { get; }

    public IReadOnlyList<RouteEdge> Edges { get; }

    /// <summary>Per lifecycle event name, in the order DisableKey, ScheduleKeyDeletion.</summary>
    public IReadOnlyList<KeyValuePair<string, RouteStatus>> Events => LifecycleEvent.All.Select(e => new KeyValuePair<string, RouteStatus>(e.Name, Summary.Status[e.Name])).ToList();

    /// <summary>The route as <c>kmslint lint</c>'s JSON lists it: kind, place, status per event, worst-case minutes.</summary>
    public DetectionSummary Summary { get; }

    public RouteState State { get; }

    /// <summary>Worst-case minutes from the API call to the notification, over the events it works for; null when it works for none.</summary>
    public double? WorstCaseMinutesToDetect => Summary.WorstCaseMinutesToDetect;

    /// <summary>The keys the pattern names (the route watches only them), or null when it watches every key.</summary>
    public IReadOnlyList<Key>? ScopedToKeys => Scope.NamedKeys;

    /// <summary>The links the route is broken at: its resources with findings, in route order.</summary>
    public IReadOnlyList<RouteNode> BrokenLinks => Nodes.Where(node => node.Findings.Count > 0).ToList();

    internal KeyScope Scope { get; }
}
