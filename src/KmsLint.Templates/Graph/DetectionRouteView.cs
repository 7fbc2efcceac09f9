using KmsLint.Templates.Findings;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Graph;

/// <summary>
/// Every metric filter and enabled EventBridge rule as a possible detection of key lifecycle events, with the
/// route around it: what feeds it and who it notifies. Built once per run (<see cref="RepoGraph.DetectionRoutes"/>);
/// rules KMS200–KMS303 and KMS404 read it.
/// </summary>
public sealed class DetectionRouteView
{
    internal DetectionRouteView(RepoGraph graph)
    {
        Filters = graph.MetricFilters.Select(filter => new FilterDetection(filter, graph)).ToList();
        Rules = graph.EventRules.Where(rule => rule.IsEnabled).Select(rule => new RuleDetection(rule, graph)).ToList();
        All = Filters.Cast<Detection>().Concat(Rules).ToList();
    }

    public IReadOnlyList<FilterDetection> Filters { get; }

    /// <summary>Enabled rules only: a DISABLED rule detects nothing.</summary>
    public IReadOnlyList<RuleDetection> Rules { get; }

    /// <summary>Filters, then rules.</summary>
    public IReadOnlyList<Detection> All { get; }

    /// <summary>
    /// The resources on a route of a detection that matches a lifecycle event: trails and log groups feeding a
    /// filter, the filter or rule, alarms, topics and subscriptions (each once, in route order).
    /// </summary>
    public IReadOnlyList<Resource> ResourcesOnRoutes()
    {
        var found = new List<Resource>();
        var seen = new HashSet<Resource>();
        foreach (var detection in All.Where(d => d.MatchesLifecycleEvent))
        {
            foreach (var resource in detection.ResourcesOnRoute())
            {
                if (seen.Add(resource))
                {
                    found.Add(resource);
                }
            }
        }

        return found;
    }
}

/// <summary>A metric filter or an enabled EventBridge rule, with its pattern verdict evaluated on first use.</summary>
public abstract class Detection
{
    private readonly Lazy<PatternEvaluation> pattern;

    private protected Detection(GraphNode node, Resource resource, string patternProperty, Func<PatternEvaluation> evaluate, RepoGraph graph)
    {
        Node = node;
        Resource = resource;
        PatternProperty = patternProperty;
        Graph = graph;
        pattern = new Lazy<PatternEvaluation>(evaluate);
        IsMeantForKeyLifecycle = MentionsKeyLifecycle(resource.Property(patternProperty));
    }

    public GraphNode Node { get; }

    public Resource Resource { get; }

    /// <summary><c>FilterPattern</c> or <c>EventPattern</c>.</summary>
    public string PatternProperty { get; }

    /// <summary>"metric filter" or "EventBridge rule", for messages.</summary>
    public abstract string Kind { get; }

    /// <summary>The route this detection belongs to.</summary>
    public abstract DetectionRoutes Route { get; }

    public PatternEvaluation Pattern => pattern.Value;

    /// <summary>
    /// The pattern mentions <c>DisableKey</c> or <c>ScheduleKeyDeletion</c> (any case), or both <c>kms</c> and
    /// <c>eventName</c>: whoever wrote it meant to watch key lifecycle events.
    /// </summary>
    public bool IsMeantForKeyLifecycle { get; }

    public bool MatchesBothLifecycleEvents => Pattern.Verdict?.MatchesBothLifecycleEvents == true;

    /// <summary>Matches DisableKey or ScheduleKeyDeletion: the alarm and topic behind it matter.</summary>
    public bool MatchesLifecycleEvent => Pattern.Verdict is { } verdict && (verdict.MatchesDisableKey || verdict.MatchesScheduleKeyDeletion);

    /// <summary>The topics it notifies (through alarms for a filter, targets for a rule).</summary>
    public abstract IReadOnlyList<Topic> Topics { get; }

    /// <summary>The notification targets on its route that cannot be followed to a topic of the set or a configured external one.</summary>
    public abstract IReadOnlyList<UnfollowedTarget> UnfollowedTargets { get; }

    public SourceSpan PatternSpan => Resource.SpanOf(PatternProperty);

    private protected RepoGraph Graph { get; }

    internal abstract IEnumerable<Resource> ResourcesOnRoute();

    private protected IEnumerable<Resource> TopicsAndSubscriptions()
    {
        foreach (var topic in Topics)
        {
            if (topic.Resource is { } resource)
            {
                yield return resource;
            }

            foreach (var subscription in Graph.SubscriptionsOf(topic))
            {
                if (subscription.Resource is { } subscriptionResource)
                {
                    yield return subscriptionResource;
                }
            }
        }
    }

    /// <summary>The items of a list of ARNs (AlarmActions, a target's Arn) that reach no known topic.</summary>
    private protected IEnumerable<UnfollowedTarget> Unfollowed(Resource owner, TemplateNode? arns)
    {
        var items = arns is SequenceNode list ? list.Items : arns is null ? Array.Empty<TemplateNode>() : new[] { arns };
        foreach (var item in items)
        {
            var resolved = Graph.Resolver.ResolveList(owner.Template, item);
            if (resolved.Possibilities.OfType<UnknownValue>().FirstOrDefault() is { } unknown)
            {
                yield return new UnfollowedTarget(owner, item.Span, unknown.Reason);
            }
            else if (resolved.Literals.FirstOrDefault(l => IsSnsArn(l.Text) && Graph.TopicsFor(owner.Template, new ResolvedValue(new[] { l })).Count == 0) is { } literal)
            {
                yield return new UnfollowedTarget(owner, item.Span, "topic " + literal.Text + " is not defined in the linted templates");
            }
        }
    }

    private static bool IsSnsArn(string text) => text.StartsWith("arn:", StringComparison.Ordinal) && text.IndexOf(":sns:", StringComparison.Ordinal) > 0;

    private static bool MentionsKeyLifecycle(TemplateNode? node)
    {
        var text = string.Join(" ", ScalarTexts(node, 0));
        bool Has(string word) => text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;
        return Has("DisableKey") || Has("ScheduleKeyDeletion") || (Has("kms") && Has("eventName"));
    }

    /// <summary>Every key and scalar under a node (bounded depth: aliases may share nodes, never expanded twice per path).</summary>
    private static IEnumerable<string> ScalarTexts(TemplateNode? node, int depth)
    {
        if (node is null || depth > 64)
        {
            return Array.Empty<string>();
        }

        return node switch
        {
            ScalarNode scalar => new[] { scalar.Value },
            SequenceNode sequence => sequence.Items.SelectMany(item => ScalarTexts(item, depth + 1)),
            MappingNode mapping => mapping.Entries.SelectMany(entry => new[] { entry.Key.Value }.Concat(ScalarTexts(entry.Value, depth + 1))),
            IntrinsicNode intrinsic => ScalarTexts(intrinsic.Argument, depth + 1),
            _ => Array.Empty<string>(),
        };
    }
}

/// <summary>A notification target the linter cannot follow: where it is written and why.</summary>
public sealed record UnfollowedTarget(Resource Owner, SourceSpan Location, string Reason);

/// <summary>A metric filter: log groups watched and the trails delivering there, metrics published, alarms, topics.</summary>
public sealed class FilterDetection : Detection
{
    private readonly Lazy<IReadOnlyList<UnfollowedTarget>> unfollowed;

    internal FilterDetection(MetricFilter filter, RepoGraph graph)
        : base(filter, filter.Resource, "FilterPattern", () => PatternEvaluation.OfFilter(filter.Resource, graph), graph)
    {
        Filter = filter;
        LogGroups = graph.LogGroupsWatchedBy(filter);
        DeliveringTrails = LogGroups.SelectMany(graph.TrailsDeliveringTo).Distinct().ToList();
        var name = graph.Resolver.Resolve(filter.Resource.Template, filter.Property("LogGroupName"));
        LogGroupNames = name.Literals.Select(l => RepoGraph.LogGroupNameOf(l.Text)).ToList();
        UnknownLogGroupReason = LogGroups.Count > 0 || LogGroupNames.Count > 0 ? null
            : name.Possibilities.OfType<UnknownValue>().FirstOrDefault()?.Reason
              ?? (name.IsEmpty ? "LogGroupName is not set" : "LogGroupName is " + name);
        Alarms = filter.Metrics.SelectMany(graph.AlarmsOn).Distinct().ToList();
        Topics = Alarms.SelectMany(graph.TopicsNotifiedBy).Distinct().ToList();
        unfollowed = new Lazy<IReadOnlyList<UnfollowedTarget>>(
            () => Alarms.SelectMany(alarm => Unfollowed(alarm.Resource, alarm.Property("AlarmActions"))).ToList());
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

    public IReadOnlyList<Trail> DeliveringTrails { get; }

    /// <summary>A trail (or external trail) delivers to a log group it watches.</summary>
    public bool IsFedByTrail => DeliveringTrails.Count > 0;

    /// <summary>The alarms on any metric it publishes.</summary>
    public IReadOnlyList<Alarm> Alarms { get; }

    public override IReadOnlyList<Topic> Topics { get; }

    public override IReadOnlyList<UnfollowedTarget> UnfollowedTargets => unfollowed.Value;

    internal override IEnumerable<Resource> ResourcesOnRoute()
    {
        foreach (var trail in DeliveringTrails)
        {
            if (trail.Resource is { } resource)
            {
                yield return resource;
            }
        }

        foreach (var group in LogGroups)
        {
            if (group.Resource is { } resource)
            {
                yield return resource;
            }
        }

        yield return Resource;
        foreach (var alarm in Alarms)
        {
            yield return alarm.Resource;
        }

        foreach (var resource in TopicsAndSubscriptions())
        {
            yield return resource;
        }
    }
}

/// <summary>An enabled EventBridge rule and the topics among its targets.</summary>
public sealed class RuleDetection : Detection
{
    private readonly Lazy<IReadOnlyList<UnfollowedTarget>> unfollowed;

    internal RuleDetection(EventRule rule, RepoGraph graph)
        : base(rule, rule.Resource, "EventPattern", () => PatternEvaluation.OfEventRule(rule.Resource, graph), graph)
    {
        Rule = rule;
        Topics = graph.TopicsTargetedBy(rule);
        unfollowed = new Lazy<IReadOnlyList<UnfollowedTarget>>(() => (rule.Targets as SequenceNode)?.Items
            .SelectMany(target => Unfollowed(rule.Resource, (target as MappingNode)?["Arn"])).ToList()
            ?? (IReadOnlyList<UnfollowedTarget>)Array.Empty<UnfollowedTarget>());
    }

    public EventRule Rule { get; }

    public override string Kind => "EventBridge rule";

    public override DetectionRoutes Route => DetectionRoutes.EventBridge;

    public override IReadOnlyList<Topic> Topics { get; }

    public override IReadOnlyList<UnfollowedTarget> UnfollowedTargets => unfollowed.Value;

    internal override IEnumerable<Resource> ResourcesOnRoute()
    {
        yield return Resource;
        foreach (var resource in TopicsAndSubscriptions())
        {
            yield return resource;
        }
    }
}
