namespace KmsLint.Templates.Yaml;

/// <summary>
/// Whether a file that does not parse was meant as a CloudFormation template: only a top-level template key line says
/// so. A Helm chart, or a Jinja or Go template, that mentions "Resources" in its text is not a template (KMS900 is for
/// templates only).
/// </summary>
internal static class TemplateKeyLine
{
    /// <summary>The keys whose top-level line shows that a file that does not parse was meant as a template.</summary>
    private static readonly string[] TemplateKeys = { "AWSTemplateFormatVersion", "Resources" };

    /// <summary>
    /// True when a top-level <c>AWSTemplateFormatVersion</c> or <c>Resources</c> key line is visible: the key (quoted or
    /// not) at column 1 followed by ':'. In a JSON text (it opens with <c>{ "</c>) top-level keys are indented, so any
    /// indentation counts there.
    /// </summary>
    public static bool IsVisibleIn(string text)
    {
        var isJson = IsJsonObject(text);
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            if (IsTemplateKeyLine(text, isJson ? SkipBlanks(text, start, end) : start, end))
            {
                return true;
            }

            start = end + 1;
        }

        return false;
    }

    /// <summary>True when the text opens like a JSON object, <c>{ "key"</c>; not a Jinja or Go template's <c>{%</c> or <c>{{</c>.</summary>
    private static bool IsJsonObject(string text)
    {
        var open = SkipWhitespace(text, 0);
        return open < text.Length && text[open] == '{' && SkipWhitespace(text, open + 1) is var first && first < text.Length && text[first] == '"';
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    private static bool IsTemplateKeyLine(string text, int position, int end)
    {
        var quote = position < end && text[position] is '"' or '\'' ? text[position] : '\0';
        if (quote != '\0')
        {
            position++;
        }

        foreach (var key in TemplateKeys)
        {
            var after = position + key.Length;
            if (after > end || string.CompareOrdinal(text, position, key, 0, key.Length) != 0
                || (quote != '\0' && (after >= end || text[after++] != quote)))
            {
                continue;
            }

            after = SkipBlanks(text, after, end);
            if (after < end && text[after] == ':')
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipBlanks(string text, int position, int end)
    {
        while (position < end && text[position] is ' ' or '\t')
        {
            position++;
        }

        return position;
    }
}
