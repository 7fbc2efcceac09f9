using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS105: a trail deployed with logging stopped records nothing, however well the rest of the chain is built.</summary>
public sealed class TrailNotLoggingRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.TrailNotLogging;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var trail in graph.Routes.Trails.Values)
        {
            if (trail.IsLogging.FirstOrDefault(reading => reading.Boolean == false) is { } stopped && trail.Trail.Resource is { } resource)
            {
                yield return Report(resource.SpanOf("IsLogging"),
                    $"Trail {resource.LogicalId} is deployed with IsLogging: false{stopped.WhenText}, so it records no key events. Set IsLogging: true.",
                    resource.LogicalId);
            }
        }
    }
}
