namespace KmsLint.Cli.Discovery;

/// <summary>
/// Expands a PATH glob the shell did not (it was quoted, or the shell is cmd.exe): <c>'v/*.yaml'</c>, <c>'**/*.json'</c>.
/// The literal folders before the first wildcard are the start; below it every file and folder whose path matches
/// (<see cref="Glob"/>: <c>**</c> any folders, <c>*</c> and <c>?</c> within a name) is a match, in ordinal order. As in a
/// walk, links to folders are not followed and version-control, dependency and build folders are not entered; as in a
/// shell, names starting with a dot match only a pattern that spells the dot.
/// </summary>
internal static class GlobExpansion
{
    public static IReadOnlyList<string> Expand(string pattern, CliContext context)
    {
        var segments = context.FullPath(pattern).Replace('\\', '/').Split('/');
        var firstWild = Array.FindIndex(segments, Glob.IsPattern);
        var start = string.Join('/', segments.Take(firstWild));
        if (start.Length == 0)
            start = "/";
        var rest = segments.Skip(firstWild).ToArray();
        var glob = new Glob(string.Join('/', rest));
        // Without ** a match is exactly as deep as the pattern: nothing deeper needs listing.
        var maxDepth = Array.IndexOf(rest, "**") >= 0 ? int.MaxValue : rest.Length;
        var matches = new List<string>();
        var hidden = Array.Exists(rest, segment => segment.StartsWith('.'));
        if (Directory.Exists(start))
            Collect(new DirectoryInfo(start), start, glob, 1, maxDepth, hidden, matches);
        matches.Sort(StringComparer.Ordinal);
        return matches;
    }

    private static void Collect(DirectoryInfo directory, string start, Glob glob, int depth, int maxDepth, bool hidden, List<string> matches)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = directory.GetFileSystemInfos();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // what cannot be listed matches nothing; a walk of it would report it
        }
        foreach (var entry in entries)
        {
            if (!hidden && entry.Name.StartsWith('.'))
                continue;
            var relative = Path.GetRelativePath(start, entry.FullName).Replace('\\', '/');
            if (glob.Matches(relative))
                matches.Add(entry.FullName);
            if (entry is DirectoryInfo child && depth < maxDepth && child.LinkTarget is null && !TemplateDiscovery.SkippedDirectoryNames.Contains(child.Name))
                Collect(child, start, glob, depth + 1, maxDepth, hidden, matches);
        }
    }
}
