using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS200: nothing in the repository would alert on DisableKey and ScheduleKeyDeletion. Reported only when no
/// detection is even meant for them; a broken attempt is reported by the rule of its broken link (KMS201–KMS303),
/// not a second time here. A meant rule that is disabled is this finding, on its State.
/// </summary>
public sealed class NoKeyLifecycleDetectionRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.NoKeyLifecycleDetection;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        // Only accepted routes count, for the match and for the "meant for" excuse alike: under a metric-filter-only
        // policy a perfect EventBridge rule must not silence this finding.
        var detections = graph.Routes.Detections.Where(d => (settings.AcceptedRoutes & d.Route) != 0).ToList();
        var meant = detections.Where(d => d.IsMeantForKeyLifecycle && d.Pattern.IsJudged).ToList();
        if (graph.ClosestTemplate() is not { } closest
            || LifecycleEvent.All.All(e => detections.Any(d => d.Works(e)))
            || meant.Any(d => d.IsEnabled))
        {
            yield break;
        }

        var routes = settings.AcceptedRoutes switch
        {
            DetectionRoutes.MetricFilter => "a CloudWatch Logs metric filter",
            DetectionRoutes.EventBridge => "an EventBridge rule",
            _ => "a CloudWatch Logs metric filter or an EventBridge rule",
        };
        if (meant.OfType<EventRuleDetection>().FirstOrDefault() is { } disabled)
        {
            var state = disabled.State.First(reading => !disabled.IsEnabled || reading.Text is not null && !reading.Text.StartsWith("ENABLED", StringComparison.Ordinal));
            yield return Report(disabled.Resource.SpanOf("State"),
                $"No enabled detection alerts on DisableKey and ScheduleKeyDeletion: {disabled.Title} is meant for them but its State is {state.Text}{state.WhenText}, so it matches nothing. Set State: ENABLED.",
                disabled.LogicalId);
            yield break;
        }

        // A pattern built from something unknown (a parameter without Default) cannot be verified: say so rather
        // than let it pass as an attempt the link rules would judge.
        var unverifiable = detections.Where(d => !d.Pattern.IsJudged && d.Resource.Property(d.PatternProperty) is not null).Select(d => d.LogicalId).ToList();
        // Events forwarded to a bus outside the set are likely watched there: say how to declare it rather than suggest a new detection only.
        var forwardedOut = graph.Routes.EventRules.Where(rule => rule.IsEnabled && rule.MatchesLifecycleEvent)
            .SelectMany(rule => rule.Targets).Select(target => target.OutsideArn).FirstOrDefault(arn => arn is not null && Graph.Arn.Parse(arn)?.EventBusName is not null);
        var forwarded = forwardedOut is null
            ? string.Empty
            : $" Events are forwarded to {forwardedOut}: if a rule there alerts on them, declare it in .kmslint.yaml: external: {{event_buses: [\"{forwardedOut}\"]}}";
        // `kmslint init` writes a trail too: where one exists (or is declared external) a second one is not the advice.
        var init = graph.Trails.Count == 0 ? " (`kmslint init` writes one)" : string.Empty;
        var message = $"No enabled detection matches both DisableKey and ScheduleKeyDeletion: nobody is alerted when a KMS key is disabled or scheduled for deletion. Add {routes} for eventSource kms.amazonaws.com and eventName DisableKey or ScheduleKeyDeletion{init}." + forwarded
            + " If the detection lives outside this repository (Control Tower, a security account), set detection: {external: true} in .kmslint.yaml.";
        var (qualified, level) = settings.Unparsed.Qualify(message, Descriptor.DefaultLevel, "the detection", "AWS::Logs::MetricFilter", "AWS::Events::Rule");
        yield return unverifiable.Count == 0
            ? Report(level, closest.Start, qualified)
            : Report(Level.Note, closest.Start,
                $"KmsLint cannot tell whether anything alerts on DisableKey and ScheduleKeyDeletion: the pattern of {string.Join(", ", unverifiable)} cannot be resolved (e.g. a parameter without Default). Give it a literal pattern or a Default so it can be verified.");
    }
}
