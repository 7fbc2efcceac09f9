using KmsLint.Patterns;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS201: a filter or rule written for key lifecycle events that misses one of them while nothing else in the
/// repository matches it, that can never match a real event, or (an EventBridge rule) that is on a bus the events
/// never reach. Coverage is a property of the whole set: one rule per event is complete.
/// </summary>
public sealed class DetectionMissesEventRule : LintRule
{
    private const string FilterPatternFix =
        "Match eventSource kms.amazonaws.com with eventName DisableKey or ScheduleKeyDeletion, e.g. " +
        "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}";

    private const string EventPatternFix =
        "Match source aws.kms, detail-type AWS API Call via CloudTrail, detail.eventSource kms.amazonaws.com and " +
        "detail.eventName [DisableKey, ScheduleKeyDeletion]; to watch one key, filter on detail.resources.ARN.";

    public override RuleDescriptor Descriptor => RuleCatalog.DetectionMissesEvent;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var meant = graph.Routes.Detections.Where(d => d.IsMeantForKeyLifecycle && d.IsEnabled && d.Pattern.Verdict is not null).ToList();
        var attempted = LifecycleEvent.All.Where(e => meant.Any(d => d.Matches(e))).ToList();
        foreach (var detection in meant)
        {
            var verdict = detection.Pattern.Verdict!;
            var fix = detection.Route == DetectionRoutes.EventBridge ? EventPatternFix : FilterPatternFix;
            if (verdict.MatchesNothing)
            {
                yield return Report(detection.PatternSpan,
                    $"{detection.Title} matches no real CloudTrail event: {WhyNothingMatches(detection)}. {fix}", detection.LogicalId);
                continue;
            }

            var missed = LifecycleEvent.All.Where(e => !detection.Matches(e) && !attempted.Contains(e)).ToList();
            if (missed.Count > 0)
            {
                yield return Report(detection.PatternSpan,
                    $"{detection.Title} misses {string.Join(" and ", missed)}, and no other detection of the repository matches {(missed.Count == 1 ? "it" : "them")}. {fix}",
                    detection.LogicalId);
            }

            if (detection is EventRuleDetection rule && BusProblem(graph, rule) is { } problem)
            {
                yield return problem;
            }
        }
    }

    // The filter fix ends with the pattern to copy: no punctuation is glued to it.

    /// <summary>A rule that matches the events but sits on a bus they never reach.</summary>
    private Finding? BusProblem(RepoGraph graph, EventRuleDetection rule)
    {
        var location = rule.Resource.SpanOf("EventBusName");
        if (rule.UnknownBusReason is { } reason)
        {
            return Report(Level.Note, location,
                $"{rule.Title} is on an event bus KmsLint cannot know ({reason}), so it cannot tell whether CloudTrail events reach it. "
                + "If events are forwarded to it from another account, declare the bus's ARN under external.event_buses in .kmslint.yaml.", rule.LogicalId);
        }

        // Without a recording trail nothing reaches any bus: that is the trail rules' finding (KMS100, KMS102, KMS105).
        var unreached = LifecycleEvent.All.Where(e => rule.Matches(e) && !rule.Receives(e)).ToList();
        if (unreached.Count == 0 || rule.Buses.Any(bus => bus.IsDefault) || !graph.Routes.HasRecordingTrail)
        {
            return null;
        }

        var busName = rule.Buses.Count > 0 ? string.Join(", ", rule.Buses.Select(bus => bus.Names.Count > 0 ? bus.Names[0] : bus.Name).Distinct()) : rule.UnmatchedBusName;
        var forwarders = rule.Buses.SelectMany(graph.Forwarding.To).Select(graph.Routes.DetectionOf).ToList();
        var why = forwarders.Count == 0
            ? "CloudTrail delivers API calls only to the default bus of their region, and no rule in the linted templates forwards them there"
            : $"CloudTrail delivers API calls only to the default bus of their region, and the rule{(forwarders.Count == 1 ? string.Empty : "s")} forwarding to it ({string.Join(", ", forwarders.Select(f => f.LogicalId))}) "
              + $"do{(forwarders.Count == 1 ? "es" : string.Empty)} not pass {string.Join(" or ", unreached)} on";
        return Report(location,
            $"{rule.Title} is on event bus {busName}, which never receives {string.Join(" or ", unreached)}: {why}. Put the rule on the default bus, "
            + "forward the events to this bus with a rule on the default bus, or, if another account forwards them, declare the bus under external.event_buses in .kmslint.yaml.",
            rule.LogicalId);
    }

    /// <summary>The likely cause, from the traps real patterns fall into.</summary>
    private static string WhyNothingMatches(Detection detection)
    {
        if (detection.Pattern.Json is JsonObject pattern)
        {
            if (Values(pattern, "source").Contains("kms.amazonaws.com"))
            {
                return "its source is kms.amazonaws.com, but EventBridge sets source to aws.kms; kms.amazonaws.com is detail.eventSource";
            }

            if (Values(pattern, "detail-type").Any(type => type.StartsWith("KMS CMK Deletion", StringComparison.Ordinal)))
            {
                return "KMS CMK Deletion is sent when the key is deleted at the end of its waiting period, 7 to 30 days after ScheduleKeyDeletion, too late to cancel; "
                       + "the API calls arrive as detail-type AWS API Call via CloudTrail";
            }

            if (Values(pattern, "detail-type").FirstOrDefault(type => type != "AWS API Call via CloudTrail") is { } other)
            {
                return $"its detail-type is {other}, but CloudTrail API calls arrive as AWS API Call via CloudTrail";
            }

            if (pattern["resources"] is not null)
            {
                return "it filters on the event's resources, but EventBridge delivers CloudTrail API calls with an empty resources list";
            }

            if (pattern["eventName"] is not null || pattern["eventSource"] is not null)
            {
                return "it tests eventName or eventSource at the top of the event, where EventBridge has them under detail";
            }
        }

        var namesBoth = LifecycleEvent.All.All(e => detection.Pattern.Admits(detection is EventRuleDetection ? "detail.eventName" : "eventName", e.Name) == true);
        return namesBoth
            ? "it requires one event to be both DisableKey and ScheduleKeyDeletion, && where || was meant"
            : "it requires something a real event never has, e.g. && where || was meant, a misspelt field or value";
    }

    private static IReadOnlyList<string> Values(JsonObject pattern, string field) =>
        (pattern[field] as JsonArray)?.Items.OfType<JsonString>().Select(value => value.Value).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>();
}
