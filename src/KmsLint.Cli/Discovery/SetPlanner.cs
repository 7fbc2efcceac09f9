using KmsLint.Cli.Commands;
using KmsLint.Cli.Configuration;

namespace KmsLint.Cli.Discovery;

/// <summary>
/// Decides what <c>kmslint lint</c> lints as which set:
/// <list type="bullet">
/// <item>directories (default <c>.</c>): everything under them as one set, with the configuration found from the first
/// PATH upwards; a directory holding its own <c>.kmslint.yaml</c>, or named by a config's <c>sets:</c>, is a set of its own;</item>
/// <item>only files: each file's repository root (the nearest folder above it holding <c>.kmslint.yaml</c>, else the git
/// root, else its own folder) is walked, so the repository rules see the whole set, and only the findings located in
/// the named files are reported;</item>
/// <item><c>--repo DIR</c>: DIR walked the same way; the PATHs only choose which findings are reported.</item>
/// </list>
/// </summary>
internal sealed class SetPlanner(ParsedArguments arguments, CliContext context)
{
    public IReadOnlyList<LintSet> Plan()
    {
        var given = (arguments.Positionals.Count == 0 ? new List<string> { "." } : arguments.Positionals)
            .Select(path => CheckExists(path, context.FullPath(path)))
            .ToList();
        var explicitConfig = ExplicitConfig();

        if (arguments.Value("--repo") is { } repo)
        {
            var repository = context.FullPath(repo);
            if (!Directory.Exists(repository))
                throw arguments.Error($"--repo '{repo}' is not a directory");
            var sets = Walk(new[] { repository }, new LintSet(repository, context.DisplayPath(repository), explicitConfig ?? ConfigFrom(repository)));
            return arguments.Positionals.Count == 0 ? sets : ReportingOn(sets, given);
        }

        if (arguments.Positionals.Count > 0 && given.TrueForAll(File.Exists))
        {
            return given
                .GroupBy(file => RepositoryRoot.Of(Path.GetDirectoryName(file)!) is { } root ? root.Directory : Path.GetDirectoryName(file)!, StringComparer.Ordinal)
                .SelectMany(files => ReportingOn(
                    Walk(files.Prepend(files.Key), new LintSet(files.Key, context.DisplayPath(files.Key), explicitConfig ?? ConfigFrom(files.Key))),
                    files))
                .ToList();
        }

        var first = Directory.Exists(given[0]) ? given[0] : Path.GetDirectoryName(given[0])!;
        var top = given.Count == 1
            ? new LintSet(first, context.DisplayPath(first), explicitConfig ?? ConfigFrom(first))
            : new LintSet(string.Empty, string.Join(", ", given.Select(context.DisplayPath)), explicitConfig ?? ConfigFrom(first)) { Roots = given };
        var all = Walk(given, top);
        // Several PATHs each with a set of their own leave nothing to the set of the PATHs as given: it is not shown.
        return all.Count > 1 && top.Files.Count == 0 && top.UnreadableDirectories.Count == 0 ? all.Skip(1).ToList() : all;
    }

    private IReadOnlyList<LintSet> Walk(IEnumerable<string> paths, LintSet top) =>
        new TemplateDiscovery(context, StartsSet).Discover(paths, top);

    /// <summary>A directory holding <c>.kmslint.yaml</c> starts a set with it; one the enclosing config names under <c>sets:</c>, with that config.</summary>
    private LintSet? StartsSet(string directory, LintSet enclosing)
    {
        var config = Path.Combine(directory, ConfigLoader.FileName);
        if (File.Exists(config))
            return new LintSet(directory, context.DisplayPath(directory), ConfigLoader.Load(config, context.DisplayPath(config)));
        return enclosing.Config.SetRoots.Matches(directory)
            ? new LintSet(directory, context.DisplayPath(directory), enclosing.Config)
            : null;
    }

    /// <summary>The sets holding the named files, each reporting only on the named files it holds.</summary>
    private IReadOnlyList<LintSet> ReportingOn(IReadOnlyList<LintSet> sets, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            var set = sets.FirstOrDefault(candidate => candidate.Files.Exists(found => found.FullPath == file))
                      ?? sets.Where(candidate => candidate.Contains(file)).MaxBy(candidate => candidate.RootFullPath.Length)
                      ?? sets[0];
            (set.ReportedFiles ??= new HashSet<string>(StringComparer.Ordinal)).Add(context.DisplayPath(file));
        }
        return sets.Where(set => set.ReportedFiles is not null).ToList();
    }

    /// <summary>The configuration in <paramref name="directory"/> or the nearest folder above it, up to the git root; else the defaults.</summary>
    private LintConfig ConfigFrom(string directory) =>
        RepositoryRoot.Of(directory)?.Config is { } config
            ? ConfigLoader.Load(config, context.DisplayPath(config))
            : LintConfig.Default;

    private LintConfig? ExplicitConfig()
    {
        if (arguments.Value("--config") is not { } given)
            return null;
        var fullPath = context.FullPath(given);
        if (!File.Exists(fullPath))
            throw arguments.Error($"config file '{given}' does not exist");
        return ConfigLoader.Load(fullPath, context.DisplayPath(fullPath));
    }

    private string CheckExists(string given, string fullPath) =>
        File.Exists(fullPath) || Directory.Exists(fullPath)
            ? fullPath
            : throw arguments.Error($"path '{given}' does not exist");
}

/// <summary>The folder a file's repository starts at: the nearest one holding <c>.kmslint.yaml</c>, else the git root.</summary>
/// <param name="Directory">That folder.</param>
/// <param name="Config">Its <c>.kmslint.yaml</c>, or null when the folder is a git root without one.</param>
internal sealed record RepositoryRoot(string Directory, string? Config)
{
    /// <summary>Looks in <paramref name="directory"/> and the folders above it; the search ends at a git root. Null when neither is found.</summary>
    public static RepositoryRoot? Of(string directory)
    {
        for (var folder = directory; !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            var config = Path.Combine(folder, ConfigLoader.FileName);
            if (File.Exists(config))
                return new RepositoryRoot(folder, config);
            // .git is a folder in a clone and a file in a worktree or submodule.
            var git = Path.Combine(folder, ".git");
            if (System.IO.Directory.Exists(git) || File.Exists(git))
                return new RepositoryRoot(folder, null);
        }
        return null;
    }
}
