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
            if (missing.Count == 0)
            {
                continue;
            }

            // A tag key written in another case (owner) or misspelt (Ownr) is the likeliest reason a required one is missing.
            var nearMisses = missing
                .Select(required => (Required: required, Written: Suggestions.Closest(required, present.Keys)))
                .Where(pair => pair.Written is not null)
                .ToList();
            var advice = string.Concat(
                Advice(nearMisses.Where(pair => string.Equals(pair.Required, pair.Written, StringComparison.OrdinalIgnoreCase)).ToList(), ": tag keys are case-sensitive. Rename "),
                Advice(nearMisses.Where(pair => !string.Equals(pair.Required, pair.Written, StringComparison.OrdinalIgnoreCase)).ToList(), ". If that is what it means, rename "));
            var absent = missing.Where(required => nearMisses.TrueForAll(pair => pair.Required != required)).ToList();
            if (absent.Count > 0)
            {
                advice += $"Add {string.Join(" and ", absent)} to Tags";
            }

            var location = nearMisses.Count > 0 ? present[nearMisses[0].Written!].KeyNode.Span : key.SpanOf("Tags");
            yield return Report(location,
                $"{keyNode.Kind} {key.LogicalId} lacks the ownership tag{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)}, "
                + $"so nobody can be asked before it is disabled or deleted. {advice.TrimEnd(' ', '.')} (tags.required in .kmslint.yaml sets the required keys).",
                key.LogicalId);
        }
    }

    /// <summary>"Its tag key owner is not Owner: tag keys are case-sensitive. Rename it. " for each group of near misses.</summary>
    private static string Advice(List<(string Required, string? Written)> nearMisses, string why)
    {
        if (nearMisses.Count == 0)
        {
            return string.Empty;
        }

        var plural = nearMisses.Count > 1;
        return $"Its tag key{(plural ? "s" : string.Empty)} {string.Join(" and ", nearMisses.Select(pair => pair.Written))} "
            + $"{(plural ? "are" : "is")} not {string.Join(" and ", nearMisses.Select(pair => pair.Required))}{why}{(plural ? "them" : "it")}. ";
    }
}
