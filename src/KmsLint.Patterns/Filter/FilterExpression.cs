namespace KmsLint.Patterns;

/// <summary>A node of a parsed filter pattern.</summary>
internal abstract class FilterExpression
{
    public abstract bool Matches(LogEvent logEvent);

    /// <summary>
    /// Whether the pattern names <paramref name="value"/> for the field <paramref name="path"/> (an equality test of that
    /// selector, or a term or regex that the value satisfies); null when nothing in it tests that field.
    /// </summary>
    public virtual bool? Admits(string path, string value) => null;

    private protected static bool? Either(bool? left, bool? right) =>
        left == true || right == true ? true : left is null && right is null ? null : false;
}

internal sealed class MatchEverything : FilterExpression
{
    public override bool Matches(LogEvent logEvent) => true;
}

internal sealed class AndExpression : FilterExpression
{
    private readonly FilterExpression _left;
    private readonly FilterExpression _right;

    public AndExpression(FilterExpression left, FilterExpression right)
    {
        _left = left;
        _right = right;
    }

    public override bool Matches(LogEvent logEvent) => _left.Matches(logEvent) && _right.Matches(logEvent);

    public override bool? Admits(string path, string value) => Either(_left.Admits(path, value), _right.Admits(path, value));
}

internal sealed class OrExpression : FilterExpression
{
    private readonly FilterExpression _left;
    private readonly FilterExpression _right;

    public OrExpression(FilterExpression left, FilterExpression right)
    {
        _left = left;
        _right = right;
    }

    public override bool Matches(LogEvent logEvent) => _left.Matches(logEvent) || _right.Matches(logEvent);

    public override bool? Admits(string path, string value) => Either(_left.Admits(path, value), _right.Admits(path, value));
}
