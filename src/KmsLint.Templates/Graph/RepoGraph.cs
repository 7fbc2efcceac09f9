using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Routes;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Graph;

/// <summary>
/// Every template of the run as one graph: the resources the rules care about as typed nodes, external trails,
/// topics and buses from the configuration, and typed edges between them found through the <see cref="Resolver"/>
/// (across templates via exports and Systems Manager parameters). Built once per run; <see cref="Routes"/> reads it.
/// </summary>
public sealed class RepoGraph
{
    /// <summary>The resource types that become nodes: the one list from which what the model keeps is derived.</summary>
    private static readonly Dictionary<string, Func<Resource, RepoGraph, GraphNode>> NodeTypes = new(StringComparer.Ordinal)
    {
        ["AWS::CloudTrail::Trail"] = (resource, _) => new Trail(resource),
        ["AWS::Logs::LogGroup"] = (resource, graph) => new LogGroup(resource, graph.LiteralTexts(resource, "LogGroupName")),
        ["AWS::Logs::MetricFilter"] = (resource, graph) => new MetricFilter(resource, graph.TransformationsOf(resource)),
        ["AWS::CloudWatch::Alarm"] = (resource, graph) => new Alarm(resource, graph.WatchedMetricsOf(resource)),
        ["AWS::SNS::Topic"] = (resource, graph) => new Topic(resource, graph.LiteralTexts(resource, "TopicName")),
        ["AWS::Events::Rule"] = (resource, _) => new EventRule(resource),
        ["AWS::Events::EventBus"] = (resource, graph) => EventBus.Of(resource, graph.LiteralTexts(resource, "Name")),
        ["AWS::KMS::Key"] = (resource, _) => new Key(resource),
        ["AWS::KMS::ReplicaKey"] = (resource, _) => new Key(resource),
    };

    /// <summary>Types read for their values, not as nodes: subscriptions join topics, Systems Manager parameters carry values.</summary>
    private static readonly HashSet<string> ValueTypes = new(StringComparer.Ordinal) { "AWS::SNS::Subscription", "AWS::SSM::Parameter" };

    private readonly List<GraphNode> nodes = new();
    private readonly Dictionary<Resource, GraphNode> nodeOf = new();
    private readonly List<Subscription> subscriptions = new();
    private readonly Lazy<RouteModel> routes;

    public RepoGraph(IReadOnlyList<Template> templates, LintSettings settings)
    {
        Templates = templates;
        Settings = settings;
        Resolver = new Resolver(templates, settings.Deployment with { TopicParameters = settings.External.TopicParameters });
        DefaultBus = EventBus.Default();
        routes = new Lazy<RouteModel>(() => new RouteModel(this));
        AddNodes(settings.External);
        Trails = nodes.OfType<Trail>().ToList();
        LogGroups = nodes.OfType<LogGroup>().ToList();
        MetricFilters = nodes.OfType<MetricFilter>().ToList();
        Alarms = nodes.OfType<Alarm>().ToList();
        Topics = nodes.OfType<Topic>().ToList();
        EventRules = nodes.OfType<EventRule>().ToList();
        EventBuses = nodes.OfType<EventBus>().ToList();
        Keys = nodes.OfType<Key>().ToList();
        Connect();
    }

    /// <summary>A graph with default settings but for these external resources and deployment facts (tests).</summary>
    public RepoGraph(IReadOnlyList<Template> templates, ExternalResources external, DeploymentFacts? facts = null)
        : this(templates, LintSettings.Default with { External = external, Deployment = facts ?? DeploymentFacts.None })
    {
    }

    /// <summary>True when some rule reads properties of resources of <paramref name="type"/>; models may drop the others' properties.</summary>
    public static bool ReadsPropertiesOf(string type) => NodeTypes.ContainsKey(type) || ValueTypes.Contains(type);

    /// <summary>The linted templates, in the order given.</summary>
    public IReadOnlyList<Template> Templates { get; }

    public LintSettings Settings { get; }

    /// <summary>Resolves values of any template of the set (exports across templates included).</summary>
    public Resolver Resolver { get; }

    /// <summary>All trails, the configured external ones included (<see cref="GraphNode.IsExternal"/>).</summary>
    public IReadOnlyList<Trail> Trails { get; }

    /// <summary>All log groups, the external trails' ones included.</summary>
    public IReadOnlyList<LogGroup> LogGroups { get; }

    public IReadOnlyList<MetricFilter> MetricFilters { get; }

    public IReadOnlyList<Alarm> Alarms { get; }

    /// <summary>All topics, the configured external ones included.</summary>
    public IReadOnlyList<Topic> Topics { get; }

    public IReadOnlyList<EventRule> EventRules { get; }

    /// <summary>The default bus, the <c>AWS::Events::EventBus</c> resources and the configured external buses.</summary>
    public IReadOnlyList<EventBus> EventBuses { get; }

    /// <summary>The deploying account's default bus: CloudTrail delivers API calls there, and only there.</summary>
    public EventBus DefaultBus { get; }

    public IReadOnlyList<Key> Keys { get; }

    /// <summary>Trail → the log groups it delivers to (CloudWatchLogsLogGroupArn; an external trail's configured group).</summary>
    public Edges<Trail, LogGroup> Delivery { get; } = new();

    /// <summary>Metric filter → the log groups it watches (LogGroupName).</summary>
    public Edges<MetricFilter, LogGroup> Watching { get; } = new();

    /// <summary>Metric filter → the alarms on a metric it publishes (same namespace and name).</summary>
    public Edges<MetricFilter, Alarm> AlarmsOnMetrics { get; } = new();

    /// <summary>Alarm → the topics its AlarmActions reach.</summary>
    public Edges<Alarm, Topic> AlarmTopics { get; } = new();

    /// <summary>EventBridge rule → the topics among its targets.</summary>
    public Edges<EventRule, Topic> RuleTopics { get; } = new();

    /// <summary>EventBridge rule → the bus it is on (EventBusName; the default bus when not set).</summary>
    public Edges<EventRule, EventBus> RuleBuses { get; } = new();

    /// <summary>EventBridge rule → the buses among its targets: it forwards the events it matches there.</summary>
    public Edges<EventRule, EventBus> Forwarding { get; } = new();

    /// <summary>Topic → its subscriptions (resources and inline entries).</summary>
    public Edges<Topic, Subscription> Subscriptions { get; } = new();

    /// <summary>The pairing with the base version in a <c>kmslint lint --base REF</c> run; null otherwise.</summary>
    public ChangeControl.ChangeSet? Change { get; internal set; }

    /// <summary>Every detection with its route, and what the working ones cover; built on first use.</summary>
    public RouteModel Routes => routes.Value;

    /// <summary>The template that comes first: where findings about something missing go when nothing comes closer.</summary>
    public Template? FirstTemplate => Templates.Count > 0 ? Templates[0] : null;

    /// <summary>The graph node of a resource, or null.</summary>
    public GraphNode? NodeOf(Resource resource) => nodeOf.TryGetValue(resource, out var node) ? node : null;

    /// <summary>
    /// The topics a resolved ARN can be: a topic resource by Ref, a configured external topic whose ARN pattern
    /// matches, or a topic resource whose literal TopicName ends the ARN.
    /// </summary>
    public IReadOnlyList<Topic> TopicsFor(ResolvedValue value)
    {
        var found = new List<Topic>();
        foreach (var possibility in value.Possibilities)
        {
            switch (possibility)
            {
                case ResourceValue { IsRef: true } reference when NodeOf(reference.Resource) is Topic topic:
                    AddOnce(found, topic);
                    break;
                case DeclaredTopicValue declared:
                    AddOnce(found, Topics.First(topic => topic.DeclaredParameter == declared.Parameter));
                    break;
                case LiteralValue literal:
                    var name = Arn.TopicName(literal.Text);
                    foreach (var topic in Topics)
                    {
                        if (topic.External?.Matches(literal.Text) == true || (name is not null && topic.Names.Contains(name)))
                        {
                            AddOnce(found, topic);
                        }
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>
    /// The log groups a resolved value names: a log group resource by Ref/GetAtt, or a literal name or
    /// <c>arn:aws:logs:...:log-group:NAME[:*]</c> equal to a group's name.
    /// </summary>
    public IReadOnlyList<LogGroup> LogGroupsFor(Template template, ResolvedValue value)
    {
        var found = new List<LogGroup>();
        foreach (var possibility in value.Possibilities)
        {
            switch (possibility)
            {
                case ResourceValue reference when NodeOf(reference.Resource) is LogGroup group:
                    AddOnce(found, group);
                    break;
                case LiteralValue literal:
                    var name = Arn.LogGroupName(literal.Text);
                    foreach (var group in LogGroups)
                    {
                        if (group.Names.Contains(name) || (IsPlaceholderFor(name, group) && ReferenceEquals(group.Resource!.Template, template)))
                        {
                            AddOnce(found, group);
                        }
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>
    /// The buses a resolved name or ARN can be: a bus resource (Ref gives its name, GetAtt its ARN), the default bus
    /// (<c>default</c>, or a default-bus ARN of the deploying account), a bus resource by literal name, or a configured
    /// external bus whose ARN pattern matches.
    /// </summary>
    public IReadOnlyList<EventBus> EventBusesFor(ResolvedValue value)
    {
        var found = new List<EventBus>();
        foreach (var possibility in value.Possibilities)
        {
            switch (possibility)
            {
                case ResourceValue reference when NodeOf(reference.Resource) is EventBus bus:
                    AddOnce(found, bus);
                    break;
                case LiteralValue literal:
                    var arn = Arn.Parse(literal.Text);
                    var name = arn?.EventBusName ?? (arn is null ? literal.Text : null);
                    var declared = EventBuses.Where(bus => bus.External?.Matches(literal.Text) == true).ToList();
                    // A declared bus wins; otherwise a bus of the set with that name is the one meant, in whichever
                    // account it is deployed (an organisation repository holds the central account's bus too), and
                    // "default" in another account is that account's default bus, which the set cannot hold.
                    var own = arn is null || arn.IsOwnAccount;
                    foreach (var bus in declared.Count > 0 ? declared : EventBuses.Where(bus => name is not null && bus.Names.Contains(name) && (own || !bus.IsDefault)))
                    {
                        AddOnce(found, bus);
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>A log group written as <c>${LogicalId}</c> (a Ref inside a Sub) names that resource.</summary>
    private static bool IsPlaceholderFor(string text, LogGroup group) =>
        group.Resource is { } resource && text == "${" + resource.LogicalId + "}";

    private void AddNodes(ExternalResources external)
    {
        foreach (var trail in external.Trails)
        {
            nodes.Add(new Trail(trail));
            if (trail.LogGroup is { Length: > 0 } logGroup)
            {
                nodes.Add(new LogGroup(Arn.LogGroupName(logGroup)));
            }
        }

        foreach (var arn in external.TopicArns)
        {
            if (ArnPattern.Parse(arn, "sns", out _) is { } pattern)
            {
                nodes.Add(new Topic(pattern));
            }
        }

        nodes.AddRange(external.TopicParameters.Select(parameter => new Topic(parameter)));

        nodes.Add(DefaultBus);
        foreach (var arn in external.EventBuses)
        {
            if (ArnPattern.Parse(arn, "events", out _) is { } pattern)
            {
                nodes.Add(EventBus.Declared(pattern));
            }
        }

        foreach (var template in Templates)
        {
            foreach (var resource in template.Resources)
            {
                if (NodeTypes.TryGetValue(resource.Type, out var create))
                {
                    var node = create(resource, this);
                    nodeOf[resource] = node;
                    nodes.Add(node);
                }
            }
        }
    }

    private void Connect()
    {
        foreach (var trail in Trails)
        {
            if (trail.External?.LogGroup is { Length: > 0 } external)
            {
                Delivery.Add(trail, LogGroups.First(group => group.IsExternal && group.Name == Arn.LogGroupName(external)));
            }
            else if (trail.Resource is { } resource)
            {
                Delivery.Add(trail, LogGroupsFor(resource.Template, Resolver.Resolve(resource.Template, resource.Property("CloudWatchLogsLogGroupArn"))));
            }
        }

        foreach (var filter in MetricFilters)
        {
            var template = filter.Resource.Template;
            Watching.Add(filter, LogGroupsFor(template, Resolver.Resolve(template, filter.Property("LogGroupName"))));
            var metrics = filter.Metrics.ToList();
            AlarmsOnMetrics.Add(filter, Alarms.Where(alarm => alarm.Metrics.Any(watched => metrics.Contains(watched.Id))));
        }

        foreach (var alarm in Alarms)
        {
            AlarmTopics.Add(alarm, TopicsFor(Resolver.ResolveList(alarm.Resource.Template, alarm.Property("AlarmActions"))));
        }

        foreach (var rule in EventRules)
        {
            var template = rule.Resource.Template;
            var busName = rule.Property("EventBusName");
            RuleBuses.Add(rule, busName is null ? new[] { DefaultBus } : EventBusesFor(Resolver.Resolve(template, busName)));
            foreach (var target in rule.Targets)
            {
                var arn = Resolver.Resolve(template, target.At("Arn"));
                RuleTopics.Add(rule, TopicsFor(arn));
                Forwarding.Add(rule, EventBusesFor(arn));
            }
        }

        foreach (var topic in Topics)
        {
            foreach (var entry in topic.Property("Subscription")?.ListItems() ?? Array.Empty<TemplateNode>())
            {
                Subscriptions.Add(topic, new Subscription(null, topic, entry));
            }
        }

        foreach (var template in Templates)
        {
            foreach (var resource in template.ResourcesOfType("AWS::SNS::Subscription"))
            {
                foreach (var topic in TopicsFor(Resolver.Resolve(template, resource.Property("TopicArn"))))
                {
                    Subscriptions.Add(topic, new Subscription(resource, topic, (TemplateNode?)resource.Properties ?? resource.Definition));
                }
            }
        }
    }

    private IReadOnlyList<string> LiteralTexts(Resource resource, string property) =>
        Resolver.Resolve(resource.Template, resource.Property(property)).Literals.Select(literal => literal.Text).ToList();

    private IReadOnlyList<MetricTransformation> TransformationsOf(Resource filter) =>
        filter.Property("MetricTransformations")?.ListItems().OfType<MappingNode>()
            .Select(definition => new MetricTransformation(definition, MetricIds(filter.Template, definition["MetricNamespace"], definition["MetricName"])))
            .ToList()
        ?? (IReadOnlyList<MetricTransformation>)Array.Empty<MetricTransformation>();

    private IReadOnlyList<WatchedMetric> WatchedMetricsOf(Resource alarm)
    {
        var watched = new List<WatchedMetric>();
        if (alarm.Properties is { } properties)
        {
            watched.AddRange(MetricIds(alarm.Template, properties["Namespace"], properties["MetricName"]).Select(id => new WatchedMetric(id, null, properties)));
        }

        foreach (var query in alarm.Property("Metrics")?.ListItems() ?? Array.Empty<TemplateNode>())
        {
            if (query.At("MetricStat", "Metric") is MappingNode metric)
            {
                var queryId = query.At("Id")?.ScalarText;
                watched.AddRange(MetricIds(alarm.Template, metric["Namespace"], metric["MetricName"]).Select(id => new WatchedMetric(id, queryId, metric)));
            }
        }

        return watched;
    }

    private IReadOnlyList<MetricId> MetricIds(Template template, TemplateNode? namespaceNode, TemplateNode? nameNode)
    {
        var metrics = new List<MetricId>();
        if (namespaceNode is null || nameNode is null)
        {
            return metrics;
        }

        foreach (var space in Resolver.Resolve(template, namespaceNode).Literals)
        {
            foreach (var name in Resolver.Resolve(template, nameNode).Literals)
            {
                AddOnce(metrics, new MetricId(space.Text, name.Text));
            }
        }

        return metrics;
    }

    private static void AddOnce<T>(List<T> list, T item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}
