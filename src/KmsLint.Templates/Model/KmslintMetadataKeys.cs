using KmsLint.Templates.Findings;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Model;

/// <summary>
/// The keys a <c>Metadata: kmslint:</c> mapping may hold. Any other key is KMS901, with the key meant where one is
/// close: a setting that silently does nothing (cfn-lint's <c>ignore_checks</c>, checkov's <c>skip</c>) would leave
/// findings the writer believes suppressed.
/// </summary>
internal static class KmslintMetadataKeys
{
    public const string Ignore = "ignore";

    /// <summary>Read by change control (<c>lint --base</c>).</summary>
    public const string ChangeRequest = "change-request";

    public static readonly string[] Known = { Ignore, ChangeRequest };

    /// <summary>Other tools' spellings of <c>ignore</c>: too far from it for an edit distance to find.</summary>
    private static readonly Dictionary<string, string> OtherToolsSpellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ignore_checks"] = Ignore, // cfn-lint
        ["ignore-checks"] = Ignore,
        ["skip"] = Ignore, // checkov
        ["skip_check"] = Ignore,
        ["skip_checks"] = Ignore,
        ["suppress"] = Ignore,
        ["suppressions"] = Ignore,
        ["disable"] = Ignore,
        ["rules_to_suppress"] = Ignore, // cfn_nag
    };

    /// <summary>Reports every unknown key of <paramref name="settings"/> (a <c>kmslint:</c> mapping), with the key meant where one is close.</summary>
    public static void Check(MappingNode settings, List<ParseProblem> malformed)
    {
        foreach (var key in settings.Entries.Select(entry => entry.Key))
        {
            if (Array.IndexOf(Known, key.Value) >= 0)
            {
                continue;
            }

            var meant = OtherToolsSpellings.TryGetValue(key.Value, out var spelling) ? spelling : Suggestions.Closest(key.Value, Known);
            malformed.Add(new ParseProblem(
                $"kmslint metadata has no setting '{key.Value}'" + (meant is null ? "." : $"; did you mean '{meant}'?") +
                $" It does nothing as written (the settings are {string.Join(" and ", Known)}).",
                key.Span));
        }
    }
}
