using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Reporting;

/// <summary>
/// What is monitored in a repository, built from the repository graph and its route model after a lint run: every KMS
/// key with its ownership, retention, pending window and coverage; every route that alerts on key lifecycle events
/// (working or meant to), drawn from trail to subscriber with the findings of the run on its links; and the summary
/// figures. A pure model: <c>kmslint report</c> renders it as text, JSON, Markdown, DOT or Mermaid.
/// </summary>
public sealed class CoverageReport
{
    private CoverageReport(IReadOnlyList<KeyCoverage> keys, IReadOnlyList<RouteCoverage> routes, IReadOnlyList<RouteNode> nodes, IReadOnlyList<RouteEdge> edges, IReadOnlyList<string> requiredTagKeys)
    {
        Keys = keys;
        Routes = routes;
        Nodes = nodes;
        Edges = edges;
        RequiredTagKeys = requiredTagKeys;
        Summary = new CoverageSummary(keys, routes);
    }

    /// <summary>
    /// The reports of several sets (each linted on its own, with its own configuration) as one: keys, routes and the
    /// picture side by side, node ids renumbered so they stay unique, the figures over all of them.
    /// </summary>
    public static CoverageReport Combine(IReadOnlyList<CoverageReport> reports)
    {
        if (reports.Count == 1)
        {
            return reports[0];
        }

        var nodes = reports.SelectMany(report => report.Nodes).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Id = "n" + (i + 1);
        }

        return new CoverageReport(
            reports.SelectMany(report => report.Keys).ToList(), reports.SelectMany(report => report.Routes).ToList(), nodes,
            reports.SelectMany(report => report.Edges).ToList(), reports.SelectMany(report => report.RequiredTagKeys).Distinct().ToList());
    }

    /// <summary>Every <c>AWS::KMS::Key</c> and <c>AWS::KMS::ReplicaKey</c>, in template order.</summary>
    public IReadOnlyList<KeyCoverage> Keys { get; }

    /// <summary>Every route that alerts on key lifecycle events, working or meant to (filters, then rules).</summary>
    public IReadOnlyList<RouteCoverage> Routes { get; }

    /// <summary>The picture of the repository: every node of every route, and the keys.</summary>
    public IReadOnlyList<RouteNode> Nodes { get; }

    /// <summary>Every link of every route, each once, and the dashed key → trail links.</summary>
    public IReadOnlyList<RouteEdge> Edges { get; }

    /// <summary>The tags every key must carry (<c>tags.required</c>).</summary>
    public IReadOnlyList<string> RequiredTagKeys { get; }

    public CoverageSummary Summary { get; }

    /// <param name="findings">The findings of the same run: the unsuppressed ones mark the links they are on.</param>
    internal static CoverageReport Build(RepoGraph graph, IReadOnlyList<Finding> findings)
    {
        var drawing = new RouteDrawing(graph);
        var routes = graph.Routes.AboutKeyLifecycle
            .Select(detection =>
            {
                var (stages, edges) = drawing.Draw(detection);
                return new RouteCoverage(detection, stages, edges, KeyScope.Of(detection, graph));
            })
            .ToList();

        var keys = new List<KeyCoverage>();
        foreach (var key in graph.Keys)
        {
            var watch = new KeyWatch(graph, key);
            var events = LifecycleEvent.All.Select(lifecycleEvent => watch.For(lifecycleEvent, routes)).ToList();
            var node = drawing.KeyNode(key);
            foreach (var trail in events.SelectMany(e => e.Telling).SelectMany(route => route.Nodes.Where(routeNode => routeNode.Kind == RouteNodeKind.Trail)).Distinct())
            {
                drawing.LinkRecording(node, trail);
            }

            keys.Add(new KeyCoverage(key, node, events, Ownership(graph, key), PendingWindows(graph, key), ConditionHolds(graph, key), watch.Told(events)));
        }

        var byResource = findings.Where(finding => !finding.IsSuppressed && finding.LogicalId is not null)
            .ToLookup(finding => (finding.Location.File, finding.LogicalId!));
        foreach (var node in drawing.Nodes.Where(node => node.Resource is not null))
        {
            node.Add(byResource[(node.Resource!.Template.Path, node.Resource.LogicalId)]);
        }

        return new CoverageReport(keys, routes, drawing.Nodes, drawing.Edges, graph.Settings.RequiredTagKeys);
    }

    private static Ownership Ownership(RepoGraph graph, Key key)
    {
        var tags = ResourceTags.Read(graph.Resolver, key.Resource);
        if (tags is null)
        {
            return new Ownership(Array.Empty<RequiredTag>(), "Tags is a value KmsLint cannot read (a parameter, an Fn::If between lists)");
        }

        return new Ownership(
            graph.Settings.RequiredTagKeys.Select(name => new RequiredTag(name, tags.TryGetValue(name, out var tag) ? Endpoint.Text(tag.Value) : null)).ToList(),
            null);
    }

    private static IReadOnlyList<PendingWindow> PendingWindows(RepoGraph graph, Key key) =>
        graph.Resolver.Read(key.Resource, "PendingWindowInDays", awsDefault: "30")
            .Select(reading => new PendingWindow(reading.Number, reading.IsDefault, reading.Value.WhenText, reading.UnknownReason))
            .ToList();

    private static bool? ConditionHolds(RepoGraph graph, Key key) =>
        key.Resource.Condition is { } condition ? graph.Resolver.ConditionHolds(key.Resource.Template, condition) : null;
}
