using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Reporting;

/// <summary>
/// One KMS key as the report shows it: who owns it, whether stack operations keep it, how long a deletion can be
/// cancelled, the conditions it depends on, whether its lifecycle events reach someone, whom, and how fast.
/// </summary>
public sealed class KeyCoverage
{
    internal KeyCoverage(
        Key key, RouteNode node, IReadOnlyList<EventCoverage> events, Ownership ownership, IReadOnlyList<PendingWindow> pendingWindows,
        bool? conditionHolds, IReadOnlyList<Notified> told)
    {
        Key = key;
        Node = node;
        Events = events;
        RequiredTags = ownership.Tags;
        TagsUnknownReason = ownership.UnknownReason;
        PendingWindows = pendingWindows;
        ConditionHolds = conditionHolds;
        Told = told;
        Status = StatusOf(events.Select(e => e.Status).ToList());
        MonitoredBy = events.SelectMany(e => e.Telling).Distinct().ToList();
        FailingRoutes = events.SelectMany(e => e.Shortfalls).Where(shortfall => !MonitoredBy.Contains(shortfall.Route))
            .GroupBy(shortfall => shortfall.Route).Select(group => group.First()).ToList();
        Caveats = events.SelectMany(e => e.Caveats).Distinct().ToList();
        WorstCaseMinutesToDetect = events.Max(e => e.WorstCaseMinutes);
    }

    public Key Key { get; }

    public string LogicalId => Key.Name;

    /// <summary><c>AWS::KMS::Key</c> or <c>AWS::KMS::ReplicaKey</c>.</summary>
    public string Type => Key.Resource.Type;

    public SourceSpan Location => Key.Resource.Span;

    /// <summary>The key's node in the route picture.</summary>
    public RouteNode Node { get; }

    public MonitoringStatus Status { get; }

    /// <summary>Per lifecycle event: whether it reaches someone, through which routes, under what caveats, how fast.</summary>
    public IReadOnlyList<EventCoverage> Events { get; }

    /// <summary>The routes that tell someone about the key, conditional ones included.</summary>
    public IReadOnlyList<RouteCoverage> MonitoredBy { get; }

    /// <summary>The routes whose pattern would take the key's events but that are not known to tell anyone about them, each with why.</summary>
    public IReadOnlyList<RouteShortfall> FailingRoutes { get; }

    /// <summary>What the coverage depends on: conditions of route resources, a single-region trail, a narrowed pattern.</summary>
    public IReadOnlyList<string> Caveats { get; }

    /// <summary>The required tags (<c>tags.required</c>) with their values; a missing one has a null value. Empty when the tags cannot be read.</summary>
    public IReadOnlyList<RequiredTag> RequiredTags { get; }

    /// <summary>Why the tags cannot be read (Tags given by a parameter or an Fn::If), or null.</summary>
    public string? TagsUnknownReason { get; }

    /// <summary>Every required tag is set; null when the tags cannot be read.</summary>
    public bool? IsOwned => TagsUnknownReason is not null ? null : RequiredTags.All(tag => tag.Value is not null);

    /// <summary>DeletionPolicy and UpdateReplacePolicy keep the key (KMS402).</summary>
    public bool IsRetained => Key.IsRetained;

    public string? DeletionPolicy => Key.Resource.DeletionPolicy;

    public string? UpdateReplacePolicy => Key.Resource.UpdateReplacePolicy;

    /// <summary>The values PendingWindowInDays can take (30, the AWS default, where it is not set).</summary>
    public IReadOnlyList<PendingWindow> PendingWindows { get; }

    /// <summary>The shortest known pending window: the least time to notice a scheduled deletion and cancel it.</summary>
    public double? ShortestPendingWindowDays => PendingWindows.Min(window => window.Days);

    /// <summary>The condition the key is created under, or null.</summary>
    public string? Condition => Key.Resource.Condition;

    /// <summary>Whether that condition holds whatever the deployment; null when it depends on deploy-time input (or there is none).</summary>
    public bool? ConditionHolds { get; }

    /// <summary>Who is told when the key is disabled or scheduled for deletion, through the working routes.</summary>
    public IReadOnlyList<Notified> Told { get; }

    /// <summary>The worst case over the covered events of the fastest route for each; null when none is covered.</summary>
    public double? WorstCaseMinutesToDetect { get; }

    private static MonitoringStatus StatusOf(IReadOnlyList<MonitoringStatus> events)
    {
        bool Covered(MonitoringStatus status) => status is MonitoringStatus.Monitored or MonitoringStatus.Conditional;
        return events.All(status => status == MonitoringStatus.Monitored) ? MonitoringStatus.Monitored
            : events.All(Covered) ? MonitoringStatus.Conditional
            : events.Any(Covered) ? MonitoringStatus.Partial
            : events.Contains(MonitoringStatus.Unknown) ? MonitoringStatus.Unknown
            : MonitoringStatus.Unmonitored;
    }
}

/// <summary>One lifecycle event of a key: Monitored, Conditional, Unknown or Unmonitored, through which routes, how fast.</summary>
/// <param name="Routes">The routes at that status (none for Unmonitored).</param>
/// <param name="Caveats">For Conditional: what each route depends on.</param>
/// <param name="WorstCaseMinutes">The fastest of those routes' worst case, when one works.</param>
public sealed record EventCoverage(string Event, MonitoringStatus Status, IReadOnlyList<RouteCoverage> Routes, IReadOnlyList<string> Caveats, double? WorstCaseMinutes)
{
    /// <summary>Every route that tells someone about the event, the conditional ones beside monitored ones included.</summary>
    public IReadOnlyList<RouteCoverage> Telling { get; init; } = Array.Empty<RouteCoverage>();

    /// <summary>The routes meant for the key that do not tell anyone about the event, each with why.</summary>
    public IReadOnlyList<RouteShortfall> Shortfalls { get; init; } = Array.Empty<RouteShortfall>();
}

/// <summary>A route that would take a key's events but is not known to tell anyone, and why (broken, unknown, never deployed whole).</summary>
public sealed record RouteShortfall(RouteCoverage Route, string Why);

/// <summary>A tag <c>tags.required</c> asks for, with its value on the key; null when the key lacks it.</summary>
public sealed record RequiredTag(string Key, string? Value);

/// <summary>One value PendingWindowInDays can take.</summary>
/// <param name="Days">The days, or null when the value cannot be known.</param>
/// <param name="IsDefault">Not set: AWS waits 30 days.</param>
/// <param name="When">" (when condition X is true)", " (parameter P's Default)", or empty.</param>
public sealed record PendingWindow(double? Days, bool IsDefault, string When, string? UnknownReason);

/// <summary>The required tags of a key as read, or why they cannot be.</summary>
internal sealed record Ownership(IReadOnlyList<RequiredTag> Tags, string? UnknownReason);
