namespace KmsLint.Patterns;

/// <summary>
/// Wildcard matching where the pattern is pre-split at its <c>*</c> wildcards into literal segments
/// (case-sensitive, linear time: first segment is a prefix, last a suffix, the rest found left to right).
/// </summary>
public static class Wildcard
{
    /// <summary>Splits a CloudWatch value, where every <c>*</c> is a wildcard.</summary>
    public static string[] Split(string pattern) => pattern.Split('*');

    public static bool Matches(string[] segments, string value, StringComparison comparison = StringComparison.Ordinal)
    {
        if (segments.Length == 1) return string.Equals(segments[0], value, comparison);
        var first = segments[0];
        var last = segments[segments.Length - 1];
        if (value.Length < first.Length + last.Length) return false;
        if (!value.StartsWith(first, comparison) || !value.EndsWith(last, comparison)) return false;
        var pos = first.Length;
        var end = value.Length - last.Length;
        for (var i = 1; i < segments.Length - 1; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0) continue;
            var found = value.IndexOf(segment, pos, end - pos, comparison);
            if (found < 0) return false;
            pos = found + segment.Length;
        }

        return true;
    }
}
