using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Rules;

/// <summary>KMS203: a lifecycle metric filter on a log group that no trail writes to never sees an event.</summary>
public sealed class FilterOnUntrailedLogGroupRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.FilterOnUntrailedLogGroup;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var filter in graph.Routes.Filters)
        {
            if (!filter.IsMeantForKeyLifecycle || filter.IsFedByTrail)
            {
                continue;
            }

            var id = filter.LogicalId;
            yield return filter.UnknownLogGroupReason is { } reason
                ? Report(Level.Note, filter.Resource.SpanOf("LogGroupName"),
                    $"Metric filter {id} watches a log group KmsLint cannot know ({reason}), so it cannot tell whether a trail delivers there. " +
                    "If an organization or Control Tower trail writes to it, declare that trail's log group under external.trails[].log_group in .kmslint.yaml "
                    + "(for a Systems Manager parameter, its value under external.ssm_parameters); otherwise point LogGroupName at the trail's CloudWatchLogsLogGroupArn group.",
                    id)
                : Report(filter.Resource.SpanOf("LogGroupName"),
                    $"Metric filter {id} watches {Describe(filter)}, which no trail delivers to, so it never sees a KMS event. " +
                    "Point LogGroupName at the log group of a trail's CloudWatchLogsLogGroupArn, or declare an external trail's log group under external.trails[].log_group in .kmslint.yaml.",
                    id);
        }
    }

    private static string Describe(FilterDetection filter)
    {
        var names = filter.LogGroups.SelectMany(g => g.Names.Count > 0 ? g.Names : new[] { g.Name }).Concat(filter.LogGroupNames).Distinct().ToList();
        return names.Count == 0 ? "a log group" : "log group " + string.Join(" / ", names);
    }
}
