using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Rules;

/// <summary>KMS403: a KMS key declared <c>Enabled: false</c> cannot be used, and disabling keys is what the guardrail watches for.</summary>
public sealed class KeyDeclaredDisabledRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.KeyDeclaredDisabled;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var key in graph.Keys)
        {
            if (graph.Resolver.Read(key.Resource, "Enabled").FirstOrDefault(reading => reading.Boolean == false) is { } disabled)
            {
                yield return Report(key.Resource.SpanOf("Enabled"),
                    $"{key.Kind} {key.LogicalId} is declared Enabled: false{disabled.WhenText}; a disabled key breaks everything encrypted with it. Remove the property or set it to true.",
                    key.LogicalId);
            }
        }
    }
}
