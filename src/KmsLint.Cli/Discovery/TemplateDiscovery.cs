namespace KmsLint.Cli.Discovery;

/// <summary>A file to lint: where it is, how findings show it, and whether the user named it.</summary>
internal sealed record DiscoveredFile(string FullPath, string DisplayPath, bool NamedExplicitly);

/// <summary>A directory the walk could not list (permissions, I/O error); reported as a KMS902 finding.</summary>
internal sealed record UnreadableDirectory(string DisplayPath, string Reason);

internal sealed record DiscoveryResult(IReadOnlyList<DiscoveredFile> Files, IReadOnlyList<UnreadableDirectory> UnreadableDirectories);

/// <summary>
/// Finds the files to lint under the PATH arguments. Directories are walked in ordinal name order (so output is
/// deterministic) for template extensions, skipping tool and dependency folders and the config's excludes.
/// Symbolic links to directories met during the walk are not followed, so link loops cannot happen; links to
/// files are linted. Entries that vanish during the walk are skipped; unreadable directories are reported;
/// empty files and named pipes met during the walk are skipped.
/// </summary>
internal sealed class TemplateDiscovery(CliContext context, ExcludeSet excludes)
{
    private static readonly string[] TemplateExtensions = { ".yaml", ".yml", ".json", ".template" };

    /// <summary>Version control, package and build output folders: never templates of the repository.</summary>
    private static readonly HashSet<string> SkippedDirectoryNames = new(StringComparer.Ordinal)
    {
        ".git", "node_modules", "bin", "obj",
    };

    private readonly List<DiscoveredFile> files = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly List<UnreadableDirectory> unreadable = new();
    private readonly Dictionary<string, bool> rootIsDirectory = new(StringComparer.Ordinal);

    /// <summary>
    /// Walks <paramref name="fullPaths"/> (each an existing file or directory). A named file is linted whatever its
    /// extension, unless an exclude glob matches it; a named directory is walked even if its name is one skipped.
    /// </summary>
    public DiscoveryResult Discover(IEnumerable<string> fullPaths)
    {
        foreach (var path in fullPaths)
        {
            if (Directory.Exists(path))
                Walk(path);
            else if (!excludes.IsExcluded(path))
                Add(path, namedExplicitly: true);
        }
        return new DiscoveryResult(files, unreadable);
    }

    private void Walk(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = new DirectoryInfo(directory).GetFileSystemInfos();
            }
            catch (DirectoryNotFoundException)
            {
                continue; // removed while we walked: nothing left to lint there
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                unreadable.Add(new UnreadableDirectory(context.DisplayPath(directory), e.Message));
                continue;
            }
            Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));

            var subdirectories = new List<string>();
            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo subdirectory)
                {
                    if (IsWalked(subdirectory))
                        subdirectories.Add(subdirectory.FullName);
                }
                else if (IsTemplateCandidate(entry))
                {
                    Add(entry.FullName, namedExplicitly: false);
                }
            }
            for (var i = subdirectories.Count - 1; i >= 0; i--)
                pending.Push(subdirectories[i]);
        }
    }

    /// <summary>
    /// Whether walking <paramref name="roots"/> would lint the file at <paramref name="fullPath"/>, for files known from
    /// git rather than from a walk (the index, a commit): a named root itself, or a file with a template extension under
    /// a root directory, in no skipped or excluded directory. The file need not exist in the work tree.
    /// </summary>
    public bool Selects(string fullPath, IReadOnlyList<string> roots)
    {
        if (roots.Contains(fullPath, StringComparer.Ordinal))
            return !excludes.IsExcluded(fullPath);
        // Most files of a repository are no template: decided without touching the file system.
        if (!HasTemplateExtension(fullPath))
            return false;
        foreach (var root in roots)
        {
            var relative = Path.GetRelativePath(root, fullPath);
            if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative) || !IsDirectory(root))
                continue;
            var names = relative.Split(Path.DirectorySeparatorChar);
            var directory = root;
            var walked = true;
            for (var i = 0; i < names.Length - 1 && walked; i++)
            {
                directory = Path.Combine(directory, names[i]);
                walked = !IsSkipped(names[i], i == 0 ? Path.GetFileName(root) : names[i - 1]) && !excludes.IsExcluded(directory);
            }
            if (walked && !excludes.IsExcluded(fullPath))
                return true;
        }
        return false;
    }

    private bool IsDirectory(string root)
    {
        if (!rootIsDirectory.TryGetValue(root, out var isDirectory))
            rootIsDirectory[root] = isDirectory = Directory.Exists(root);
        return isDirectory;
    }

    private bool IsWalked(DirectoryInfo directory) =>
        directory.LinkTarget is null && !IsSkipped(directory.Name, directory.Parent?.Name) && !excludes.IsExcluded(directory.FullName);

    /// <summary>
    /// Version control, package and build output folders. CDK copies assets (Lambda code, nested zips) into
    /// cdk.out/asset.*; the synthesized cdk.out/*.template.json beside them are the real templates.
    /// </summary>
    private static bool IsSkipped(string directoryName, string? parentName) =>
        SkippedDirectoryNames.Contains(directoryName)
        || (directoryName.StartsWith("asset.", StringComparison.Ordinal) && parentName == "cdk.out");

    private static bool HasTemplateExtension(string path) =>
        TemplateExtensions.Any(candidate => string.Equals(candidate, Path.GetExtension(path), StringComparison.OrdinalIgnoreCase));

    private bool IsTemplateCandidate(FileSystemInfo file)
    {
        if (!HasTemplateExtension(file.Name))
            return false;
        // A dangling link or a file removed since the listing has nothing to lint.
        if (file.LinkTarget is not null && !File.Exists(file.FullName))
            return false;
        // A zero-byte file holds nothing to lint, and a named pipe (FIFO) also reads as zero bytes: opening one
        // would block the run until some other process writes to it.
        if (file is FileInfo { Length: 0 })
            return false;
        return !excludes.IsExcluded(file.FullName);
    }

    private void Add(string fullPath, bool namedExplicitly)
    {
        if (seen.Add(fullPath))
            files.Add(new DiscoveredFile(fullPath, context.DisplayPath(fullPath), namedExplicitly));
    }
}
