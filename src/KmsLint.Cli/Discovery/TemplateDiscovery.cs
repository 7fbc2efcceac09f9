using KmsLint.Cli.Configuration;
using KmsLint.Templates;

namespace KmsLint.Cli.Discovery;

/// <summary>A file to lint: where it is, how findings show it, and whether the user named it.</summary>
internal sealed record DiscoveredFile(string FullPath, string DisplayPath, bool NamedExplicitly)
{
    /// <summary>Standard input, when the file's text comes from there (<c>kmslint lint -</c>) instead of from <see cref="FullPath"/>.</summary>
    public StandardInput? Contents { get; init; }
}

/// <summary>A directory the walk could not list (permissions, I/O error); reported as a KMS902 finding.</summary>
internal sealed record UnreadableDirectory(string DisplayPath, string Reason);

internal sealed record DiscoveryResult(IReadOnlyList<DiscoveredFile> Files, IReadOnlyList<UnreadableDirectory> UnreadableDirectories);

/// <summary>
/// Finds the files to lint under the PATH arguments. Directories are walked in ordinal name order (so output is
/// deterministic) for template extensions, skipping tool and dependency folders and the config's excludes.
/// Symbolic links to directories met during the walk are not followed, so link loops cannot happen; links to
/// files are linted. Entries that vanish during the walk are skipped; unreadable directories are reported;
/// empty files and named pipes met during the walk are skipped. A directory the set splitter names (its own
/// <c>.kmslint.yaml</c>, a config's <c>sets:</c>) starts a set of its own, walked with that set's excludes.
/// </summary>
internal sealed class TemplateDiscovery
{
    private static readonly string[] TemplateExtensions = { ".yaml", ".yml", ".json", ".template" };

    /// <summary>Version control, package and build output folders: never templates of the repository.</summary>
    internal static readonly HashSet<string> SkippedDirectoryNames = new(StringComparer.Ordinal)
    {
        ".git", "node_modules", "bin", "obj",
    };

    private readonly CliContext context;
    private readonly ExcludeSet excludes;
    private readonly Func<string, LintSet, LintSet?> startsSet;
    private readonly List<LintSet> sets = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>A walk into one set with these excludes: no directory starts a set of its own.</summary>
    public TemplateDiscovery(CliContext context, ExcludeSet excludes)
        : this(context, excludes, (_, _) => null)
    {
    }

    /// <param name="startsSet">For a directory met (or given) and the set it is in: the set it starts, or null.</param>
    public TemplateDiscovery(CliContext context, Func<string, LintSet, LintSet?> startsSet)
        : this(context, ExcludeSet.None, startsSet)
    {
    }

    private TemplateDiscovery(CliContext context, ExcludeSet excludes, Func<string, LintSet, LintSet?> startsSet)
    {
        this.context = context;
        this.excludes = excludes;
        this.startsSet = startsSet;
    }

    /// <summary>
    /// Walks <paramref name="fullPaths"/> (each an existing file or directory) as one set. A named file is linted whatever
    /// its extension, unless an exclude glob matches it; a named directory is walked even if its name is one skipped.
    /// </summary>
    public DiscoveryResult Discover(IEnumerable<string> fullPaths)
    {
        var set = new LintSet(string.Empty, string.Empty, new LintConfig(LintSettings.Default, excludes, null));
        Discover(fullPaths, set);
        return new DiscoveryResult(set.Files, set.UnreadableDirectories);
    }

    /// <summary>
    /// Walks <paramref name="fullPaths"/> into <paramref name="top"/>, or into the sets the directories start; a named file
    /// goes to the innermost set that holds it. Returns <paramref name="top"/> and every set started, in the order met.
    /// </summary>
    public IReadOnlyList<LintSet> Discover(IEnumerable<string> fullPaths, LintSet top)
    {
        sets.Add(top);
        foreach (var path in fullPaths)
        {
            if (Directory.Exists(path))
            {
                Walk(path, string.Equals(path, top.RootFullPath, StringComparison.Ordinal) ? top : SetOf(path, top));
            }
            else
            {
                var set = InnermostSetHolding(path) ?? top;
                if (set.Config.Excludes.Match(path) is { } glob)
                    context.Log.Write($"skip {context.DisplayPath(path)}: excluded by {glob}");
                else
                    Add(path, namedExplicitly: true, set);
            }
        }
        return sets;
    }

    private void Walk(string root, LintSet rootSet)
    {
        // Records, not value tuples: ReadyToRun cannot precompile a Stack of a value tuple, and every start paid its JIT.
        var pending = new Stack<PendingDirectory>();
        pending.Push(new PendingDirectory(root, rootSet));
        while (pending.Count > 0)
        {
            var (directory, set) = pending.Pop();
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
                set.UnreadableDirectories.Add(new UnreadableDirectory(context.DisplayPath(directory), e.Message));
                continue;
            }
            Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));

            var subdirectories = new List<PendingDirectory>();
            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo subdirectory)
                {
                    if (WhyNotWalked(subdirectory, set) is { } reason)
                        context.Log.Write($"skip {context.DisplayPath(subdirectory.FullName)}/: {reason}");
                    else
                        subdirectories.Add(new PendingDirectory(subdirectory.FullName, SetOf(subdirectory.FullName, set)));
                }
                else if (WhyNotCandidate(entry, set) is { } reason)
                {
                    context.Log.Write($"skip {context.DisplayPath(entry.FullName)}: {reason}");
                }
                else
                {
                    Add(entry.FullName, namedExplicitly: false, set);
                }
            }
            for (var i = subdirectories.Count - 1; i >= 0; i--)
                pending.Push(subdirectories[i]);
        }
    }

    /// <summary>The set a directory starts (remembered), or the set it is in.</summary>
    private LintSet SetOf(string directory, LintSet enclosing)
    {
        if (sets.Find(set => string.Equals(set.RootFullPath, directory, StringComparison.Ordinal)) is { } known)
            return known;
        if (startsSet(directory, enclosing) is not { } started)
            return enclosing;
        sets.Add(started);
        return started;
    }

    private LintSet? InnermostSetHolding(string fullPath) =>
        sets.Where(set => set.RootFullPath.Length > 0 && set.Contains(fullPath)).MaxBy(set => set.RootFullPath.Length);

    /// <summary>
    /// Whether walking <paramref name="roots"/> would lint the file at <paramref name="fullPath"/>, for files known from
    /// git rather than from a walk (the index, a commit): a named root itself, or a file with a template extension under
    /// a root directory, in no skipped or excluded directory. The file need not exist in the work tree.
    /// </summary>
    public static bool Selects(string fullPath, IReadOnlyList<string> roots, ExcludeSet excludes)
    {
        if (roots.Contains(fullPath, StringComparer.Ordinal))
            return !excludes.IsExcluded(fullPath);
        // Most files of a repository are no template: decided without touching the file system.
        if (!HasTemplateExtension(fullPath) || ConfigLoader.IsConfigFileName(Path.GetFileName(fullPath)))
            return false;
        foreach (var root in roots)
        {
            var relative = Path.GetRelativePath(root, fullPath);
            if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative) || !Directory.Exists(root))
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

    /// <summary>Why the walk does not enter a directory, or null when it does.</summary>
    private static string? WhyNotWalked(DirectoryInfo directory, LintSet set)
    {
        if (directory.LinkTarget is not null)
            return "a symbolic link to a directory is not followed (name it to lint it)";
        if (IsSkipped(directory.Name, directory.Parent?.Name))
            return SkippedDirectoryNames.Contains(directory.Name)
                ? "version control, dependency and build folders are not linted"
                : "a CDK asset folder (the templates are cdk.out/*.template.json)";
        return set.Config.Excludes.Match(directory.FullName) is { } glob ? "excluded by " + glob : null;
    }

    /// <summary>Why a file met during the walk is not linted, or null when it is.</summary>
    private static string? WhyNotCandidate(FileSystemInfo file, LintSet set)
    {
        if (ConfigLoader.IsConfigFileName(file.Name))
            return "the configuration, never a template";
        if (!HasTemplateExtension(file.Name))
            return "not *.yaml, *.yml, *.json or *.template";
        // A dangling link or a file removed since the listing has nothing to lint.
        if (file.LinkTarget is not null && !File.Exists(file.FullName))
            return "a symbolic link to nothing";
        // A zero-byte file holds nothing to lint, and a named pipe (FIFO) also reads as zero bytes: opening one
        // would block the run until some other process writes to it.
        if (file is FileInfo { Length: 0 })
            return "empty (or a named pipe)";
        return set.Config.Excludes.Match(file.FullName) is { } glob ? "excluded by " + glob : null;
    }

    /// <summary>
    /// Version control, package and build output folders. CDK copies assets (Lambda code, nested zips) into
    /// cdk.out/asset.*; the synthesized cdk.out/*.template.json beside them are the real templates.
    /// </summary>
    private static bool IsSkipped(string directoryName, string? parentName) =>
        SkippedDirectoryNames.Contains(directoryName)
        || (directoryName.StartsWith("asset.", StringComparison.Ordinal) && parentName == "cdk.out");

    private static bool HasTemplateExtension(string path) =>
        TemplateExtensions.Any(candidate => string.Equals(candidate, Path.GetExtension(path), StringComparison.OrdinalIgnoreCase));

    private void Add(string fullPath, bool namedExplicitly, LintSet set)
    {
        if (seen.Add(fullPath))
            set.Files.Add(new DiscoveredFile(fullPath, context.DisplayPath(fullPath), namedExplicitly));
    }
}

/// <summary>A directory the walk has still to list, with the set its files go to.</summary>
internal sealed record PendingDirectory(string Directory, LintSet Set);
