namespace KmsLint.Patterns;

/// <summary>
/// Input bounds of the engines. Exceeding one is a <see cref="PatternSyntaxException"/>, never a stack overflow.
/// </summary>
public static class PatternLimits
{
    /// <summary>CloudWatch Logs rejects filter patterns longer than 1024 characters (PutMetricFilter); so do we.</summary>
    public const int MaxFilterPatternLength = 1024;

    /// <summary>
    /// EventBridge's event-pattern size quota is 2048 characters by default and can be raised to 4096; we accept
    /// the raised maximum so that a pattern valid in some account is never reported as too long.
    /// </summary>
    public const int MaxEventPatternLength = 4096;

    /// <summary>
    /// Deepest nesting of parentheses (filter patterns) or of objects/arrays (JSON) the parsers accept.
    /// Real patterns nest a handful of levels; the bound keeps recursion far from the stack limit.
    /// </summary>
    public const int MaxNestingDepth = 64;
}
