namespace KmsLint.Cli.Discovery;

/// <summary>
/// A path glob of the config's <c>exclude</c> list, matched against a '/'-separated relative path:
/// <c>**</c> is any number of whole segments (also none), <c>*</c> any run of characters within a segment,
/// <c>?</c> one character within a segment. Everything else matches itself, case-sensitively.
/// </summary>
internal sealed class Glob
{
    private readonly string[] segments;

    public Glob(string pattern)
    {
        Pattern = pattern;
        var trimmed = pattern.Replace('\\', '/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
            trimmed = trimmed[2..];
        segments = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public string Pattern { get; }

    /// <summary>
    /// True when the whole of <paramref name="relativePath"/> ('/'-separated) matches. The same loop as
    /// <see cref="SegmentMatches"/> one level up, with <c>**</c> as the star over segments: no recursion and at most
    /// segments × path segments steps, whatever a config writes (a pattern of 100,000 <c>**</c> is just slow to read).
    /// </summary>
    public bool Matches(string relativePath)
    {
        var path = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < path.Length)
        {
            if (p < segments.Length && segments[p] == "**")
            {
                starP = p++;
                starT = t;
            }
            else if (p < segments.Length && SegmentMatches(segments[p], path[t]))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < segments.Length && segments[p] == "**")
            p++;
        return p == segments.Length;
    }

    /// <summary>Wildcard match of one segment; on a mismatch after '*', the star takes one more character.</summary>
    private static bool SegmentMatches(string pattern, string text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}

/// <summary>The config's <c>exclude</c> globs, relative to the directory of the config file.</summary>
internal sealed class ExcludeSet(string baseDirectory, IReadOnlyList<Glob> globs)
{
    public static ExcludeSet None { get; } = new(string.Empty, Array.Empty<Glob>());

    public IReadOnlyList<Glob> Globs => globs;

    /// <summary>True when a glob matches the path relative to the base directory (paths outside it never match).</summary>
    public bool IsExcluded(string fullPath)
    {
        if (globs.Count == 0)
            return false;
        var relative = Path.GetRelativePath(baseDirectory, fullPath).Replace('\\', '/');
        if (relative == "." || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            return false;
        foreach (var glob in globs)
            if (glob.Matches(relative))
                return true;
        return false;
    }
}
