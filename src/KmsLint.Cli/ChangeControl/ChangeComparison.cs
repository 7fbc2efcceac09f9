using KmsLint.Cli.Commands;
using KmsLint.Cli.Discovery;
using KmsLint.Templates;
using KmsLint.Templates.ChangeControl;

namespace KmsLint.Cli.ChangeControl;

/// <summary>
/// <c>kmslint lint --base REF [--staged]</c>: everything git tells about the change. The base is the merge base of REF
/// and HEAD (what <c>git diff REF...</c> compares), so commits that reached REF since the branch was made are not read
/// as reverted by it. The linted version is the work tree, or with <c>--staged</c> the index (what the commit will
/// hold). It gives the engine the base's templates that differ, how paths were renamed (git's rename detection, and
/// an identical untracked file for a plain <c>mv</c>), and the Change-Request trailers of the commits since the base.
/// </summary>
internal sealed class ChangeComparison : IDisposable
{
    /// <summary>Where git may look for templates to pair across renames (from the top of the work tree, any case).</summary>
    private static readonly string[] TemplatePathspecs = { ":(top,icase)*.yaml", ":(top,icase)*.yml", ":(top,icase)*.json", ":(top,icase)*.template" };

    private readonly CliContext context;
    private readonly GitRepository repository;
    private readonly string? baseCommit;
    private readonly string name;
    private readonly IReadOnlyList<DeclaredChangeRequest>? trailers;
    private readonly Dictionary<string, (GitFile File, long Size)> stagedFiles = new(StringComparer.Ordinal);

    private ChangeComparison(CliContext context, GitRepository repository, bool staged, string? baseCommit, string name, IReadOnlyList<DeclaredChangeRequest>? trailers)
    {
        this.context = context;
        this.repository = repository;
        Staged = staged;
        this.baseCommit = baseCommit;
        this.name = name;
        this.trailers = trailers;
    }

    /// <summary>The linted version is the index, not the work tree.</summary>
    public bool Staged { get; }

    /// <summary>With <c>--staged</c>: the linted files the index changes against the base (a commit answers for their findings).</summary>
    public IReadOnlySet<string>? StagedChanges { get; private set; }

    /// <summary>The comparison <c>--base</c> asks for, or null without it; a usage error outside a work tree or for an unknown REF.</summary>
    public static ChangeComparison? Open(ParsedArguments arguments, CliContext context, string startDirectory)
    {
        var reference = arguments.Value("--base");
        var staged = arguments.Flag("--staged");
        if (reference is null)
            return staged ? throw arguments.Error("--staged compares the index with a commit: give it --base REF (the pre-commit hook passes --base HEAD --staged)") : null;

        var repository = GitRepository.Open(startDirectory);
        try
        {
            var head = repository.Commit("HEAD");
            var commit = repository.Commit(reference);
            if (commit is null && !(reference == "HEAD" && repository.HeadIsUnborn()))
            {
                throw new UsageException($"--base '{reference}' is not a commit of this repository"
                    + (repository.IsShallow() ? " (this is a shallow clone: fetch the base first, e.g. actions/checkout with fetch-depth: 0)" : string.Empty));
            }

            var name = reference;
            if (commit is not null && head is not null && commit != head && repository.MergeBase(commit, head) is { } mergeBase && mergeBase != commit)
            {
                name = $"{reference} (merge base {mergeBase[..Math.Min(10, mergeBase.Length)]})";
                commit = mergeBase;
            }

            var trailers = commit is null || head is null || commit == head
                ? null
                : repository.ChangeRequestTrailers($"{commit}..{head}")
                    .Select(trailer => new DeclaredChangeRequest(trailer.Value, $"the Change-Request trailer of commit {trailer.Commit[..Math.Min(10, trailer.Commit.Length)]}", null))
                    .ToArray();
            return new ChangeComparison(context, repository, staged, commit, name, trailers);
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    /// <summary>
    /// With <c>--staged</c>: the files of the index a walk of <paramref name="roots"/> would lint (<paramref name="selects"/>
    /// says which: the walk's rules, and the set a file belongs to), in the walk's order.
    /// </summary>
    public IReadOnlyList<DiscoveredFile> DiscoverStaged(IReadOnlyList<string> roots, Func<string, bool> selects)
    {
        var selected = repository.Index()
            .Select(file => (File: file, FullPath: repository.FullPathOf(file.Path)))
            .Where(entry => selects(entry.FullPath))
            .ToList();
        var sizes = repository.Sizes(selected.Select(entry => entry.File.ObjectId));
        var files = new List<DiscoveredFile>();
        foreach (var (file, fullPath) in selected)
        {
            var named = roots.Contains(fullPath, StringComparer.Ordinal);
            var size = sizes.TryGetValue(file.ObjectId, out var known) ? known : 0;
            // As in a walk, an empty file (here also one added with 'git add -N') holds nothing to lint.
            if (size > 0 || named)
            {
                stagedFiles[fullPath] = (file, size);
                files.Add(new DiscoveredFile(fullPath, context.DisplayPath(fullPath), named));
            }
        }
        files.Sort((a, b) => WalkOrder(a.FullPath, b.FullPath));
        return files;
    }

    /// <summary>The index's version of a staged file; null for a work-tree file.</summary>
    public TemplateSource? StagedSource(DiscoveredFile file) =>
        stagedFiles.TryGetValue(file.FullPath, out var staged) ? BlobSource(file.DisplayPath, staged.File.ObjectId, staged.Size) : null;

    /// <summary>
    /// The base for the linted files: its files under <paramref name="roots"/> that differ from them (the others share
    /// the linted models), the renames, and the Change-Request trailers.
    /// </summary>
    public Baseline BaselineFor(IReadOnlyList<DiscoveredFile> linted, IReadOnlyList<string> roots, Func<string, bool> selects)
    {
        var lintedByGitPath = new Dictionary<string, DiscoveredFile>(StringComparer.Ordinal);
        foreach (var file in linted)
        {
            var gitPath = repository.GitPathOf(file.FullPath);
            if (!gitPath.StartsWith("../", StringComparison.Ordinal) && gitPath != "..")
                lintedByGitPath[gitPath] = file;
        }
        if (baseCommit is null)
        {
            StagedChanges = Staged ? linted.Select(file => file.DisplayPath).ToHashSet(StringComparer.Ordinal) : null;
            return new Baseline(name, Array.Empty<TemplateSource>()) { TrailersApply = false };
        }

        var tree = repository.Tree(baseCommit).ToDictionary(file => file.Path, StringComparer.Ordinal);
        var named = roots.Where(File.Exists).Select(repository.GitPathOf).Where(path => !path.StartsWith("../", StringComparison.Ordinal)).Select(path => ":(top,literal)" + path);
        var (changes, warning) = repository.Diff(baseCommit, Staged, TemplatePathspecs.Concat(named));
        if (warning is not null)
            context.Stderr.WriteLine($"kmslint: git: {warning} Renamed templates may be compared as removed and added; raise git's diff.renameLimit to pair them.");

        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var exactRenames = new HashSet<string>(StringComparer.Ordinal);
        var changedAtBase = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Status == 'R' && change.From is { } from)
            {
                changedAtBase.Add(from);
                if (lintedByGitPath.ContainsKey(change.Path))
                    renames[from] = change.Path;
                else
                    renames[from] = string.Empty; // renamed out of the linted paths: not this run's to compare
                if (change.Score == 100)
                    exactRenames.Add(from);
            }
            else if (change.Status != 'C')
            {
                changedAtBase.Add(change.Path);
            }
        }
        if (!Staged)
            PairPlainMoves(tree, changedAtBase, renames, exactRenames, lintedByGitPath);

        var toRead = new List<(GitFile File, string DisplayPath)>();
        var unchanged = new List<string>();
        var displayRenames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in tree.Values)
        {
            var fullPath = repository.FullPathOf(file.Path);
            renames.TryGetValue(file.Path, out var renamedTo);
            // Not compared: a file renamed out of the linted paths, one they do not cover, and one git finds unchanged
            // that is still not linted (outside a sparse checkout's cone): it was not removed.
            if (renamedTo == string.Empty || (renamedTo is null && !selects(fullPath))
                || (renamedTo is null && !changedAtBase.Contains(file.Path) && !lintedByGitPath.ContainsKey(file.Path)))
                continue;
            var current = renamedTo ?? file.Path;
            var display = context.DisplayPath(fullPath);
            if (renamedTo is not null)
                displayRenames[display] = lintedByGitPath[renamedTo].DisplayPath;
            if (lintedByGitPath.TryGetValue(current, out var lintedFile) && (exactRenames.Contains(file.Path) || (renamedTo is null && !changedAtBase.Contains(file.Path))))
                unchanged.Add(lintedFile.DisplayPath);
            else
                toRead.Add((file, display));
        }
        var sizes = repository.Sizes(toRead.Select(entry => entry.File.ObjectId));
        var sources = toRead.Select(entry => BlobSource(entry.DisplayPath, entry.File.ObjectId, sizes.TryGetValue(entry.File.ObjectId, out var size) ? size : null)).ToList();

        StagedChanges = Staged
            ? changes.Where(change => change.Status != 'D' && lintedByGitPath.ContainsKey(change.Path)).Select(change => lintedByGitPath[change.Path].DisplayPath)
                .Concat(linted.Where(file => !tree.ContainsKey(repository.GitPathOf(file.FullPath))).Select(file => file.DisplayPath))
                .ToHashSet(StringComparer.Ordinal)
            : null;
        return new Baseline(name, sources)
        {
            Renames = displayRenames, Unchanged = unchanged, ChangeRequests = trailers ?? Array.Empty<DeclaredChangeRequest>(), TrailersApply = trailers is not null,
        };
    }

    public void Dispose() => repository.Dispose();

    /// <summary>
    /// A template moved with a plain <c>mv</c> and not yet added is deleted for git, and its new path untracked: pair
    /// such a deleted file with an untracked linted file of the same content (git's object id, nothing written).
    /// </summary>
    private void PairPlainMoves(
        IReadOnlyDictionary<string, GitFile> tree, ISet<string> changedAtBase, IDictionary<string, string> renames, ISet<string> exactRenames,
        IReadOnlyDictionary<string, DiscoveredFile> lintedByGitPath)
    {
        var deleted = changedAtBase.Where(path => tree.ContainsKey(path) && !renames.ContainsKey(path) && !lintedByGitPath.ContainsKey(path)).ToList();
        var added = lintedByGitPath.Keys.Where(path => !tree.ContainsKey(path) && !renames.Values.Contains(path)).ToList();
        if (deleted.Count == 0 || added.Count == 0)
            return;
        var objectIds = repository.HashFiles(added.Select(path => lintedByGitPath[path].FullPath).ToList());
        for (var i = 0; i < added.Count && i < objectIds.Count; i++)
        {
            var source = deleted.FirstOrDefault(path => tree[path].ObjectId == objectIds[i] && !renames.ContainsKey(path));
            if (source is not null)
            {
                renames[source] = added[i];
                exactRenames.Add(source);
            }
        }
    }

    private TemplateSource BlobSource(string displayPath, string objectId, long? size) =>
        new(displayPath, () => new MemoryStream(repository.Read(objectId), writable: false)) { Length = size };

    /// <summary>The order of a directory walk: a directory's files (by name) before its subdirectories (by name).</summary>
    private static int WalkOrder(string a, string b)
    {
        var x = a.Split(Path.DirectorySeparatorChar);
        var y = b.Split(Path.DirectorySeparatorChar);
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] == y[i])
                continue;
            var xIsFile = i == x.Length - 1;
            var yIsFile = i == y.Length - 1;
            return xIsFile != yIsFile ? (xIsFile ? -1 : 1) : string.CompareOrdinal(x[i], y[i]);
        }
        return x.Length.CompareTo(y.Length);
    }
}
