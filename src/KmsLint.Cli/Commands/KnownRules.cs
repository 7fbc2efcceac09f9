using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>One catalogue of both products' rules: the linter's <see cref="RuleCatalog"/> and <see cref="AnalyzerRules"/>.</summary>
internal static class KnownRules
{
    /// <summary>Every rule of both products, in id order.</summary>
    public static IReadOnlyList<KnownRule> All { get; } = RuleCatalog.All
        .Select(rule => new KnownRule(rule, RuleProduct.Linter))
        .Concat(AnalyzerRules.All)
        .OrderBy(rule => rule.Descriptor.Id, StringComparer.Ordinal)
        .ToList();

    private static readonly Dictionary<string, KnownRule> ById =
        All.ToDictionary(rule => rule.Descriptor.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule with this id (any case), or null.</summary>
    public static KnownRule? Find(string id) => ById.TryGetValue(id, out var rule) ? rule : null;
}
