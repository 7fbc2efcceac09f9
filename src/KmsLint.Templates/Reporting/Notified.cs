using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Reporting;

/// <summary>Who is told about a key through a working route: a topic with its subscriptions, or a bus declared external.</summary>
/// <param name="Name">The topic's logical id, or the configured ARN of an external topic or bus.</param>
/// <param name="IsExternal">Declared in <c>.kmslint.yaml</c> (<c>external.topics</c>, <c>external.event_buses</c>): its subscribers are not known here.</param>
public sealed record Notified(string Name, bool IsExternal, IReadOnlyList<Endpoint> Endpoints);

/// <summary>A subscription's protocol and endpoint as the templates give them.</summary>
/// <param name="Via">Where the endpoint comes from when not written in place (e.g. <c>parameter OnCallEmail's Default</c>): a deployment may override it.</param>
public sealed record Endpoint(string Protocol, string Address, string? Via)
{
    public override string ToString() => Protocol + ": " + Address;

    internal static Endpoint Of(RepoGraph graph, Subscription subscription)
    {
        var template = subscription.Resource?.Template ?? subscription.Topic.Resource!.Template;
        var protocol = graph.Resolver.Resolve(template, subscription.Definition.At("Protocol"));
        var address = graph.Resolver.Resolve(template, subscription.Definition.At("Endpoint"));
        return new Endpoint(Text(protocol), Text(address), address.Possibilities.Select(possibility => possibility.Via).FirstOrDefault(via => via is not null));
    }

    /// <summary>The value as text: its literal, or every possibility joined with <c>|</c>; <c>?</c> when not set.</summary>
    internal static string Text(ResolvedValue value) =>
        value.IsEmpty ? "?" : string.Join(" | ", value.Possibilities.Where(possibility => possibility is not AbsentValue).Select(possibility => possibility.ToString()).Distinct());
}
