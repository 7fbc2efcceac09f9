using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS404: a resource of a detection route created under a <c>Condition</c> is missing wherever the condition is
/// false, so those environments deploy without the alert although the template looks complete.
/// </summary>
public sealed class DetectionLinkConditionalRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.DetectionLinkConditional;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var resource in graph.Routes.ResourcesOnRoutes())
        {
            if (resource.Condition is { } condition)
            {
                yield return Report(resource.Definition.KeyOf("Condition")?.Span ?? resource.Span,
                    $"{resource.LogicalId} ({resource.Type}) is on the route that alerts on KMS key lifecycle events but is only created when condition {condition} is true, "
                    + "so environments where it is false deploy without the alert. Remove the Condition, or give those environments their own route.",
                    resource.LogicalId);
            }
        }
    }
}
