using System.Security.Cryptography;
using System.Text;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Baselines;

/// <summary>
/// What identifies a finding across edits, for a baseline: a hash of its rule, its resource and the text of the line
/// it points at, not of the line number. An edit above it (a new resource, a comment) moves the line and changes
/// nothing; an edit of the flagged line itself, or the same problem in another resource, is a new finding. The
/// message is left out, so a KmsLint release that words a message better does not revive a whole baseline.
/// </summary>
internal static class Fingerprint
{
    /// <param name="lineText">The text of the finding's start line, or null when it cannot be read.</param>
    public static string Of(Finding finding, string? lineText)
    {
        var text = $"kmslint-fingerprint-1\n{finding.RuleId}\n{finding.LogicalId}\n{Normalized(lineText ?? string.Empty)}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }

    /// <summary>
    /// The line without what a harmless edit changes: indentation and runs of spaces (a re-indent), a trailing comma (a
    /// JSON property added after it) and a trailing YAML comment.
    /// </summary>
    internal static string Normalized(string line)
    {
        var text = WithoutComment(line).Trim();
        if (text.EndsWith(','))
            text = text[..^1].TrimEnd();
        var collapsed = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (collapsed.Length > 0 && collapsed[^1] != ' ')
                    collapsed.Append(' ');
            }
            else
            {
                collapsed.Append(c);
            }
        }
        return collapsed.ToString();
    }

    /// <summary>The line up to a <c> #</c> that starts a comment: outside quotes.</summary>
    private static string WithoutComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }
        return line;
    }
}
