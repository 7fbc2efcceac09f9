namespace KmsLint.Patterns;

/// <summary>
/// Unstructured term patterns: <c>ERROR Exception</c> (all terms), <c>"exact phrase"</c>, <c>?ERROR ?WARN</c> (any),
/// <c>-term</c> (must not appear). Terms match as case-sensitive substrings of the whole message.
/// Choice where AWS is silent: when <c>?</c> terms are mixed with plain ones, the plain terms must all appear
/// and at least one <c>?</c> term must appear.
/// </summary>
internal sealed class TermFilter : FilterExpression
{
    private readonly string[] _required;
    private readonly string[] _anyOf;
    private readonly string[] _excluded;

    private TermFilter(string[] required, string[] anyOf, string[] excluded)
    {
        _required = required;
        _anyOf = anyOf;
        _excluded = excluded;
    }

    public static TermFilter Parse(FilterScanner scanner)
    {
        var required = new List<string>();
        var anyOf = new List<string>();
        var excluded = new List<string>();
        while (true)
        {
            scanner.SkipWhitespace();
            if (scanner.AtEnd) break;
            var target = required;
            if (scanner.Peek() == '?' && scanner.Peek(1) != '\0' && !char.IsWhiteSpace(scanner.Peek(1)))
            {
                target = anyOf;
                scanner.Pos++;
            }
            else if (scanner.Peek() == '-' && scanner.Peek(1) != '\0' && !char.IsWhiteSpace(scanner.Peek(1)))
            {
                target = excluded;
                scanner.Pos++;
            }

            target.Add(ReadTerm(scanner));
        }

        return new TermFilter(required.ToArray(), anyOf.ToArray(), excluded.ToArray());
    }

    private static string ReadTerm(FilterScanner scanner)
    {
        if (scanner.Peek() == '"')
        {
            var term = scanner.ReadQuoted();
            if (!scanner.AtEnd && !char.IsWhiteSpace(scanner.Peek()))
                throw scanner.Error("expected a space after the closing quote");
            return term;
        }

        var start = scanner.Pos;
        while (!scanner.AtEnd && !char.IsWhiteSpace(scanner.Peek()))
        {
            if (scanner.Peek() == '"') throw scanner.Error("a quote inside a term: quote the whole term instead");
            scanner.Pos++;
        }

        return scanner.Text.Substring(start, scanner.Pos - start);
    }

    public override bool Matches(LogEvent logEvent)
    {
        var message = logEvent.Message;
        foreach (var term in _required)
        {
            if (message.IndexOf(term, StringComparison.Ordinal) < 0) return false;
        }

        foreach (var term in _excluded)
        {
            if (message.IndexOf(term, StringComparison.Ordinal) >= 0) return false;
        }

        return _anyOf.Length == 0 || _anyOf.Any(term => message.IndexOf(term, StringComparison.Ordinal) >= 0);
    }

    /// <summary>Terms test no field: a term names a value it is part of (<c>?Disable</c> names DisableKey).</summary>
    public override bool? Admits(string path, string value) =>
        _required.Concat(_anyOf).Any(term => value.IndexOf(term, StringComparison.Ordinal) >= 0);
}

/// <summary>A standalone <c>%regex%</c> pattern: matches when the regex finds a match anywhere in the message.</summary>
internal sealed class RegexFilter : FilterExpression
{
    private readonly FilterValue _regex;

    private RegexFilter(FilterValue regex)
    {
        _regex = regex;
    }

    public static RegexFilter Parse(FilterScanner scanner)
    {
        var regex = scanner.ReadRegex(standalone: true);
        scanner.SkipWhitespace();
        if (!scanner.AtEnd) throw scanner.Error("unexpected text after the closing '%' of the regular expression");
        return new RegexFilter(regex);
    }

    public override bool Matches(LogEvent logEvent) => _regex.MatchesText(logEvent.Message);

    public override bool? Admits(string path, string value) => _regex.MatchesText(value);
}
