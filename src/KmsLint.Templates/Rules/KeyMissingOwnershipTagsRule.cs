using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Rules;

/// <summary>KMS400: before a key is disabled or deleted someone must be asked; the ownership tags say who.</summary>
public sealed class KeyMissingOwnershipTagsRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.KeyMissingOwnershipTags;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var keyNode in graph.Keys)
        {
            var key = keyNode.Resource;
            var present = ResourceTags.Read(graph.Resolver, key);
            if (present is null)
            {
                continue;
            }

            var missing = settings.RequiredTagKeys.Where(required => !present.ContainsKey(required)).ToList();
            if (missing.Count > 0)
            {
                yield return Report(key.SpanOf("Tags"),
                    $"{keyNode.Kind} {key.LogicalId} lacks the ownership tag{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)}, "
                    + $"so nobody can be asked before it is disabled or deleted. Add {string.Join(" and ", missing)} to Tags (tags.required in .kmslint.yaml sets the required keys).",
                    key.LogicalId);
            }
        }
    }
}
