using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Rules;

/// <summary>KMS302: an alarm on a lifecycle metric that changes state without telling anyone.</summary>
public sealed class AlarmNotifiesNobodyRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.AlarmNotifiesNobody;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var alarm in graph.DetectionRoutes.Filters.Where(f => f.MatchesLifecycleEvent).SelectMany(f => f.Alarms).Distinct())
        {
            var id = alarm.Resource.LogicalId;
            if (!alarm.ActionsEnabled)
            {
                yield return Report(alarm.Resource.SpanOf("ActionsEnabled"),
                    $"Alarm {id} watches key lifecycle events but has ActionsEnabled: false, so it notifies nobody. Remove ActionsEnabled or set it to true.", id);
            }
            else if (alarm.Property("AlarmActions") is null or SequenceNode { Count: 0 })
            {
                yield return Report(alarm.Resource.SpanOf("AlarmActions"),
                    $"Alarm {id} watches key lifecycle events but has no AlarmActions, so it notifies nobody. Add AlarmActions with the ARN of a subscribed SNS topic.", id);
            }
        }
    }
}
