using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS203: a lifecycle metric filter on a log group that no trail writes to never sees an event.</summary>
public sealed class FilterOnUntrailedLogGroupRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.FilterOnUntrailedLogGroup;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var filter in graph.DetectionRoutes.Filters)
        {
            if (!filter.IsMeantForKeyLifecycle || filter.IsFedByTrail)
            {
                continue;
            }

            var id = filter.Resource.LogicalId;
            var message = filter.UnknownLogGroupReason is { } reason
                ? $"Metric filter {id} watches a log group KmsLint cannot know ({reason}), so it cannot tell whether a trail delivers there. " +
                  "If an organization or Control Tower trail writes to it, declare that trail's log group under external.trails[].log_group in .kmslint.yaml; otherwise point LogGroupName at the trail's CloudWatchLogsLogGroupArn group."
                : $"Metric filter {id} watches {Describe(filter)}, which no trail delivers to, so it never sees a KMS event. " +
                  "Point LogGroupName at the log group of a trail's CloudWatchLogsLogGroupArn, or declare an external trail's log group under external.trails[].log_group in .kmslint.yaml.";
            yield return Report(filter.Resource.SpanOf("LogGroupName"), message, id);
        }
    }

    private static string Describe(FilterDetection filter)
    {
        var names = filter.LogGroups.SelectMany(g => g.Names.Count > 0 ? g.Names : new[] { g.Name }).Concat(filter.LogGroupNames).Distinct().ToList();
        return names.Count == 0 ? "a log group" : "log group " + string.Join(" / ", names);
    }
}
