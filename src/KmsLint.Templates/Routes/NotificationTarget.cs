using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Routes;

/// <summary>
/// One item of an alarm's <c>AlarmActions</c> or an EventBridge rule's target <c>Arn</c>, followed as far as the linted
/// set allows: the topics it reaches, the buses it forwards to, or why it cannot be followed.
/// </summary>
public sealed class NotificationTarget
{
    private NotificationTarget(Resource owner, TemplateNode item, IReadOnlyList<Topic> topics, IReadOnlyList<EventBus> buses, string? unknownReason, string? outsideArn)
    {
        Owner = owner;
        Item = item;
        Topics = topics;
        Buses = buses;
        UnknownReason = unknownReason;
        OutsideArn = outsideArn;
    }

    /// <summary>The alarm or rule.</summary>
    public Resource Owner { get; }

    /// <summary>The ARN as written.</summary>
    public TemplateNode Item { get; }

    public SourceSpan Location => Item.Span;

    /// <summary>The topics it reaches (of the set, or declared external).</summary>
    public IReadOnlyList<Topic> Topics { get; }

    /// <summary>The event buses it forwards to.</summary>
    public IReadOnlyList<EventBus> Buses { get; }

    /// <summary>Why the ARN cannot be known (a parameter without Default, an import nobody exports), or null.</summary>
    public string? UnknownReason { get; }

    /// <summary>A literal ARN that is none of the above: a topic outside the set, a Lambda function, a queue.</summary>
    public string? OutsideArn { get; }

    /// <summary>The literal is an SNS topic's ARN.</summary>
    public bool IsOutsideTopic => OutsideArn is not null && Arn.TopicName(OutsideArn) is not null;

    /// <summary>
    /// The ARNs an item can be. Each possibility is followed; what cannot be followed is reported once for the item.
    /// </summary>
    internal static NotificationTarget Follow(RepoGraph graph, Resource owner, TemplateNode item)
    {
        var value = graph.Resolver.ResolveList(owner.Template, item);
        var topics = graph.TopicsFor(value);
        var buses = graph.EventBusesFor(value);
        var unknown = value.FirstUnknown?.Reason;
        string? outside = null;
        if (unknown is null && topics.Count == 0 && buses.Count == 0)
        {
            outside = value.Literals.Select(literal => literal.Text).FirstOrDefault();
            if (outside is null && value.Resources.FirstOrDefault() is { } resource)
            {
                outside = resource.ToString();
            }
        }

        return new NotificationTarget(owner, item, topics, buses, unknown, outside);
    }

    /// <summary>True when someone is told: a topic with a subscription in the set, or a topic declared external.</summary>
    public bool ReachesSubscriber(RepoGraph graph) => Topics.Any(topic => topic.IsExternal || graph.Subscriptions.From(topic).Count > 0);
}
