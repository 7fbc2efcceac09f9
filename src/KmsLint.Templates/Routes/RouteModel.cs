using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.Routes;

/// <summary>
/// Every detection of the repository with its route, and what they cover together: an event is covered when some
/// route works for it, so one rule for DisableKey and another for ScheduleKeyDeletion are complete between them.
/// Rules KMS1xx–KMS3xx read it; <c>kmslint report</c> renders it. Built once per run, on first use.
/// </summary>
public sealed class RouteModel
{
    private readonly RepoGraph graph;
    private readonly Dictionary<EventRule, EventRuleDetection> ruleDetections = new();
    private readonly Dictionary<LifecycleEvent, HashSet<EventBus>> receivingBuses = new();

    internal RouteModel(RepoGraph graph)
    {
        this.graph = graph;
        Trails = graph.Trails.ToDictionary(trail => trail, trail => new TrailFacts(trail, graph));
        Filters = graph.MetricFilters.Select(filter => new FilterDetection(filter, graph, Trails)).ToList();
        foreach (var rule in graph.EventRules)
        {
            ruleDetections[rule] = new EventRuleDetection(rule, graph, this);
        }

        EventRules = graph.EventRules.Select(rule => ruleDetections[rule]).ToList();
        All = Filters.Concat<Detection>(EventRules).ToList();
        HasRecordingTrail = Trails.Values.Any(trail => trail.Records);
    }

    /// <summary>What each trail records and where it sends it.</summary>
    public IReadOnlyDictionary<Trail, TrailFacts> Trails { get; }

    public IReadOnlyList<FilterDetection> Filters { get; }

    /// <summary>Every EventBridge rule, disabled ones and forwarders included.</summary>
    public IReadOnlyList<EventRuleDetection> EventRules { get; }

    /// <summary>Filters, then rules.</summary>
    public IReadOnlyList<Detection> All { get; }

    /// <summary>The detections (forwarders are not: they are links of other routes).</summary>
    public IEnumerable<Detection> Detections => All.Where(detection => detection is not EventRuleDetection { IsForwarder: true });

    /// <summary>
    /// The detections that alert on key lifecycle events, working or meant to: KMS304 asks them for a runbook, and
    /// <c>kmslint report</c> shows their routes. A filter for root logins or a rule on S3 events is left out.
    /// </summary>
    public IEnumerable<Detection> AboutKeyLifecycle =>
        Detections.Where(detection => detection.IsMeantForKeyLifecycle || LifecycleEvent.All.Any(detection.Works));

    /// <summary>Some trail of the set (or an external one) logs and records KMS write management events.</summary>
    public bool HasRecordingTrail { get; }

    /// <summary>Works when some route works for the event; Unknown when none does but one may; else Broken.</summary>
    public RouteStatus CoverageOf(LifecycleEvent lifecycleEvent)
    {
        var statuses = All.Select(detection => detection.StatusFor(lifecycleEvent)).ToList();
        return statuses.Contains(RouteStatus.Works) ? RouteStatus.Works
            : statuses.Contains(RouteStatus.Unknown) ? RouteStatus.Unknown
            : RouteStatus.Broken;
    }

    /// <summary>Every lifecycle event reaches someone along a working route.</summary>
    public bool CoversBoth => LifecycleEvent.All.All(lifecycleEvent => CoverageOf(lifecycleEvent) == RouteStatus.Works);

    /// <summary>The working route with the smallest worst case, and that worst case; null when none works.</summary>
    public (Detection Detection, double Minutes)? Fastest
    {
        get
        {
            // A loop: LINQ over (Detection, double?) tuples is JIT-compiled at every start (ReadyToRun cannot precompile it).
            (Detection Detection, double Minutes)? fastest = null;
            foreach (var detection in All)
            {
                if (detection.WorstCaseMinutesToDetect is { } minutes && (fastest is null || minutes < fastest.Value.Minutes))
                {
                    fastest = (detection, minutes);
                }
            }

            return fastest;
        }
    }

    /// <summary>
    /// The resources on a route of a detection that matches a lifecycle event: what feeds it, the detection, alarms,
    /// topics and subscriptions (each once, in route order).
    /// </summary>
    public IReadOnlyList<Resource> ResourcesOnRoutes()
    {
        var seen = new HashSet<Resource>();
        return Detections.Where(detection => detection.IsEnabled && detection.MatchesLifecycleEvent)
            .SelectMany(detection => detection.ResourcesOnRoute())
            .Where(seen.Add)
            .ToList();
    }

    /// <summary>The detection of a rule.</summary>
    public EventRuleDetection DetectionOf(EventRule rule) => ruleDetections[rule];

    /// <summary>
    /// The event arrives on the bus: CloudTrail puts API calls on the default bus (a logging trail is required, as
    /// EventBridge documents), a declared bus receives them from elsewhere, and any other bus only through a forwarding
    /// rule whose pattern matches it and whose own bus receives it.
    /// </summary>
    public bool Receives(EventBus bus, LifecycleEvent lifecycleEvent)
    {
        if (!receivingBuses.TryGetValue(lifecycleEvent, out var receiving))
        {
            receivingBuses[lifecycleEvent] = receiving = ReceivingBuses(lifecycleEvent);
        }

        return receiving.Contains(bus);
    }

    /// <summary>
    /// The buses the event reaches, grown from the default bus (when a trail records) and the declared ones along the
    /// enabled forwarders that match it. Each bus is entered once, so any web of forwarding rules, cycles included,
    /// costs time in proportion to its rules (following every chain instead grows with the number of paths).
    /// </summary>
    private HashSet<EventBus> ReceivingBuses(LifecycleEvent lifecycleEvent)
    {
        var receiving = new HashSet<EventBus>(graph.EventBuses.Where(bus => bus.IsDefault ? HasRecordingTrail : bus.External is not null));
        var pending = new Queue<EventBus>(receiving);
        while (pending.Count > 0)
        {
            foreach (var rule in graph.RuleBuses.To(pending.Dequeue()))
            {
                var forwarder = DetectionOf(rule);
                if (!forwarder.IsEnabled || !forwarder.Matches(lifecycleEvent))
                {
                    continue;
                }

                // The default bus takes CloudTrail's events only, a declared one is decided by its declaration.
                foreach (var target in graph.Forwarding.From(rule).Where(target => !target.IsDefault && target.External is null && receiving.Add(target)))
                {
                    pending.Enqueue(target);
                }
            }
        }

        return receiving;
    }
}
