using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS302: an alarm on a lifecycle metric that changes state without telling anyone.</summary>
public sealed class AlarmNotifiesNobodyRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.AlarmNotifiesNobody;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var seen = new HashSet<Alarm>();
        foreach (var route in graph.Routes.Filters.Where(f => f.MatchesLifecycleEvent).SelectMany(f => f.Alarms).Where(route => seen.Add(route.Alarm)))
        {
            var alarm = route.Alarm.Resource;
            var id = alarm.LogicalId;
            if (route.ActionsEnabled.FirstOrDefault(reading => reading.Boolean == false) is { } disabled)
            {
                yield return Report(alarm.SpanOf("ActionsEnabled"),
                    $"Alarm {id} watches key lifecycle events but has ActionsEnabled: false{disabled.WhenText}, so it notifies nobody. Remove ActionsEnabled or set it to true.", id);
            }
            else if (route.Actions.Count == 0)
            {
                yield return Report(alarm.SpanOf("AlarmActions"),
                    route.HasOtherActions
                        ? $"Alarm {id} watches key lifecycle events but has only OKActions or InsufficientDataActions, which run when it returns to OK or lacks data, not when a key is disabled or scheduled for deletion. Put the topic's ARN under AlarmActions."
                        : $"Alarm {id} watches key lifecycle events but has no AlarmActions, so it notifies nobody. Add AlarmActions with the ARN of a subscribed SNS topic.",
                    id);
            }
        }
    }
}
