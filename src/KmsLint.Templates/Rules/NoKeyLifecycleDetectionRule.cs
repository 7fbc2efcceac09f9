using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS200: nothing in the repository would alert on DisableKey and ScheduleKeyDeletion. Reported only when no
/// filter or rule is even meant for them; a broken attempt is KMS201/KMS204's finding, not a second one here. An
/// attempt whose pattern cannot be resolved is nobody else's finding, so it does not silence this one.
/// </summary>
public sealed class NoKeyLifecycleDetectionRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.NoKeyLifecycleDetection;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        // Only accepted routes count, for the match and for the "meant for" excuse alike: under a metric-filter-only
        // policy a perfect EventBridge rule must not silence this finding.
        var detections = graph.DetectionRoutes.All.Where(d => (settings.AcceptedRoutes & d.Route) != 0).ToList();
        if (graph.ClosestTemplate() is not { } closest
            || detections.Any(d => d.MatchesBothLifecycleEvents || (d.IsMeantForKeyLifecycle && d.Pattern.IsJudged)))
        {
            yield break;
        }

        // A pattern built from something unknown (a parameter without Default) cannot be verified: say so rather
        // than let it pass as an attempt that KMS201/KMS204 would judge.
        var unverifiable = detections.Where(d => d.IsMeantForKeyLifecycle && !d.Pattern.IsJudged).Select(d => d.Resource.LogicalId).ToList();
        var unverifiableNote = unverifiable.Count == 0
            ? string.Empty
            : $" The pattern of {string.Join(", ", unverifiable)} cannot be resolved (e.g. a parameter without Default), so KmsLint cannot verify it; give it a literal pattern or a Default.";

        var routes = settings.AcceptedRoutes switch
        {
            DetectionRoutes.MetricFilter => "a CloudWatch Logs metric filter",
            DetectionRoutes.EventBridge => "an EventBridge rule",
            _ => "a CloudWatch Logs metric filter or an EventBridge rule",
        };
        yield return Report(closest.Start, settings.Unparsed.Qualify(
            $"No enabled detection matches both DisableKey and ScheduleKeyDeletion: nobody is alerted when a KMS key is disabled or scheduled for deletion. Add {routes} for eventSource kms.amazonaws.com and eventName DisableKey or ScheduleKeyDeletion (`kmslint init` writes one)." + unverifiableNote,
            "the detection", "AWS::Logs::MetricFilter", "AWS::Events::Rule"));
    }
}
