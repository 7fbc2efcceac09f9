namespace KmsLint.Patterns;

/// <summary>
/// A parsed CloudWatch Logs filter pattern in any of its forms: JSON <c>{ ... }</c>, space-delimited <c>[...]</c>,
/// a standalone <c>%regex%</c>, or unstructured terms. An empty pattern matches every event, as in CloudWatch.
/// </summary>
public sealed class FilterPattern
{
    private readonly FilterExpression _expression;

    private FilterPattern(string text, FilterExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws only <see cref="PatternSyntaxException"/>, on any input.</summary>
    public static FilterPattern Parse(string text)
    {
        if (text is null) throw new PatternSyntaxException("the filter pattern is null", 1, 1);
        if (text.Length > PatternLimits.MaxFilterPatternLength)
        {
            throw PatternSyntaxException.At(text, PatternLimits.MaxFilterPatternLength,
                $"filter pattern is {text.Length} characters long; CloudWatch Logs allows at most {PatternLimits.MaxFilterPatternLength}");
        }

        var scanner = new FilterScanner(text);
        scanner.SkipWhitespace();
        FilterExpression expression = scanner.Peek() switch
        {
            _ when scanner.AtEnd => new MatchEverything(),
            '{' => JsonFilter.Parse(scanner),
            '[' => DelimitedFilter.Parse(scanner),
            '%' => RegexFilter.Parse(scanner),
            _ => TermFilter.Parse(scanner),
        };
        return new FilterPattern(text, expression);
    }

    public static bool TryParse(string text, out FilterPattern? pattern, out PatternSyntaxException? error)
    {
        try
        {
            pattern = Parse(text);
            error = null;
            return true;
        }
        catch (PatternSyntaxException e)
        {
            pattern = null;
            error = e;
            return false;
        }
    }

    /// <summary>Whether the pattern matches one log event message (e.g. a CloudTrail record as delivered to CloudWatch Logs).</summary>
    public bool Matches(string logEventMessage) => _expression.Matches(new LogEvent(logEventMessage ?? ""));

    internal bool Matches(LogEvent logEvent) => _expression.Matches(logEvent);

    /// <summary>
    /// Whether the pattern names <paramref name="value"/> for the field <paramref name="path"/> (<c>eventName</c>): an
    /// equality test of <c>$.eventName</c> whose value or wildcard covers it, or a term or regex the value satisfies.
    /// Null when nothing in the pattern tests that field. Says what the author meant, not what an event matches.
    /// </summary>
    public bool? Admits(string path, string value) => _expression.Admits(path, value);

    public override string ToString() => Text;
}
