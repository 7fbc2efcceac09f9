using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Graph;

/// <summary>
/// Every template of the run as one graph: the resources the rules care about as typed nodes, external
/// trails and topics from the configuration, and the edges between them answered through the
/// <see cref="Resolver"/> (across templates via exports). Built once per run.
/// </summary>
public sealed class RepoGraph
{
    private static readonly IReadOnlyList<Trail> NoTrails = Array.Empty<Trail>();
    private static readonly IReadOnlyList<LogGroup> NoLogGroups = Array.Empty<LogGroup>();
    private static readonly IReadOnlyList<MetricFilter> NoFilters = Array.Empty<MetricFilter>();
    private static readonly IReadOnlyList<Alarm> NoAlarms = Array.Empty<Alarm>();
    private static readonly IReadOnlyList<Topic> NoTopics = Array.Empty<Topic>();
    private static readonly IReadOnlyList<Subscription> NoSubscriptions = Array.Empty<Subscription>();

    /// <summary>The resource types whose properties the graph (and so any rule) reads: the types <see cref="AddNodes"/> registers.</summary>
    private static readonly HashSet<string> TypesRead = new(StringComparer.Ordinal)
    {
        "AWS::CloudTrail::Trail", "AWS::Logs::LogGroup", "AWS::Logs::MetricFilter", "AWS::CloudWatch::Alarm", "AWS::SNS::Topic",
        "AWS::SNS::Subscription", "AWS::Events::Rule", "AWS::KMS::Key", "AWS::KMS::ReplicaKey", "AWS::KMS::Alias", "AWS::SSM::Parameter",
    };

    private readonly List<Trail> trails = new();
    private readonly List<LogGroup> logGroups = new();
    private readonly List<MetricFilter> filters = new();
    private readonly List<Alarm> alarms = new();
    private readonly List<Topic> topics = new();
    private readonly List<Subscription> subscriptions = new();
    private readonly List<EventRule> eventRules = new();
    private readonly List<Key> keys = new();

    private readonly Dictionary<Resource, GraphNode> nodeOf = new();
    private readonly Dictionary<string, List<LogGroup>> logGroupsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Topic>> topicsByArnOrName = new(StringComparer.Ordinal);

    private readonly Dictionary<Trail, List<LogGroup>> deliveredTo = new();
    private readonly Dictionary<LogGroup, List<Trail>> deliveringTrails = new();
    private readonly Dictionary<MetricFilter, List<LogGroup>> filterLogGroups = new();
    private readonly Dictionary<LogGroup, List<MetricFilter>> filtersOn = new();
    private readonly Dictionary<MetricId, List<Alarm>> alarmsOn = new();
    private readonly Dictionary<MetricId, List<MetricFilter>> filtersPublishing = new();
    private readonly Dictionary<Alarm, List<Topic>> alarmTopics = new();
    private readonly Dictionary<EventRule, List<Topic>> ruleTopics = new();
    private readonly Dictionary<Topic, List<Subscription>> subscriptionsOf = new();

    private readonly Lazy<DetectionRouteView> detectionRoutes;

    /// <summary>True when the graph reads properties of resources of <paramref name="type"/>; models may drop the others' properties.</summary>
    public static bool ReadsPropertiesOf(string type) => TypesRead.Contains(type);

    public RepoGraph(IReadOnlyList<Template> templates, ExternalResources external, DeploymentFacts? facts = null)
    {
        detectionRoutes = new Lazy<DetectionRouteView>(() => new DetectionRouteView(this));
        Templates = templates;
        Resolver = new Resolver(templates, facts);
        AddNodes(external);
        foreach (var trail in trails)
        {
            ConnectTrail(trail);
        }

        foreach (var filter in filters)
        {
            ConnectFilter(filter);
        }

        foreach (var alarm in alarms)
        {
            foreach (var metric in alarm.Metrics)
            {
                Add(alarmsOn, metric, alarm);
            }

            Link(alarmTopics, alarm, TopicsFor(alarm.Resource.Template, Resolver.ResolveList(alarm.Resource.Template, alarm.Property("AlarmActions"))));
        }

        foreach (var rule in eventRules)
        {
            ConnectEventRule(rule);
        }

        foreach (var subscription in subscriptions)
        {
            Add(subscriptionsOf, subscription.Topic, subscription);
        }
    }

    /// <summary>The linted templates, in the order given.</summary>
    public IReadOnlyList<Template> Templates { get; }

    /// <summary>Resolves values of any template of the set (exports across templates included).</summary>
    public Resolver Resolver { get; }

    /// <summary>All trails, the configured external ones included (<see cref="GraphNode.IsExternal"/>).</summary>
    public IReadOnlyList<Trail> Trails => trails;

    /// <summary>All log groups, the external trails' ones included.</summary>
    public IReadOnlyList<LogGroup> LogGroups => logGroups;

    public IReadOnlyList<MetricFilter> MetricFilters => filters;

    public IReadOnlyList<Alarm> Alarms => alarms;

    /// <summary>All topics, the configured external ones included.</summary>
    public IReadOnlyList<Topic> Topics => topics;

    /// <summary>All subscriptions, inline ones included.</summary>
    public IReadOnlyList<Subscription> Subscriptions => subscriptions;

    public IReadOnlyList<EventRule> EventRules => eventRules;

    public IReadOnlyList<Key> Keys => keys;

    /// <summary>Every metric filter and enabled EventBridge rule with its pattern verdict and route, built on first use.</summary>
    public DetectionRouteView DetectionRoutes => detectionRoutes.Value;

    /// <summary>The template that comes first: where findings about something missing go when nothing comes closer.</summary>
    public Template? FirstTemplate => Templates.Count > 0 ? Templates[0] : null;

    /// <summary>The graph node of a resource (trail, log group, filter, alarm, topic, rule, key), or null.</summary>
    public GraphNode? NodeOf(Resource resource) => nodeOf.TryGetValue(resource, out var node) ? node : null;

    /// <summary>The log groups the trail delivers to (CloudWatchLogsLogGroupArn); an external trail's configured group.</summary>
    public IReadOnlyList<LogGroup> LogGroupsDeliveredToBy(Trail trail) => Get(deliveredTo, trail, NoLogGroups);

    /// <summary>The trails delivering to this log group.</summary>
    public IReadOnlyList<Trail> TrailsDeliveringTo(LogGroup logGroup) => Get(deliveringTrails, logGroup, NoTrails);

    /// <summary>The log groups a metric filter watches (its LogGroupName matched to a group or an external trail's group).</summary>
    public IReadOnlyList<LogGroup> LogGroupsWatchedBy(MetricFilter filter) => Get(filterLogGroups, filter, NoLogGroups);

    public IReadOnlyList<MetricFilter> FiltersOn(LogGroup logGroup) => Get(filtersOn, logGroup, NoFilters);

    /// <summary>The alarms watching a metric (namespace and name equal).</summary>
    public IReadOnlyList<Alarm> AlarmsOn(MetricId metric) => Get(alarmsOn, metric, NoAlarms);

    /// <summary>The filters publishing a metric.</summary>
    public IReadOnlyList<MetricFilter> FiltersPublishing(MetricId metric) => Get(filtersPublishing, metric, NoFilters);

    /// <summary>The topics an alarm's AlarmActions reach (Ref, ImportValue of an exported Ref, a topic ARN).</summary>
    public IReadOnlyList<Topic> TopicsNotifiedBy(Alarm alarm) => Get(alarmTopics, alarm, NoTopics);

    /// <summary>The topics among an EventBridge rule's target ARNs.</summary>
    public IReadOnlyList<Topic> TopicsTargetedBy(EventRule rule) => Get(ruleTopics, rule, NoTopics);

    /// <summary>The subscriptions of a topic (resources and inline entries).</summary>
    public IReadOnlyList<Subscription> SubscriptionsOf(Topic topic) => Get(subscriptionsOf, topic, NoSubscriptions);

    /// <summary>
    /// The topics a resolved ARN can be: a topic resource by Ref, an external topic by its exact ARN, or a
    /// topic resource whose literal TopicName ends the ARN.
    /// </summary>
    public IReadOnlyList<Topic> TopicsFor(Template template, ResolvedValue value)
    {
        var found = new List<Topic>();
        foreach (var possibility in value.Possibilities)
        {
            switch (possibility)
            {
                case ResourceValue { IsRef: true } reference when NodeOf(reference.Resource) is Topic topic:
                    AddOnce(found, topic);
                    break;
                case LiteralValue literal:
                    foreach (var key in TopicKeys(literal.Text))
                    {
                        if (topicsByArnOrName.TryGetValue(key, out var matches))
                        {
                            foreach (var match in matches)
                            {
                                AddOnce(found, match);
                            }
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
                    var name = LogGroupNameOf(literal.Text);
                    if (IsPlaceholderFor(name, out var logicalId) && template.FindResource(logicalId) is { } resource && NodeOf(resource) is LogGroup named)
                    {
                        AddOnce(found, named);
                    }
                    else if (logGroupsByName.TryGetValue(name, out var matches))
                    {
                        foreach (var match in matches)
                        {
                            AddOnce(found, match);
                        }
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>The log group name in <c>arn:aws:logs:region:account:log-group:NAME:*</c>, or the text itself.</summary>
    public static string LogGroupNameOf(string nameOrArn)
    {
        const string marker = ":log-group:";
        var at = nameOrArn.IndexOf(marker, StringComparison.Ordinal);
        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal) || at < 0)
        {
            return nameOrArn;
        }

        var name = nameOrArn.Substring(at + marker.Length);
        return name.EndsWith(":*", StringComparison.Ordinal) ? name.Substring(0, name.Length - 2) : name;
    }

    private static IEnumerable<string> TopicKeys(string arnOrName)
    {
        yield return arnOrName;
        if (arnOrName.StartsWith("arn:", StringComparison.Ordinal) && arnOrName.IndexOf(":sns:", StringComparison.Ordinal) > 0)
        {
            yield return "name:" + arnOrName.Substring(arnOrName.LastIndexOf(':') + 1);
        }
    }

    /// <summary>A log group written as <c>${LogicalId}</c> (a Ref inside a Sub) names that resource.</summary>
    private static bool IsPlaceholderFor(string text, out string logicalId)
    {
        var isPlaceholder = text.Length > 3 && text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith("}", StringComparison.Ordinal)
            && text.IndexOf('.') < 0 && text.IndexOf(':') < 0;
        logicalId = isPlaceholder ? text.Substring(2, text.Length - 3) : string.Empty;
        return isPlaceholder;
    }

    private void AddNodes(ExternalResources external)
    {
        foreach (var trail in external.Trails)
        {
            var node = new Trail(trail);
            trails.Add(node);
            if (trail.LogGroup is { Length: > 0 } logGroup)
            {
                var group = new LogGroup(LogGroupNameOf(logGroup));
                AddLogGroup(group);
                Link(deliveredTo, node, new List<LogGroup> { group });
            }
        }

        foreach (var arn in external.TopicArns)
        {
            var topic = new Topic(arn);
            topics.Add(topic);
            Add(topicsByArnOrName, arn, topic);
        }

        var topicSubscriptions = new List<Resource>();
        var aliases = new List<Resource>();
        foreach (var template in Templates)
        {
            foreach (var resource in template.Resources)
            {
                switch (resource.Type)
                {
                    case "AWS::CloudTrail::Trail":
                        Register(resource, new Trail(resource), trails);
                        break;
                    case "AWS::Logs::LogGroup":
                        var group = new LogGroup(resource, LiteralTexts(resource, "LogGroupName"));
                        nodeOf[resource] = group;
                        AddLogGroup(group);
                        break;
                    case "AWS::Logs::MetricFilter":
                        Register(resource, new MetricFilter(resource, FilterMetrics(resource)), filters);
                        break;
                    case "AWS::CloudWatch::Alarm":
                        Register(resource, new Alarm(resource, AlarmMetrics(resource)), alarms);
                        break;
                    case "AWS::SNS::Topic":
                        var topic = new Topic(resource, LiteralTexts(resource, "TopicName"));
                        Register(resource, topic, topics);
                        foreach (var name in topic.Names)
                        {
                            Add(topicsByArnOrName, "name:" + name, topic);
                        }

                        break;
                    case "AWS::SNS::Subscription":
                        topicSubscriptions.Add(resource);
                        break;
                    case "AWS::Events::Rule":
                        Register(resource, new EventRule(resource), eventRules);
                        break;
                    case "AWS::KMS::Key":
                    case "AWS::KMS::ReplicaKey":
                        Register(resource, new Key(resource), keys);
                        break;
                    case "AWS::KMS::Alias":
                        aliases.Add(resource);
                        break;
                }
            }
        }

        foreach (var topic in topics)
        {
            if (topic.Property("Subscription") is SequenceNode inline)
            {
                foreach (var entry in inline.Items)
                {
                    subscriptions.Add(new Subscription(null, topic, entry));
                }
            }
        }

        foreach (var resource in topicSubscriptions)
        {
            foreach (var topic in TopicsFor(resource.Template, Resolver.Resolve(resource.Template, resource.Property("TopicArn"))))
            {
                subscriptions.Add(new Subscription(resource, topic, (TemplateNode?)resource.Properties ?? resource.Definition));
            }
        }

        foreach (var alias in aliases)
        {
            foreach (var target in Resolver.Resolve(alias.Template, alias.Property("TargetKeyId")).Resources)
            {
                if (NodeOf(target.Resource) is Key key)
                {
                    key.AddAlias(alias);
                }
            }
        }
    }

    private void Register<T>(Resource resource, T node, List<T> into)
        where T : GraphNode
    {
        nodeOf[resource] = node;
        into.Add(node);
    }

    private void AddLogGroup(LogGroup group)
    {
        logGroups.Add(group);
        foreach (var name in group.Names)
        {
            Add(logGroupsByName, name, group);
        }
    }

    private void ConnectTrail(Trail trail)
    {
        if (trail.Resource is not { } resource)
        {
            return;
        }

        var arn = Resolver.Resolve(resource.Template, resource.Property("CloudWatchLogsLogGroupArn"));
        Link(deliveredTo, trail, LogGroupsFor(resource.Template, arn));
    }

    private void ConnectFilter(MetricFilter filter)
    {
        var template = filter.Resource.Template;
        Link(filterLogGroups, filter, LogGroupsFor(template, Resolver.Resolve(template, filter.Property("LogGroupName"))));
        foreach (var metric in filter.Metrics)
        {
            Add(filtersPublishing, metric, filter);
        }
    }

    private void ConnectEventRule(EventRule rule)
    {
        var template = rule.Resource.Template;
        var found = new List<Topic>();
        if (rule.Targets is SequenceNode targets)
        {
            foreach (var target in targets.Items)
            {
                foreach (var topic in TopicsFor(template, Resolver.Resolve(template, (target as MappingNode)?["Arn"])))
                {
                    AddOnce(found, topic);
                }
            }
        }

        Link(ruleTopics, rule, found);
    }

    /// <summary>Records an edge list and its reverse where one is kept.</summary>
    private void Link<TFrom, TTo>(Dictionary<TFrom, List<TTo>> forward, TFrom from, IReadOnlyList<TTo> targets)
        where TFrom : notnull
    {
        if (targets.Count == 0)
        {
            return;
        }

        forward[from] = targets as List<TTo> ?? targets.ToList();
        foreach (var target in targets)
        {
            switch (from, target)
            {
                case (Trail trail, LogGroup group):
                    Add(deliveringTrails, group, trail);
                    break;
                case (MetricFilter filter, LogGroup group):
                    Add(filtersOn, group, filter);
                    break;
            }
        }
    }

    private IReadOnlyList<string> LiteralTexts(Resource resource, string property)
    {
        var names = new List<string>();
        foreach (var literal in Resolver.Resolve(resource.Template, resource.Property(property)).Literals)
        {
            names.Add(literal.Text);
        }

        return names;
    }

    private IReadOnlyList<MetricId> FilterMetrics(Resource filter)
    {
        var metrics = new List<MetricId>();
        if (filter.Property("MetricTransformations") is SequenceNode transformations)
        {
            foreach (var transformation in transformations.Items)
            {
                if (transformation is MappingNode definition)
                {
                    AddMetrics(filter.Template, definition["MetricNamespace"], definition["MetricName"], metrics);
                }
            }
        }

        return metrics;
    }

    private IReadOnlyList<MetricId> AlarmMetrics(Resource alarm)
    {
        var metrics = new List<MetricId>();
        AddMetrics(alarm.Template, alarm.Property("Namespace"), alarm.Property("MetricName"), metrics);
        if (alarm.Property("Metrics") is SequenceNode queries)
        {
            foreach (var query in queries.Items)
            {
                var metric = (((query as MappingNode)?["MetricStat"] as MappingNode)?["Metric"]) as MappingNode;
                if (metric is not null)
                {
                    AddMetrics(alarm.Template, metric["Namespace"], metric["MetricName"], metrics);
                }
            }
        }

        return metrics;
    }

    private void AddMetrics(Template template, TemplateNode? namespaceNode, TemplateNode? nameNode, List<MetricId> into)
    {
        if (namespaceNode is null || nameNode is null)
        {
            return;
        }

        foreach (var space in Resolver.Resolve(template, namespaceNode).Literals)
        {
            foreach (var name in Resolver.Resolve(template, nameNode).Literals)
            {
                var metric = new MetricId(space.Text, name.Text);
                if (!into.Contains(metric))
                {
                    into.Add(metric);
                }
            }
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = new List<TValue>();
        }

        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private static void AddOnce<T>(List<T> list, T item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    private static IReadOnlyList<TValue> Get<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, IReadOnlyList<TValue> none)
        where TKey : notnull =>
        map.TryGetValue(key, out var list) ? list : none;
}
