using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.Routes;

/// <summary>Whether a route works for an event, and when it cannot be told.</summary>
public enum RouteStatus
{
    /// <summary>The event reaches a subscriber along it.</summary>
    Works,

    /// <summary>A link is known to fail.</summary>
    Broken,

    /// <summary>A link depends on a value KmsLint cannot know (reported as a note).</summary>
    Unknown,
}

/// <summary>
/// A metric filter or an EventBridge rule, as a possible detection of key lifecycle events: its pattern's verdict,
/// whether its author meant it for those events, what feeds it events and whom it tells. Subclasses build the route
/// around it; <see cref="RouteModel"/> holds them all.
/// </summary>
public abstract class Detection
{
    private readonly Lazy<PatternEvaluation> pattern;
    private readonly Lazy<bool> meant;

    private protected Detection(GraphNode node, Resource resource, string patternProperty, Func<PatternEvaluation> evaluate, RepoGraph graph)
    {
        Node = node;
        Resource = resource;
        PatternProperty = patternProperty;
        Graph = graph;
        pattern = new Lazy<PatternEvaluation>(evaluate);
        meant = new Lazy<bool>(() => IsAboutKeyLifecycle(Pattern));
    }

    public GraphNode Node { get; }

    public Resource Resource { get; }

    public string LogicalId => Resource.LogicalId;

    /// <summary><c>FilterPattern</c> or <c>EventPattern</c>.</summary>
    public string PatternProperty { get; }

    /// <summary>"metric filter" or "EventBridge rule", for messages.</summary>
    public abstract string Kind { get; }

    /// <summary>"Metric filter X" / "EventBridge rule X", to start a message.</summary>
    public string Title => char.ToUpperInvariant(Kind[0]) + Kind.Substring(1) + " " + LogicalId;

    /// <summary>The route this detection belongs to.</summary>
    public abstract DetectionRoutes Route { get; }

    public PatternEvaluation Pattern => pattern.Value;

    public SourceSpan PatternSpan => Resource.SpanOf(PatternProperty);

    /// <summary>
    /// The author meant it for key lifecycle events: the pattern names <c>DisableKey</c> or <c>ScheduleKeyDeletion</c>
    /// for the event name (or a wildcard or prefix that covers one), or selects KMS as the event source without naming
    /// other events. A rule on <c>aws.logs</c> events whose names include <c>AssociateKmsKey</c> is not.
    /// </summary>
    public bool IsMeantForKeyLifecycle => meant.Value;

    /// <summary>Enabled (an EventBridge rule's State): a disabled detection sees nothing.</summary>
    public virtual bool IsEnabled => true;

    /// <summary>The pattern matches the event (when its events reach it at all).</summary>
    public bool Matches(LifecycleEvent lifecycleEvent) => lifecycleEvent.IsMatchedBy(Pattern.Verdict);

    public bool MatchesLifecycleEvent => LifecycleEvent.All.Any(Matches);

    public bool MatchesBothLifecycleEvents => LifecycleEvent.All.All(Matches);

    /// <summary>Whether the event reaches a subscriber through this detection.</summary>
    public abstract RouteStatus StatusFor(LifecycleEvent lifecycleEvent);

    public bool Works(LifecycleEvent lifecycleEvent) => StatusFor(lifecycleEvent) == RouteStatus.Works;

    /// <summary>Worst-case minutes from the API call to the notification, for an event the route works for; null otherwise.</summary>
    public abstract double? WorstCaseMinutes(LifecycleEvent lifecycleEvent);

    /// <summary>The worst case over the events the route works for; null when it works for none.</summary>
    public double? WorstCaseMinutesToDetect
    {
        get
        {
            // Loops over nullable numbers here and in the routes: LINQ over double? is JIT-compiled at every start.
            double? worst = null;
            foreach (var lifecycleEvent in LifecycleEvent.All)
            {
                if (WorstCaseMinutes(lifecycleEvent) is { } minutes && !(worst >= minutes))
                {
                    worst = minutes;
                }
            }

            return worst;
        }
    }

    /// <summary>The notification targets of the route (alarm actions, rule targets), followed.</summary>
    public abstract IEnumerable<NotificationTarget> Targets { get; }

    /// <summary>The resources on the route, in route order: what feeds it, itself, what it notifies.</summary>
    public abstract IEnumerable<Resource> ResourcesOnRoute();

    private protected RepoGraph Graph { get; }

    /// <summary>The topics and subscriptions the targets reach.</summary>
    private protected IEnumerable<Resource> TopicsAndSubscriptions() =>
        Targets.SelectMany(target => target.Topics).Distinct().SelectMany(topic =>
            new[] { topic.Resource }.Concat(Graph.Subscriptions.From(topic).Select(subscription => subscription.Resource)))
            .Where(resource => resource is not null).Select(resource => resource!);

    private protected bool ReachesSubscriber(IEnumerable<NotificationTarget> targets) => targets.Any(target => target.ReachesSubscriber(Graph));

    /// <summary>The event-name field the pattern is written against.</summary>
    private protected abstract string EventNameField { get; }

    /// <summary>The event-source fields, and the values that select KMS in them.</summary>
    private protected abstract IntentField[] KmsFields { get; }

    private bool IsAboutKeyLifecycle(PatternEvaluation evaluation)
    {
        if (evaluation.Error is not null)
        {
            // A pattern that does not parse has no structure to read: what it names is the best evidence of intent.
            return LifecycleEvent.All.Any(e => Texts(Resource.Property(PatternProperty), 0).Any(text => text.IndexOf(e.Name, StringComparison.OrdinalIgnoreCase) >= 0));
        }

        // Loops, not LINQ over bool? and tuples: those are JIT-compiled at every start (ReadyToRun cannot precompile them).
        var namesUnknown = true;
        foreach (var lifecycleEvent in LifecycleEvent.All)
        {
            switch (evaluation.Admits(EventNameField, lifecycleEvent.Name))
            {
                case true:
                    return true;
                case false:
                    namesUnknown = false;
                    break;
            }
        }

        // Selecting KMS as the source is meant for it too, unless the event names listed are all others (CreateKey, PutKeyPolicy).
        // Selecting means KMS and not everything: a catch-all (prefix "") that ships every event to a log group is not.
        if (!namesUnknown)
        {
            return false;
        }

        foreach (var field in KmsFields)
        {
            if (evaluation.Admits(field.Field, field.Value) == true && evaluation.Admits(field.Field, OtherService(field.Value)) != true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same kind of value for a service that is not KMS: <c>aws.kms</c> → <c>aws.s3</c>.</summary>
    private static string OtherService(string kmsValue) => kmsValue.Replace("kms", "s3");

    /// <summary>Every scalar under a node (bounded depth; aliases may share nodes).</summary>
    private static IEnumerable<string> Texts(Yaml.TemplateNode? node, int depth) => node switch
    {
        _ when depth > 64 => Array.Empty<string>(),
        Yaml.ScalarNode scalar => new[] { scalar.Value },
        Yaml.SequenceNode sequence => sequence.Items.SelectMany(item => Texts(item, depth + 1)),
        Yaml.MappingNode mapping => mapping.Entries.SelectMany(entry => new[] { entry.Key.Value }.Concat(Texts(entry.Value, depth + 1))),
        Yaml.IntrinsicNode intrinsic => Texts(intrinsic.Argument, depth + 1),
        _ => Array.Empty<string>(),
    };
}

/// <summary>A field of the event and the value in it that selects KMS (<c>detail.eventSource</c>: <c>kms.amazonaws.com</c>).</summary>
internal sealed record IntentField(string Field, string Value);
