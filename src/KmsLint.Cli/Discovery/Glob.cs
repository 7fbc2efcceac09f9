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
    public bool Matches(string relativePath)
    {
        var path = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return WildcardMatches(segments.Length, path.Length, p => segments[p] == "**", (p, t) => SegmentMatches(segments[p], path[t]));
    }

    /// <summary>Wildcard match of one segment: <c>*</c> is the star, <c>?</c> any one character.</summary>
    private static bool SegmentMatches(string pattern, string text) =>
        WildcardMatches(pattern.Length, text.Length, p => pattern[p] == '*', (p, t) => pattern[p] == '?' || pattern[p] == text[t]);

    /// <summary>
    /// The wildcard loop, for segments of a path and for characters of a segment alike: a star takes any run of
    /// elements (also none); on a mismatch after a star, the star takes one more. No recursion, at most pattern × text
    /// steps, whatever a config writes (100,000 <c>**</c> in a row are just slow to read).
    /// </summary>
    private static bool WildcardMatches(int patternLength, int textLength, Func<int, bool> isStar, Func<int, int, bool> matchesOne)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < textLength)
        {
            if (p < patternLength && isStar(p))
            {
                starP = p++;
                starT = t;
            }
            else if (p < patternLength && matchesOne(p, t))
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
        while (p < patternLength && isStar(p))
            p++;
        return p == patternLength;
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
