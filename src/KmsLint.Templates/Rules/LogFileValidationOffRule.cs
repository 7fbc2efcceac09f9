using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Rules;

/// <summary>KMS104: without log file validation, someone who disables a key can also edit the record of it unnoticed.</summary>
public sealed class LogFileValidationOffRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.LogFileValidationOff;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var trail in graph.Trails)
        {
            if (trail.Resource is not { } resource)
            {
                continue;
            }

            var node = resource.Property("EnableLogFileValidation");
            if (node is null)
            {
                yield return Report(resource, $"Trail {resource.LogicalId} does not set EnableLogFileValidation, so its log files are not tamper-evident. Add EnableLogFileValidation: true.");
            }
            else if (graph.Resolver.Resolve(resource.Template, node).Possibilities.FirstOrDefault(value => value.AsBoolean == false) is { } off)
            {
                yield return Report(resource.SpanOf("EnableLogFileValidation"),
                    $"Trail {resource.LogicalId} turns log file validation off{off.WhenText}, so its log files are not tamper-evident. Set EnableLogFileValidation: true.",
                    resource.LogicalId);
            }
        }
    }
}
