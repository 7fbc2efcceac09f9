using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Routes;

/// <summary>
/// An EventBridge rule's route: CloudTrail → the default bus of the region → (forwarding rules → another bus) → the
/// rule → its targets → topics → subscriptions. A rule whose targets are buses forwards what it matches; the rules on
/// those buses are the detections, so a forwarder is followed, not judged as one.
/// </summary>
public sealed class EventRuleDetection : Detection
{
    private readonly RouteModel model;
    private readonly Lazy<IReadOnlyList<NotificationTarget>> targets;

    internal EventRuleDetection(EventRule rule, RepoGraph graph, RouteModel model)
        : base(rule, rule.Resource, "EventPattern", () => PatternEvaluation.OfEventRule(rule.Resource, graph), graph)
    {
        this.model = model;
        Rule = rule;
        State = graph.Resolver.Read(rule.Resource, "State", awsDefault: "ENABLED");
        Buses = graph.RuleBuses.From(rule);
        if (rule.Property("EventBusName") is { } busName && Buses.Count == 0)
        {
            var value = graph.Resolver.Resolve(rule.Resource.Template, busName);
            UnknownBusReason = value.FirstUnknown?.Reason;
            UnmatchedBusName = UnknownBusReason is null ? string.Join(" | ", value.Possibilities) : null;
        }

        targets = new Lazy<IReadOnlyList<NotificationTarget>>(() =>
            rule.Targets.Select(target => target.At("Arn") is { } arn ? NotificationTarget.Follow(graph, rule.Resource, arn) : null)
                .Where(target => target is not null).Select(target => target!).ToList());
    }

    public EventRule Rule { get; }

    public override string Kind => "EventBridge rule";

    public override DetectionRoutes Route => DetectionRoutes.EventBridge;

    /// <summary>The values State can take (ENABLED where not set).</summary>
    public IReadOnlyList<Reading> State { get; }

    /// <summary>
    /// ENABLED (or ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS) on some branch, or unknown: a rule that is DISABLED on
    /// every branch sees nothing.
    /// </summary>
    /// <remarks>A State that resolves to nothing (an intrinsic of nothing but AWS::NoValue) is not known to disable the rule.</remarks>
    public override bool IsEnabled => State.Count == 0 || State.Any(reading => reading.Text is null || reading.Text.StartsWith("ENABLED", StringComparison.Ordinal));

    /// <summary>The buses it is on (the default bus when EventBusName is not set).</summary>
    public IReadOnlyList<EventBus> Buses { get; }

    /// <summary>Why EventBusName cannot be known, or null.</summary>
    public string? UnknownBusReason { get; }

    /// <summary>An EventBusName that names no bus of the set, the default bus or a declared one.</summary>
    public string? UnmatchedBusName { get; }

    public override IEnumerable<NotificationTarget> Targets => targets.Value;

    /// <summary>The buses it forwards matching events to.</summary>
    public IEnumerable<EventBus> ForwardsTo => Targets.SelectMany(target => target.Buses).Distinct();

    /// <summary>
    /// A rule whose only purpose is to move events to other buses of the set: followed, not judged as a detection. One
    /// that forwards to a bus declared external ends the route in this repository, so it is the detection here.
    /// </summary>
    public bool IsForwarder => Targets.Any() && Targets.All(target => target.Buses.Count > 0 && target.Buses.All(bus => bus.External is null));

    /// <summary>The event arrives on a bus it is on: the default bus (with a logging trail), a declared bus, or through a forwarding rule.</summary>
    public bool Receives(LifecycleEvent lifecycleEvent) => Buses.Any(bus => model.Receives(bus, lifecycleEvent));

    public override RouteStatus StatusFor(LifecycleEvent lifecycleEvent)
    {
        if (!IsEnabled || !Matches(lifecycleEvent))
        {
            return RouteStatus.Broken;
        }

        if (UnknownBusReason is not null)
        {
            return RouteStatus.Unknown;
        }

        if (!Receives(lifecycleEvent))
        {
            return RouteStatus.Broken;
        }

        if (ReachesSubscriber(Targets) || ForwardsTo.Any(bus => bus.External is not null))
        {
            return RouteStatus.Works;
        }

        return Targets.Any(target => target.UnknownReason is not null || target.OutsideArn is not null) ? RouteStatus.Unknown : RouteStatus.Broken;
    }

    public override double? WorstCaseMinutes(LifecycleEvent lifecycleEvent) =>
        StatusFor(lifecycleEvent) == RouteStatus.Works ? Graph.Settings.AssumedEventBridgeMinutes : null;

    public override IEnumerable<Resource> ResourcesOnRoute()
    {
        yield return Resource;
        foreach (var resource in TopicsAndSubscriptions())
        {
            yield return resource;
        }
    }

    private protected override string EventNameField => "detail.eventName";

    private protected override IntentField[] KmsFields { get; } = { new("source", "aws.kms"), new("detail.eventSource", "kms.amazonaws.com") };
}
