using KmsLint.Templates.Model;

namespace KmsLint.Templates.Graph;

public static class ClosestTemplateQuery
{
    /// <summary>
    /// Where a finding about something missing from the detection chain goes: the template holding the
    /// most detection-chain resources (trails, log groups, filters, alarms, topics, subscriptions,
    /// EventBridge rules), the first such on a tie, else the first template; null when nothing was linted.
    /// </summary>
    public static Template? ClosestTemplate(this RepoGraph graph)
    {
        Template? closest = null;
        var most = 0;
        foreach (var template in graph.Templates)
        {
            var count = template.Resources.Count(resource => IsChainResource(graph, resource));
            if (count > most)
            {
                closest = template;
                most = count;
            }
        }

        return closest ?? graph.FirstTemplate;
    }

    private static bool IsChainResource(RepoGraph graph, Resource resource) =>
        graph.NodeOf(resource) is Trail or LogGroup or MetricFilter or Alarm or Topic or EventRule
        || string.Equals(resource.Type, "AWS::SNS::Subscription", StringComparison.Ordinal);
}
