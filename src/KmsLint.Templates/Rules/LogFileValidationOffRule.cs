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
            if (trail.Resource is not { } resource
                || graph.Resolver.Read(resource, "EnableLogFileValidation", awsDefault: "false").FirstOrDefault(value => value.Boolean == false) is not { } off)
            {
                continue;
            }

            yield return off.IsDefault && off.When.IsAlways
                ? Report(resource, $"Trail {resource.LogicalId} does not set EnableLogFileValidation, so its log files are not tamper-evident. Add EnableLogFileValidation: true.")
                : Report(resource.SpanOf("EnableLogFileValidation"),
                    $"Trail {resource.LogicalId} turns log file validation off{off.WhenText}, so its log files are not tamper-evident. Set EnableLogFileValidation: true.",
                    resource.LogicalId);
        }
    }
}
