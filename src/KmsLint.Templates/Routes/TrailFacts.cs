using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Routes;

/// <summary>
/// What a trail records and where it sends it, each property read through the resolver with its branches: whether it
/// logs, records KMS write management events, covers every region and delivers to CloudWatch Logs. An external trail
/// is taken as doing all of it. Rules KMS101–KMS105 and every route read these.
/// </summary>
public sealed class TrailFacts
{
    private const string KmsEventSource = "kms.amazonaws.com";

    internal TrailFacts(Trail trail, RepoGraph graph)
    {
        Trail = trail;
        if (trail.Resource is not { } resource)
        {
            IsLogging = IsMultiRegion = Array.Empty<Reading>();
            KmsWritesMissed = Array.Empty<string>();
            DeliversToLogs = !string.IsNullOrEmpty(trail.External?.LogGroup);
            return;
        }

        IsLogging = graph.Resolver.Read(resource, "IsLogging", awsDefault: "true");
        IsMultiRegion = graph.Resolver.Read(resource, "IsMultiRegionTrail", awsDefault: "false");
        (SelectorProperty, KmsWritesMissed) = WhyKmsWritesAreNotRecorded(graph.Resolver, resource);
        DeliversToLogs = resource.Property("CloudWatchLogsLogGroupArn") is not null && resource.Property("CloudWatchLogsRoleArn") is not null;
    }

    public Trail Trail { get; }

    /// <summary>The values <c>IsLogging</c> can take (the AWS default, true, where not set). Empty for an external trail.</summary>
    public IReadOnlyList<Reading> IsLogging { get; }

    /// <summary>The values <c>IsMultiRegionTrail</c> can take (default false). Empty for an external trail, taken as multi-region.</summary>
    public IReadOnlyList<Reading> IsMultiRegion { get; }

    /// <summary>The selector property that leaves KMS writes out (<c>EventSelectors</c>, <c>AdvancedEventSelectors</c>), or empty.</summary>
    public string SelectorProperty { get; } = string.Empty;

    /// <summary>Why no selector records KMS write management events; empty when one does (or the default does).</summary>
    public IReadOnlyList<string> KmsWritesMissed { get; }

    /// <summary>Both CloudWatch Logs properties are set (an external trail: its log group is configured).</summary>
    public bool DeliversToLogs { get; }

    /// <summary>The trail can be logging: not every value of IsLogging is false.</summary>
    public bool CanLog => Trail.IsExternal || IsLogging.Any(reading => reading.Boolean != false);

    /// <summary>The trail records DisableKey and ScheduleKeyDeletion when it logs.</summary>
    public bool RecordsKmsWrites => KmsWritesMissed.Count == 0;

    /// <summary>Logging, recording the lifecycle events: a source for the routes.</summary>
    public bool Records => CanLog && RecordsKmsWrites;

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

        // No selectors: CloudTrail records all management events.
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
        foreach (var value in resolver.Read(template, selector["IncludeManagementEvents"]).Where(v => v.Boolean == false))
        {
            reasons.Add("IncludeManagementEvents is false" + value.WhenText);
        }

        foreach (var value in resolver.Read(template, selector["ReadWriteType"]).Where(v => v.Text == "ReadOnly"))
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
        var fields = selector["FieldSelectors"]?.ListItems().OfType<MappingNode>().ToList() ?? new List<MappingNode>();
        IReadOnlyList<PossibleValue> Values(string field, string condition) =>
            fields.Where(f => f["Field"]?.ScalarText == field).SelectMany(f => resolver.ResolveList(template, f[condition]).Possibilities).ToList();

        if (!Values("eventCategory", "Equals").Any(v => v.KnownText == "Management"))
        {
            return new List<string> { name + " selects no management events (no eventCategory Equals Management)" };
        }

        var reasons = new List<string>();
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
        if (readOnly.Count > 0 && readOnly.All(v => v.AsBoolean == true))
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
