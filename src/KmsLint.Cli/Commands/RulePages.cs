namespace KmsLint.Cli.Commands;

/// <summary>The rules/*.md pages, embedded at build time under the logical names <c>rules/ID.md</c>.</summary>
internal static class RulePages
{
    /// <summary>The page of <paramref name="ruleId"/>, or null when the repository has none yet.</summary>
    public static string? Read(string ruleId)
    {
        using var stream = typeof(RulePages).Assembly.GetManifestResourceStream($"rules/{ruleId}.md");
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
