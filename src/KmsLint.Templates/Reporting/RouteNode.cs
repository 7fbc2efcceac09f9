using KmsLint.Templates.Findings;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.Reporting;

/// <summary>What a node of the route picture stands for.</summary>
public enum RouteNodeKind
{
    Key,
    Trail,
    LogGroup,
    MetricFilter,
    Alarm,
    Topic,
    Subscription,
    EventBus,
    EventRule,

    /// <summary>A notification target KmsLint cannot follow: a function, a queue, another account's topic, an unknown value.</summary>
    Target,
}

/// <summary>
/// One resource (or external thing) on a detection route, as the report draws it. A node shared by several routes (the
/// trail, a topic) is one object, so the picture of the repository draws it once.
/// </summary>
public sealed class RouteNode
{
    private readonly List<Finding> findings = new();

    internal RouteNode(string id, RouteNodeKind kind, string name, Resource? resource, string? detail = null, SourceSpan? location = null)
    {
        Id = id;
        Kind = kind;
        Name = name;
        Resource = resource;
        Detail = detail;
        Location = resource?.Span ?? location;
    }

    /// <summary>Unique in one report (<c>n1</c>, <c>n2</c>, ...): what drawings name the node by, never user text.</summary>
    public string Id { get; internal set; }

    public RouteNodeKind Kind { get; }

    /// <summary>The logical id; for something outside the templates, its configured name or ARN.</summary>
    public string Name { get; }

    /// <summary>More to show: a subscription's protocol and endpoint, why a target cannot be followed, "external".</summary>
    public string? Detail { get; }

    /// <summary>The template resource; null for something outside the templates or an inline subscription of a topic.</summary>
    public Resource? Resource { get; }

    /// <summary>Outside the templates (declared in the configuration, or a value that cannot be followed).</summary>
    public bool IsExternal => Location is null;

    /// <summary>Where it is written (the resource, or the inline subscription entry), or null when outside the templates.</summary>
    public SourceSpan? Location { get; }

    /// <summary>The condition the resource is created under, or null.</summary>
    public string? Condition => Resource?.Condition;

    /// <summary>The unsuppressed findings of the run on this resource: the links the route is broken at.</summary>
    public IReadOnlyList<Finding> Findings => findings;

    /// <summary>The rule ids of <see cref="Findings"/>, each once, in id order.</summary>
    public IReadOnlyList<string> RuleIds => findings.Select(finding => finding.RuleId).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>The most serious level among the findings, or null when there are none.</summary>
    public Level? WorstLevel => findings.Count == 0 ? null : findings.Max(finding => finding.Level);

    internal void Add(IEnumerable<Finding> onResource) => findings.AddRange(onResource);

    public override string ToString() => Detail is null ? Name : $"{Name} ({Detail})";
}

/// <summary>A link of a route: events (or the alert) go from <see cref="From"/> to <see cref="To"/>.</summary>
/// <param name="IsRecording">The dashed link from a key to a trail that records its lifecycle events for a working route.</param>
public sealed record RouteEdge(RouteNode From, RouteNode To, bool IsRecording = false);
