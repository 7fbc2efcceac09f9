namespace KmsLint.Cli.Commands;

/// <summary>
/// The rules/*.md pages, embedded at build time under the logical names <c>rules/ID.md</c>. Every rule of
/// <see cref="KnownRules"/> has one: a test (RuleCatalogTests) fails for a rule without its page.
/// </summary>
internal static class RulePages
{
    /// <summary>The page of <paramref name="ruleId"/>, a rule of <see cref="KnownRules"/>.</summary>
    public static string Read(string ruleId)
    {
        using var stream = typeof(RulePages).Assembly.GetManifestResourceStream($"rules/{ruleId}.md")
            ?? throw new InvalidOperationException($"rules/{ruleId}.md is not embedded in the tool");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
