namespace KmsLint.Patterns;

/// <summary>A parsed CloudWatch Logs filter pattern (JSON <c>{ ... }</c>, terms, space-delimited <c>[...]</c>, regex <c>%...%</c>).</summary>
public sealed class FilterPattern
{
    private FilterPattern(string text)
    {
        Text = text;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws only <see cref="PatternSyntaxException"/>, on any input.</summary>
    public static FilterPattern Parse(string text) => throw new NotImplementedException();

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
    public bool Matches(string logEventMessage) => throw new NotImplementedException();

    public override string ToString() => Text;
}
