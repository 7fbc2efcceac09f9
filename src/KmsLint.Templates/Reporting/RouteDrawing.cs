using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Reporting;

/// <summary>
/// Draws each detection's route as nodes and edges: trail → log group → filter → alarm → topic → subscriptions, or
/// trail → default bus (→ forwarding rule → bus) → rule → topic → subscriptions. A graph node met by several routes
/// becomes one <see cref="RouteNode"/>, so the repository's picture draws it once.
/// </summary>
internal sealed class RouteDrawing
{
    private readonly RepoGraph graph;
    private readonly Dictionary<object, RouteNode> nodeOf = new();
    private readonly List<RouteNode> nodes = new();
    private readonly List<RouteEdge> edges = new();
    private readonly HashSet<(RouteNode, RouteNode, bool)> edgeSet = new();

    internal RouteDrawing(RepoGraph graph) => this.graph = graph;

    /// <summary>Every node drawn so far, in the order first met.</summary>
    internal IReadOnlyList<RouteNode> Nodes => nodes;

    /// <summary>Every edge drawn so far, each once.</summary>
    internal IReadOnlyList<RouteEdge> Edges => edges;

    /// <summary>The route of one detection: its nodes by stage (sources first) and edges.</summary>
    internal (IReadOnlyList<IReadOnlyList<RouteNode>> Stages, IReadOnlyList<RouteEdge> Edges) Draw(Detection detection)
    {
        var route = new Route(this);
        switch (detection)
        {
            case FilterDetection filter:
                DrawFilterRoute(route, filter);
                break;
            case EventRuleDetection rule:
                DrawRuleRoute(route, rule);
                break;
        }

        return (route.Stages(), route.Edges);
    }

    /// <summary>The node of a key (keys are drawn beside the routes, linked to the trails that record them).</summary>
    internal RouteNode KeyNode(Key key) => NodeFor(key, () => new RouteNode(NextId(), RouteNodeKind.Key, key.Name, key.Resource, key.Kind));

    /// <summary>The node of a trail, for the key links.</summary>
    internal RouteNode TrailNode(Trail trail) => NodeFor(trail, () => Node(RouteNodeKind.Trail, trail));

    /// <summary>A dashed key → trail link: the trail records the key's lifecycle events for a route that works.</summary>
    internal void LinkRecording(RouteNode key, RouteNode trail) => AddEdge(new RouteEdge(key, trail, IsRecording: true));

    private void DrawFilterRoute(Route route, FilterDetection filter)
    {
        var filterNode = route.Add(NodeFor(filter.Filter, () => Node(RouteNodeKind.MetricFilter, filter.Filter)));
        if (filter.LogGroups.Count == 0)
        {
            var why = filter.UnknownLogGroupReason ?? "no log group of the set is named " + string.Join(" | ", filter.LogGroupNames);
            var missing = NodeFor((filter, "log group"), () => new RouteNode(NextId(), RouteNodeKind.LogGroup, "log group ?", null, why));
            route.Link(route.Add(missing), filterNode);
        }

        foreach (var group in filter.LogGroups)
        {
            var groupNode = route.Add(NodeFor(group, () => Node(RouteNodeKind.LogGroup, group)));
            foreach (var trail in graph.Delivery.To(group))
            {
                route.Link(route.Add(TrailNode(trail)), groupNode);
            }

            route.Link(groupNode, filterNode);
        }

        foreach (var alarm in filter.Alarms)
        {
            var alarmNode = route.Add(NodeFor(alarm.Alarm, () => Node(RouteNodeKind.Alarm, alarm.Alarm)));
            route.Link(filterNode, alarmNode);
            DrawTargets(route, alarmNode, alarm.Actions);
        }

    }

    private void DrawRuleRoute(Route route, EventRuleDetection rule)
    {
        var ruleNode = route.Add(NodeFor(rule.Rule, () => Node(RouteNodeKind.EventRule, rule.Rule)));
        if (rule.Buses.Count == 0)
        {
            var why = rule.UnknownBusReason ?? "EventBusName " + rule.UnmatchedBusName + " names no bus of the set";
            route.Link(route.Add(NodeFor((rule, "bus"), () => new RouteNode(NextId(), RouteNodeKind.EventBus, "event bus ?", null, why))), ruleNode);
        }

        var drawn = new HashSet<EventBus>();
        foreach (var bus in rule.Buses)
        {
            route.Link(DrawBus(route, bus, drawn), ruleNode);
        }

        DrawTargets(route, ruleNode, rule.Targets);
    }

    /// <summary>A bus and what feeds it: recording trails for the default bus, forwarding rules (and their buses) for another.</summary>
    /// <param name="drawn">The buses whose feeds are drawn already: each is drawn once, so cycles and webs of forwarders end.</param>
    private RouteNode DrawBus(Route route, EventBus bus, HashSet<EventBus> drawn)
    {
        var busNode = route.Add(BusNode(bus));
        if (bus.IsDefault)
        {
            foreach (var trail in graph.Routes.Trails.Values.Where(facts => facts.Records).Select(facts => facts.Trail))
            {
                route.Link(route.Add(TrailNode(trail)), busNode);
            }
        }
        else if (bus.External is null && drawn.Add(bus))
        {
            foreach (var forwarder in graph.Forwarding.To(bus))
            {
                var forwarderNode = route.Add(NodeFor(forwarder, () => Node(RouteNodeKind.EventRule, forwarder)));
                route.Link(forwarderNode, busNode);
                foreach (var source in graph.RuleBuses.From(forwarder))
                {
                    route.Link(DrawBus(route, source, drawn), forwarderNode);
                }
            }
        }

        return busNode;
    }

    private void DrawTargets(Route route, RouteNode owner, IEnumerable<NotificationTarget> targets)
    {
        foreach (var target in targets)
        {
            foreach (var topic in target.Topics)
            {
                var topicNode = route.Add(NodeFor(topic, () => Node(RouteNodeKind.Topic, topic, topic.IsExternal ? "external" : null)));
                route.Link(owner, topicNode);
                var subscriptions = graph.Subscriptions.From(topic);
                for (var i = 0; i < subscriptions.Count; i++)
                {
                    var subscription = subscriptions[i];
                    var subscriptionNode = route.Add(NodeFor(subscription, () => new RouteNode(
                        NextId(), RouteNodeKind.Subscription, subscription.Resource?.LogicalId ?? "subscription " + (i + 1), subscription.Resource,
                        Endpoint.Of(graph, subscription).ToString(), subscription.Span)));
                    route.Link(topicNode, subscriptionNode);
                }
            }

            foreach (var bus in target.Buses)
            {
                route.Link(owner, route.Add(BusNode(bus)));
            }

            if (target.UnknownReason is not null || target.OutsideArn is not null)
            {
                var outside = NodeFor(target.Item, () => new RouteNode(
                    NextId(), RouteNodeKind.Target, target.OutsideArn ?? "target ?", null, target.UnknownReason is { } reason ? "unknown: " + reason : "outside the templates"));
                route.Link(owner, route.Add(outside));
            }
        }
    }

    private RouteNode BusNode(EventBus bus) =>
        NodeFor(bus, () => Node(RouteNodeKind.EventBus, bus, bus.IsDefault ? "default bus" : bus.IsExternal ? "external" : null));

    private RouteNode Node(RouteNodeKind kind, GraphNode node, string? detail = null) => new(NextId(), kind, node.Name, node.Resource, detail);

    private RouteNode NodeFor(object key, Func<RouteNode> create)
    {
        if (!nodeOf.TryGetValue(key, out var node))
        {
            nodeOf[key] = node = create();
            nodes.Add(node);
        }

        return node;
    }

    private void AddEdge(RouteEdge edge)
    {
        if (edgeSet.Add((edge.From, edge.To, edge.IsRecording)))
        {
            edges.Add(edge);
        }
    }

    private string NextId() => "n" + (nodes.Count + 1);

    /// <summary>One route's nodes and edges while it is drawn (also added to the drawing of the whole repository).</summary>
    private sealed class Route(RouteDrawing drawing)
    {
        private readonly HashSet<RouteNode> seen = new();
        private readonly HashSet<(RouteNode, RouteNode)> linked = new();

        internal List<RouteNode> Nodes { get; } = new();

        internal List<RouteEdge> Edges { get; } = new();

        internal RouteNode Add(RouteNode node)
        {
            if (seen.Add(node))
            {
                Nodes.Add(node);
            }

            return node;
        }

        internal void Link(RouteNode from, RouteNode to)
        {
            if (linked.Add((from, to)))
            {
                var edge = new RouteEdge(from, to);
                Edges.Add(edge);
                drawing.AddEdge(edge);
            }
        }

        /// <summary>
        /// The nodes by stage, breadth first from those nothing leads into (the trails), so text reads from source to
        /// subscriber: trails, log groups, the filter, alarms, topics, subscriptions.
        /// </summary>
        internal IReadOnlyList<IReadOnlyList<RouteNode>> Stages()
        {
            var stages = new List<IReadOnlyList<RouteNode>>();
            var placed = new HashSet<RouteNode>();
            var stage = Nodes.Where(node => Edges.All(edge => edge.To != node)).ToList();
            while (stage.Count > 0)
            {
                stages.Add(stage.Where(placed.Add).ToList());
                stage = Edges.Where(edge => stage.Contains(edge.From) && !placed.Contains(edge.To)).Select(edge => edge.To).Distinct().ToList();
            }

            var unplaced = Nodes.Where(placed.Add).ToList(); // nodes only on a cycle of forwarding rules
            if (unplaced.Count > 0)
            {
                stages.Add(unplaced);
            }

            return stages;
        }
    }
}
