using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Reporting;

/// <summary>
/// Decides, for one key and one lifecycle event, what the working routes give it. A route counts for the key when it
/// works for the event (the route model's verdict), its pattern is not scoped to other keys, and each of its links
/// exists: a resource behind a condition that is false is absent, one behind a condition decided at deploy time (other
/// than the key's own) makes the coverage Conditional. Regions are not modelled, with one exception: a route fed only by
/// single-region trails covers the keys of the trail's own template (deployed with it, so in its region) and the
/// others only if they are deployed in that region (Conditional). Each link is judged on its own: one unconditional
/// alarm among conditional ones makes that link unconditional.
/// </summary>
internal sealed class KeyWatch(RepoGraph graph, Key key)
{
    internal EventCoverage For(LifecycleEvent lifecycleEvent, IReadOnlyList<RouteCoverage> routes)
    {
        var monitored = new List<RouteCoverage>();
        var conditional = new List<(RouteCoverage Route, IReadOnlyList<string> Caveats)>();
        var unknown = new List<RouteCoverage>();
        var shortfalls = new List<RouteShortfall>();
        foreach (var route in routes)
        {
            var status = route.Detection.StatusFor(lifecycleEvent);
            var (scope, scopeCaveats) = route.Scope.For(key);
            if (scope == ScopeVerdict.DoesNotCover)
            {
                continue;
            }

            if (status == RouteStatus.Broken)
            {
                shortfalls.Add(new RouteShortfall(route, "broken"));
                continue;
            }

            if (status == RouteStatus.Unknown || scope == ScopeVerdict.Unknown)
            {
                unknown.Add(route);
                shortfalls.Add(new RouteShortfall(route, status == RouteStatus.Unknown ? "unknown: a value KmsLint cannot know decides it" : "unknown: its pattern names keys by a value KmsLint cannot know"));
                continue;
            }

            if (LinkCaveats(route.Detection, lifecycleEvent) is not { } linkCaveats)
            {
                shortfalls.Add(new RouteShortfall(route, "never deployed whole: a link is created under a condition that is always false"));
                continue;
            }

            var caveats = scopeCaveats.Concat(linkCaveats).ToList();
            if (caveats.Count == 0)
            {
                monitored.Add(route);
            }
            else
            {
                conditional.Add((route, caveats.Select(caveat => $"through {route.LogicalId}: {caveat}").ToList()));
            }
        }

        double? Fastest(IEnumerable<RouteCoverage> covering) => covering.Min(route => route.Detection.WorstCaseMinutes(lifecycleEvent));
        var name = lifecycleEvent.Name;
        var telling = monitored.Concat(conditional.Select(c => c.Route)).ToList();
        var coverage = monitored.Count > 0 ? new EventCoverage(name, MonitoringStatus.Monitored, monitored, Array.Empty<string>(), Fastest(monitored))
            : conditional.Count > 0 ? new EventCoverage(name, MonitoringStatus.Conditional, conditional.Select(c => c.Route).ToList(), conditional.SelectMany(c => c.Caveats).ToList(), Fastest(conditional.Select(c => c.Route)))
            : unknown.Count > 0 ? new EventCoverage(name, MonitoringStatus.Unknown, unknown, Array.Empty<string>(), null)
            : new EventCoverage(name, MonitoringStatus.Unmonitored, Array.Empty<RouteCoverage>(), Array.Empty<string>(), null);
        return coverage with { Telling = telling, Shortfalls = shortfalls };
    }

    /// <summary>
    /// Who the working routes tell (conditional ones included): their topics that reach a subscriber or are declared
    /// external, and external buses.
    /// </summary>
    internal IReadOnlyList<Notified> Told(IEnumerable<EventCoverage> events)
    {
        var told = new List<Notified>();
        var seen = new HashSet<GraphNode>();
        foreach (var coverage in events)
        {
            var lifecycleEvent = LifecycleEvent.All.First(e => e.Name == coverage.Event);
            foreach (var target in coverage.Telling.SelectMany(route => WorkingTargets(route.Detection, lifecycleEvent)))
            {
                foreach (var topic in target.Topics.Where(Reaches).Where(seen.Add))
                {
                    told.Add(new Notified(topic.Name, topic.IsExternal, graph.Subscriptions.From(topic).Select(subscription => Endpoint.Of(graph, subscription)).ToList()));
                }

                foreach (var bus in target.Buses.Where(bus => bus.External is not null).Where(seen.Add))
                {
                    told.Add(new Notified(bus.Name, true, Array.Empty<Endpoint>()));
                }
            }
        }

        return told;
    }

    /// <summary>The caveats of a working route's links for this key, or null when a link is absent (a false condition).</summary>
    private IReadOnlyList<string>? LinkCaveats(Detection detection, LifecycleEvent lifecycleEvent)
    {
        var links = new List<IReadOnlyList<Resource?>>();
        IReadOnlyList<Trail> trails;
        if (detection is FilterDetection filter)
        {
            trails = filter.RecordingTrails;
            links.Add(filter.LogGroups.Where(group => trails.Any(trail => graph.Delivery.From(trail).Contains(group))).Select(group => group.Resource).ToList());
            links.Add(new[] { filter.Resource });
            links.Add(filter.Alarms.Where(alarm => alarm.Works(lifecycleEvent)).Select(alarm => (Resource?)alarm.Alarm.Resource).ToList());
        }
        else
        {
            var rule = (EventRuleDetection)detection;
            trails = rule.Buses.Any(bus => bus.External is not null)
                ? Array.Empty<Trail>() // events arrive from elsewhere: whatever feeds that bus is not in the templates
                : graph.Routes.Trails.Values.Where(facts => facts.Records).Select(facts => facts.Trail).ToList();
            links.Add(new[] { rule.Resource });
        }

        var caveats = new List<string>();
        if (trails.Count > 0)
        {
            links.Insert(0, trails.Select(trail => trail.Resource).ToList());
            if (!trails.Any(IsMultiRegion) && !trails.Any(trail => trail.Resource?.Template == key.Resource.Template))
            {
                caveats.Add($"only if {key.Name} is deployed in the region of trail {string.Join(" or ", trails.Select(trail => trail.Name))}, which records one region");
            }
        }

        var told = WorkingTargets(detection, lifecycleEvent).ToList();
        var toldLink = told.Any(target => target.Buses.Any(bus => bus.External is not null))
            ? new List<IReadOnlyList<string>?> { Array.Empty<string>() }
            : told.SelectMany(target => target.Topics).Where(Reaches).Distinct().Select(TopicCaveats).ToList();
        foreach (var alternatives in links.Select(link => link.Select(Caveats).ToList()).Append(toldLink))
        {
            var present = alternatives.Where(alternative => alternative is not null).Select(alternative => alternative!).ToList();
            if (present.Count == 0)
            {
                return null;
            }

            if (!present.Any(alternative => alternative.Count == 0))
            {
                caveats.AddRange(present.OrderBy(alternative => alternative.Count).First());
            }
        }

        return caveats;
    }

    /// <summary>A topic tells someone when it exists and so does one of its subscriptions (an external topic: when it is declared).</summary>
    private IReadOnlyList<string>? TopicCaveats(Topic topic)
    {
        if (topic.IsExternal)
        {
            return Array.Empty<string>();
        }

        var subscriptions = graph.Subscriptions.From(topic).Select(subscription => Caveats(subscription.Resource))
            .Where(alternative => alternative is not null).Select(alternative => alternative!).OrderBy(alternative => alternative.Count).ToList();
        return Caveats(topic.Resource) is { } own && subscriptions.Count > 0 ? own.Concat(subscriptions[0]).ToList() : null;
    }

    /// <summary>What a resource's Condition adds: nothing when none or decided true, or the same as the key's; null when decided false.</summary>
    private IReadOnlyList<string>? Caveats(Resource? resource)
    {
        if (resource?.Condition is not { } condition)
        {
            return Array.Empty<string>();
        }

        var holds = graph.Resolver.ConditionHolds(resource.Template, condition);
        var sameAsKey = resource.Template == key.Resource.Template && condition == key.Resource.Condition;
        return holds == false ? null
            : holds == true || sameAsKey ? Array.Empty<string>()
            : new[] { $"{resource.LogicalId} ({resource.Template.Path}) exists only where condition {condition} is true" };
    }

    /// <summary>The targets of the parts of a route that work for the event: a filter's working alarms' actions, a rule's targets.</summary>
    private static IEnumerable<NotificationTarget> WorkingTargets(Detection detection, LifecycleEvent lifecycleEvent) =>
        detection is FilterDetection filter
            ? filter.Alarms.Where(alarm => alarm.Works(lifecycleEvent)).SelectMany(alarm => alarm.Actions)
            : detection.Targets;

    private bool Reaches(Topic topic) => topic.IsExternal || graph.Subscriptions.From(topic).Count > 0;

    /// <summary>An external trail is taken as multi-region; a trail of the set is when IsMultiRegionTrail is true on every branch.</summary>
    private bool IsMultiRegion(Trail trail) =>
        trail.IsExternal || graph.Routes.Trails[trail].IsMultiRegion is { Count: > 0 } readings && readings.All(reading => reading.Boolean == true);
}
