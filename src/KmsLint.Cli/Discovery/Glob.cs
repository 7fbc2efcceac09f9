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

    /// <summary>True when the whole of <paramref name="relativePath"/> ('/'-separated) matches.</summary>
    public bool Matches(string relativePath) =>
        MatchFrom(0, relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries), 0);

    private bool MatchFrom(int patternIndex, string[] pathSegments, int pathIndex)
    {
        if (patternIndex == segments.Length)
            return pathIndex == pathSegments.Length;
        if (segments[patternIndex] == "**")
        {
            for (var skip = pathIndex; skip <= pathSegments.Length; skip++)
                if (MatchFrom(patternIndex + 1, pathSegments, skip))
                    return true;
            return false;
        }
        return pathIndex < pathSegments.Length &&
               SegmentMatches(segments[patternIndex], pathSegments[pathIndex]) &&
               MatchFrom(patternIndex + 1, pathSegments, pathIndex + 1);
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

/// <summary>The config's <c>exclude</c> (or <c>sets</c>) globs, relative to the directory of the config file.</summary>
internal sealed class ExcludeSet(string baseDirectory, IReadOnlyList<Glob> globs)
{
    public static ExcludeSet None { get; } = new(string.Empty, Array.Empty<Glob>());

    public IReadOnlyList<Glob> Globs => globs;

    /// <summary>An <c>exclude</c> list's question: does a glob match the path?</summary>
    public bool IsExcluded(string fullPath) => Matches(fullPath);

    /// <summary>True when a glob matches the path relative to the base directory (paths outside it never match).</summary>
    public bool Matches(string fullPath)
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
