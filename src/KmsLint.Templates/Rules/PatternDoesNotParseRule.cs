using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS204: a filter or event pattern CloudFormation would reject (or that silently never matches); points inside the pattern.</summary>
public sealed class PatternDoesNotParseRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.PatternDoesNotParse;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var detection in graph.Routes.All)
        {
            if (detection.Pattern is { Error: { } error, ErrorLocation: { } location })
            {
                yield return Report(location,
                    $"{detection.PatternProperty} of {detection.Kind} {detection.LogicalId} does not parse: {error.Reason} (pattern line {error.Line}, column {error.Column}). Fix the pattern; the deployment fails or the detection never fires until then.",
                    detection.LogicalId);
            }
        }
    }
}
