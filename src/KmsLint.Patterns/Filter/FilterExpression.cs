namespace KmsLint.Patterns;

/// <summary>A node of a parsed filter pattern.</summary>
internal abstract class FilterExpression
{
    public abstract bool Matches(LogEvent logEvent);
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
}
