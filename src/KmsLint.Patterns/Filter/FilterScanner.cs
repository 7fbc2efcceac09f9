namespace KmsLint.Patterns;

/// <summary>Cursor over a filter pattern with the token readers the JSON and space-delimited forms share.</summary>
internal sealed class FilterScanner
{
    /// <summary>AWS allows at most two regexes in one JSON or space-delimited pattern.</summary>
    private const int MaxRegexesPerPattern = 2;

    private int _regexCount;

    public FilterScanner(string text, int start = 0)
    {
        Text = text;
        Pos = start;
    }

    public string Text { get; }

    public int Pos { get; set; }

    public bool AtEnd => Pos >= Text.Length;

    public char Peek(int ahead = 0) => Pos + ahead < Text.Length ? Text[Pos + ahead] : '\0';

    public void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Text[Pos])) Pos++;
    }

    public bool LookingAt(string token) => string.CompareOrdinal(Text, Pos, token, 0, token.Length) == 0;

    public bool TryConsume(string token)
    {
        if (!LookingAt(token)) return false;
        Pos += token.Length;
        return true;
    }

    public PatternSyntaxException Error(string message) => PatternSyntaxException.At(Text, Pos, message);

    public PatternSyntaxException ErrorAt(int offset, string message) => PatternSyntaxException.At(Text, offset, message);

    /// <summary>What stands here, for messages: the next character or "the end of the pattern".</summary>
    public string Found() => AtEnd ? "the end of the pattern" : $"'{Printable(Text[Pos])}'";

    public static string Printable(char c) => c < 0x20 || c == 0x7f ? $"\\u{(int)c:x4}" : c.ToString();

    /// <summary>
    /// Reads a comparison value: <c>"quoted"</c> (with <c>\"</c> and <c>\\</c> escapes), <c>%regex%</c>, or a bare
    /// run of characters ending before whitespace, <c>&amp;&amp;</c>, <c>||</c> or one of <paramref name="stopChars"/>.
    /// </summary>
    public FilterValue ReadValue(string stopChars)
    {
        if (AtEnd) throw Error("expected a value but the pattern ended");
        var c = Peek();
        if (c == '"') return FilterValue.Quoted(ReadQuoted());
        if (c == '%') return ReadRegex();
        var start = Pos;
        while (!AtEnd && !char.IsWhiteSpace(Peek()) && stopChars.IndexOf(Peek()) < 0 && !LookingAt("&&") && !LookingAt("||"))
            Pos++;
        if (Pos == start) throw Error($"expected a value but found {Found()}");
        return FilterValue.Bare(Text.Substring(start, Pos - start));
    }

    public string ReadQuoted()
    {
        var start = Pos;
        Pos++; // opening quote
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            if (AtEnd) throw ErrorAt(start, "unterminated quoted string");
            var c = Text[Pos];
            if (c == '"')
            {
                Pos++;
                return sb.ToString();
            }

            if (c == '\\' && (Peek(1) == '"' || Peek(1) == '\\'))
            {
                sb.Append(Peek(1));
                Pos += 2;
                continue;
            }

            sb.Append(c);
            Pos++;
        }
    }

    /// <summary>
    /// <c>%regex%</c> with the character set CloudWatch Logs documents: ASCII letters and digits, the symbols
    /// <c>: _ # = @ / ; , -</c> and space, and the operators <c>^ $ ? [ ] { } | \ * + .</c>; no parentheses.
    /// </summary>
    public FilterValue ReadRegex(bool standalone = false)
    {
        var start = Pos;
        if (!standalone && ++_regexCount > MaxRegexesPerPattern)
            throw Error($"a JSON or space-delimited filter pattern may contain at most {MaxRegexesPerPattern} regular expressions");
        Pos++; // opening %
        var bodyStart = Pos;
        while (true)
        {
            if (AtEnd) throw ErrorAt(start, "unterminated regular expression: a closing '%' is missing");
            var c = Text[Pos];
            if (c == '%') break;
            if (c == '\\' && Pos + 1 < Text.Length && Text[Pos + 1] < 128 && !char.IsControl(Text[Pos + 1]))
            {
                Pos += 2;
                continue;
            }

            if (!IsAllowedRegexChar(c))
            {
                throw Error(c == '(' || c == ')'
                    ? "parentheses are not supported in filter-pattern regular expressions"
                    : $"'{Printable(c)}' is not allowed in a filter-pattern regular expression");
            }

            Pos++;
        }

        var body = Text.Substring(bodyStart, Pos - bodyStart);
        Pos++; // closing %
        if (body.Length == 0) throw ErrorAt(start, "empty regular expression");
        try
        {
            return FilterValue.Regex(body, FilterValue.CompileRegex(body));
        }
        catch (ArgumentException e)
        {
            throw ErrorAt(bodyStart, "invalid regular expression: " + e.Message);
        }
    }

    private static bool IsAllowedRegexChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ":_#=@/;,- ^$?[]{}|*+.".IndexOf(c) >= 0;
}
