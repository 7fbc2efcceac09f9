using System.Text.RegularExpressions;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS304: whoever is paged about a disabled key or a scheduled deletion has days at best to answer, and must know
/// what to do at once. An alarm or EventBridge rule that alerts on key lifecycle events (working or meant to) links its
/// runbook: an https:// URL in <c>AlarmDescription</c> (CloudWatch puts it in every notification) or
/// <c>Description</c>, or a tag named in <c>detection.runbook_tags</c>. A rule that only forwards events to a bus
/// declared external is not asked: the rule on that bus pages. AWS Incident Manager response plans are not asked for:
/// the service is closed to new customers.
/// </summary>
public sealed class RunbookLinkMissingRule : LintRule
{
    private static readonly Regex HttpsUrl = new(@"https://\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override RuleDescriptor Descriptor => RuleCatalog.RunbookLinkMissing;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var alerting = new List<Alerting>();
        foreach (var detection in graph.Routes.AboutKeyLifecycle)
        {
            if (detection is FilterDetection filter)
            {
                alerting.AddRange(filter.Alarms.Select(alarm => new Alerting(alarm.Alarm.Resource, "Alarm " + alarm.Alarm.Resource.LogicalId, "AlarmDescription")));
            }
            else if (detection.Targets.Any(target => target.Buses.Count == 0))
            {
                // A rule that only forwards to another account's bus pages nobody itself: the rule there does.
                alerting.Add(new Alerting(detection.Resource, detection.Title, "Description"));
            }
        }

        var checkedResources = new HashSet<Resource>();
        foreach (var entry in alerting.Where(entry => checkedResources.Add(entry.Resource)))
        {
            if (Check(graph.Resolver, entry.Resource, entry.Title, entry.Property, settings.RunbookTagKeys) is { } finding)
            {
                yield return finding;
            }
        }
    }

    private Finding? Check(Resolver resolver, Resource resource, string title, string property, IReadOnlyList<string> runbookTags)
    {
        var tags = ResourceTags.Read(resolver, resource);
        if (tags is not null && runbookTags.Any(key => tags.TryGetValue(key, out var tag) && !IsEmpty(tag.Value)))
        {
            return null;
        }

        var readings = resolver.Read(resource, property);
        if (readings.Count > 0 && readings.All(Links))
        {
            return null;
        }

        var tagExample = $"a tag {(runbookTags.Count > 0 ? runbookTags[0] : "runbook")}: https://...";
        var howToAdd = $"Add the runbook's https:// URL to {property}{(property == "AlarmDescription" ? " (CloudWatch includes it in every notification)" : string.Empty)}, "
            + $"or {tagExample} (detection.runbook_tags in .kmslint.yaml names the tags that count).";
        var without = readings.FirstOrDefault(reading => reading.Value is LiteralValue && !Links(reading));
        if (tags is not null && (readings.Count == 0 || without is not null))
        {
            var where = readings.Count == 0 ? $"no {property} and no runbook tag with a value" : $"no runbook link in {property}{without!.WhenText} and no runbook tag with a value";
            return Report(resource.SpanOf(property),
                $"{title} alerts on KMS key lifecycle events but has {where}, so whoever is paged must work out under pressure how to confirm the change or cancel the deletion. {howToAdd}",
                resource.LogicalId);
        }

        var unknown = readings.FirstOrDefault(reading => reading.Value is not LiteralValue);
        var why = tags is null ? "its Tags cannot be read" : $"{property} cannot be known ({unknown!.UnknownReason ?? unknown.Value.ToString()})";
        return Report(Level.Note, resource.SpanOf(property),
            $"{title} alerts on KMS key lifecycle events, and whether it links a runbook cannot be told: {why}. {howToAdd}",
            resource.LogicalId);
    }

    /// <summary>The text holds an https:// URL (placeholders such as <c>${AWS::Region}</c> may follow it).</summary>
    private static bool Links(Reading reading) => reading.Value is LiteralValue literal && HttpsUrl.IsMatch(literal.Text);

    private static bool IsEmpty(ResolvedValue value) => value.Possibilities.All(possibility => possibility is AbsentValue || possibility.KnownText == string.Empty);

    /// <summary>An alarm or rule that pages someone, and where its runbook link belongs (a class: value tuples are JIT-compiled at every start).</summary>
    private sealed record Alerting(Resource Resource, string Title, string Property);
}
