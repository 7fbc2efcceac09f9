using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

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
            var present = TagKeys(graph, key);
            if (present is null)
            {
                continue;
            }

            var missing = settings.RequiredTagKeys.Where(required => !present.Contains(required)).ToList();
            if (missing.Count > 0)
            {
                yield return Report(key.SpanOf("Tags"),
                    $"{keyNode.Kind} {key.LogicalId} lacks the ownership tag{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)}, "
                    + $"so nobody can be asked before it is disabled or deleted. Add {string.Join(" and ", missing)} to Tags (tags.required in .kmslint.yaml sets the required keys).",
                    key.LogicalId);
            }
        }
    }

    /// <summary>The tag keys written on the key, or null when Tags (or one of its keys) is a value the linter cannot know.</summary>
    private static HashSet<string>? TagKeys(RepoGraph graph, Resource key)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        switch (key.Property("Tags"))
        {
            case null:
                return keys;
            case SequenceNode tags:
                foreach (var tag in tags.Items)
                {
                    if (graph.Resolver.Resolve(key.Template, (tag as MappingNode)?["Key"]).SingleLiteral is not { } name)
                    {
                        return null;
                    }

                    keys.Add(name);
                }

                return keys;
            default:
                return null;
        }
    }
}
