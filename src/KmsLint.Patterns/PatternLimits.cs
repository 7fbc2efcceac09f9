namespace KmsLint.Patterns;

/// <summary>
/// Input bounds of the engines. Exceeding one is a <see cref="PatternSyntaxException"/>, never a stack overflow.
/// </summary>
public static class PatternLimits
{
    /// <summary>CloudWatch Logs rejects filter patterns longer than 1024 characters (PutMetricFilter); so do we.</summary>
    public const int MaxFilterPatternLength = 1024;

    /// <summary>
    /// EventBridge documents no separate pattern-size quota beyond the 2048-character rule-pattern limit of
    /// PutRule's EventPattern; we accept up to 4096 characters so that formatting whitespace never trips it.
    /// </summary>
    public const int MaxEventPatternLength = 4096;

    /// <summary>
    /// Deepest nesting of parentheses (filter patterns) or of objects/arrays (JSON) the parsers accept.
    /// Real patterns nest a handful of levels; the bound keeps recursion far from the stack limit.
    /// </summary>
    public const int MaxNestingDepth = 64;
}
