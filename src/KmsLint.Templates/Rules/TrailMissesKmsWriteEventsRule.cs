using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS102: DisableKey and ScheduleKeyDeletion are KMS write management events; a trail whose selectors leave
/// them out records neither. Reported only when no trail of the set (and no external trail) records them,
/// because a data-events-only trail beside a management trail is a correct setup.
/// </summary>
public sealed class TrailMissesKmsWriteEventsRule : LintRule
{
    private const string KmsEventSource = "kms.amazonaws.com";

    public override RuleDescriptor Descriptor => RuleCatalog.TrailMissesKmsWriteEvents;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var blind = new List<(Resource Trail, string Property, IReadOnlyList<string> Reasons)>();
        foreach (var trail in graph.Trails)
        {
            if (trail.Resource is not { } resource)
            {
                yield break;
            }

            var (property, reasons) = WhyKmsWritesAreNotRecorded(graph.Resolver, resource);
            if (reasons.Count == 0)
            {
                yield break;
            }

            blind.Add((resource, property, reasons));
        }

        foreach (var (trail, property, reasons) in blind)
        {
            yield return Report(trail.SpanOf(property),
                $"Trail {trail.LogicalId} cannot record KMS write management events (DisableKey, ScheduleKeyDeletion): {string.Join("; ", reasons)}. "
                + "Record management events of all read/write types from kms.amazonaws.com, on this trail or another.",
                trail.LogicalId);
        }
    }

    /// <summary>The selector property and why each selector leaves KMS writes out; no reasons when some selector (or the default) records them.</summary>
    private static (string Property, IReadOnlyList<string> Reasons) WhyKmsWritesAreNotRecorded(Resolver resolver, Resource trail)
    {
        if (trail.Property("AdvancedEventSelectors") is SequenceNode { Count: > 0 } advanced)
        {
            return ("AdvancedEventSelectors", ReasonsIfEverySelectorMisses(advanced, selector => AdvancedSelectorReasons(resolver, trail.Template, selector)));
        }

        if (trail.Property("EventSelectors") is SequenceNode { Count: > 0 } basic)
        {
            return ("EventSelectors", ReasonsIfEverySelectorMisses(basic, selector => BasicSelectorReasons(resolver, trail.Template, selector)));
        }

        // No selectors: CloudTrail records all management events. Selectors the linter cannot see are not guessed at.
        return (string.Empty, Array.Empty<string>());
    }

    private static IReadOnlyList<string> ReasonsIfEverySelectorMisses(SequenceNode selectors, Func<MappingNode, List<string>> reasonsOf)
    {
        var all = new List<string>();
        foreach (var selector in selectors.Items)
        {
            var reasons = selector is MappingNode mapping ? reasonsOf(mapping) : new List<string>();
            if (reasons.Count == 0)
            {
                return Array.Empty<string>();
            }

            all.AddRange(reasons.Where(reason => !all.Contains(reason)));
        }

        return all;
    }

    private static List<string> BasicSelectorReasons(Resolver resolver, Template template, MappingNode selector)
    {
        var reasons = new List<string>();
        foreach (var value in resolver.Resolve(template, selector["IncludeManagementEvents"]).Possibilities.Where(v => v.AsBoolean == false))
        {
            reasons.Add("IncludeManagementEvents is false" + value.WhenText);
        }

        foreach (var value in resolver.Resolve(template, selector["ReadWriteType"]).Possibilities.Where(v => v.KnownText == "ReadOnly"))
        {
            reasons.Add("ReadWriteType is ReadOnly" + value.WhenText);
        }

        foreach (var value in resolver.ResolveList(template, selector["ExcludeManagementEventSources"]).Possibilities.Where(v => v.KnownText == KmsEventSource))
        {
            reasons.Add("ExcludeManagementEventSources contains kms.amazonaws.com" + value.WhenText);
        }

        return reasons;
    }

    private static List<string> AdvancedSelectorReasons(Resolver resolver, Template template, MappingNode selector)
    {
        var name = selector["Name"]?.ScalarText is { } text ? $"selector '{text}'" : "a selector";
        var fields = (selector["FieldSelectors"] as SequenceNode)?.Items.OfType<MappingNode>().ToList() ?? new List<MappingNode>();
        IReadOnlyList<PossibleValue> Values(string field, string condition) =>
            fields.Where(f => f["Field"]?.ScalarText == field).SelectMany(f => resolver.ResolveList(template, f[condition]).Possibilities).ToList();

        var reasons = new List<string>();
        if (!Values("eventCategory", "Equals").Any(v => v.KnownText == "Management"))
        {
            return new List<string> { name + " selects no management events (no eventCategory Equals Management)" };
        }

        foreach (var (condition, excludes) in SourceExclusions)
        {
            foreach (var value in Values("eventSource", condition).Where(v => v.KnownText is { } source && excludes(source)))
            {
                reasons.Add($"{name} excludes eventSource {KmsEventSource} ({condition} {value.KnownText}){value.WhenText}");
            }
        }

        foreach (var (condition, includes) in SourceInclusions)
        {
            var sources = Values("eventSource", condition);
            if (sources.Count > 0 && sources.All(v => v.KnownText is { } source && !includes(source)))
            {
                reasons.Add($"{name} selects only other event sources ({condition} {string.Join(", ", sources.Select(v => v.KnownText))})");
            }
        }

        var readOnly = Values("readOnly", "Equals");
        if (readOnly.Count > 0 && readOnly.All(v => string.Equals(v.KnownText, "true", StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add(name + " selects only read-only events (readOnly Equals true)");
        }

        return reasons;
    }

    private static readonly (string Condition, Func<string, bool> Matches)[] SourceExclusions =
    {
        ("NotEquals", source => source == KmsEventSource),
        ("NotStartsWith", source => KmsEventSource.StartsWith(source, StringComparison.Ordinal)),
        ("NotEndsWith", source => KmsEventSource.EndsWith(source, StringComparison.Ordinal)),
    };

    private static readonly (string Condition, Func<string, bool> Matches)[] SourceInclusions =
    {
        ("Equals", source => source == KmsEventSource),
        ("StartsWith", source => KmsEventSource.StartsWith(source, StringComparison.Ordinal)),
        ("EndsWith", source => KmsEventSource.EndsWith(source, StringComparison.Ordinal)),
    };
}
