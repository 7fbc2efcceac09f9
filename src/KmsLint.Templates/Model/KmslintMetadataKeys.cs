using KmsLint.Templates.Findings;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Model;

/// <summary>
/// The keys a <c>Metadata: kmslint:</c> mapping may hold. Another tool's spelling or a near miss of one is KMS901, with
/// the key meant: a setting that silently does nothing (cfn-lint's <c>ignore_checks</c>, checkov's <c>skip</c>) would
/// leave findings the writer believes suppressed.
/// </summary>
internal static class KmslintMetadataKeys
{
    /// <summary><c>ignore</c>, and <c>change-request</c>, which change control (<c>lint --base</c>) reads.</summary>
    public static readonly string[] Known = { "ignore", "change-request" };

    /// <summary>Other tools' spellings of <c>ignore</c>: too far from it for an edit distance to find.</summary>
    private static readonly Dictionary<string, string> OtherToolsSpellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ignore_checks"] = "ignore", // cfn-lint
        ["ignore-checks"] = "ignore",
        ["skip"] = "ignore", // checkov
        ["skip_check"] = "ignore",
        ["skip_checks"] = "ignore",
        ["suppress"] = "ignore",
        ["suppressions"] = "ignore",
        ["disable"] = "ignore",
        ["rules_to_suppress"] = "ignore", // cfn_nag
    };

    /// <summary>
    /// Reports each key of <paramref name="settings"/> (a <c>kmslint:</c> mapping) that is another tool's spelling or a
    /// near miss of a known key. Other keys are left alone: they may belong to a newer KmsLint.
    /// </summary>
    public static void Check(MappingNode settings, List<ParseProblem> malformed)
    {
        foreach (var key in settings.Entries.Select(entry => entry.Key))
        {
            if (Array.IndexOf(Known, key.Value) >= 0)
            {
                continue;
            }

            var meant = OtherToolsSpellings.TryGetValue(key.Value, out var spelling) ? spelling : Suggestions.Closest(key.Value, Known);
            if (meant is not null)
            {
                malformed.Add(new ParseProblem($"kmslint metadata has no setting '{key.Value}'; did you mean '{meant}'?", key.Span));
            }
        }
    }
}
