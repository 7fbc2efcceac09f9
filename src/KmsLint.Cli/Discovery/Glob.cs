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

    /// <summary>True when the text holds a wildcard (<c>*</c> or <c>?</c>).</summary>
    public static bool IsPattern(string text) => text.IndexOfAny(Wildcards) >= 0;

    private static readonly char[] Wildcards = { '*', '?' };

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

/// <summary>
/// Globs relative to a base directory: the config's <c>exclude</c> (or <c>sets</c>, or an override's <c>files</c>), relative
/// to the config file's directory, or <c>--exclude</c>, relative to the current directory. <see cref="And"/> joins two.
/// </summary>
/// <param name="baseDirectory">What the globs are relative to.</param>
/// <param name="globs">The globs.</param>
/// <param name="source">Where they are written (a config file, <c>--exclude</c>), for <c>--verbose</c>.</param>
internal sealed class ExcludeSet
{
    private readonly string baseDirectory;
    private readonly IReadOnlyList<Glob> globs;
    private readonly string? source;
    private ExcludeSet? next;

    public ExcludeSet(string baseDirectory, IReadOnlyList<Glob> globs, string? source = null)
    {
        this.baseDirectory = baseDirectory;
        this.globs = globs;
        this.source = source;
    }

    public static ExcludeSet None { get; } = new(string.Empty, Array.Empty<Glob>());

    public IReadOnlyList<Glob> Globs => globs;

    /// <summary>An <c>exclude</c> list's question: does a glob match the path?</summary>
    public bool IsExcluded(string fullPath) => Matches(fullPath);

    /// <summary>True when a glob matches the path relative to the base directory (paths outside it never match).</summary>
    public bool Matches(string fullPath) => Match(fullPath) is not null;

    /// <summary>The glob that matches the path, with where it is written (<c>'legacy/**' (.kmslint.yaml)</c>), or null.</summary>
    public string? Match(string fullPath)
    {
        for (var set = this; set is not null; set = set.next)
        {
            if (set.FirstMatch(fullPath) is { } glob)
                return set.source is null ? $"'{glob.Pattern}'" : $"'{glob.Pattern}' ({set.source})";
        }
        return null;
    }

    /// <summary>These globs and <paramref name="other"/>'s: a path is matched when either matches it.</summary>
    public ExcludeSet And(ExcludeSet other)
    {
        if (other.globs.Count == 0 && other.next is null)
            return this;
        if (globs.Count == 0 && next is null)
            return other;
        return new ExcludeSet(baseDirectory, globs, source) { next = next is null ? other : next.And(other) };
    }

    private Glob? FirstMatch(string fullPath)
    {
        if (globs.Count == 0)
            return null;
        var relative = Path.GetRelativePath(baseDirectory, fullPath).Replace('\\', '/');
        if (relative == "." || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            return null;
        foreach (var glob in globs)
            if (glob.Matches(relative))
                return glob;
        return null;
    }
}
