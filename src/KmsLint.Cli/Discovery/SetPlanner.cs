using KmsLint.Cli.Commands;
using KmsLint.Cli.Configuration;

namespace KmsLint.Cli.Discovery;

/// <summary>
/// Decides what <c>kmslint lint</c> lints as which set:
/// <list type="bullet">
/// <item>directories (default <c>.</c>): everything under them as one set, with the configuration found from the first
/// PATH upwards; a directory holding its own <c>.kmslint.yaml</c> (or <c>.kmslint.yml</c>), or named by a config's
/// <c>sets:</c>, is a set of its own;</item>
/// <item>only files: each file's repository root (the nearest folder above it holding a config, else the git root, else
/// its own folder) is walked, so the repository rules see the whole set, and only the findings located in the named
/// files are reported;</item>
/// <item><c>--repo DIR</c>: DIR walked the same way; the PATHs (inside DIR) only choose which findings are reported;</item>
/// <item><c>-</c>: a template on standard input, on its own, or with <c>--stdin-name PATH</c> as the file PATH would be.</item>
/// </list>
/// A PATH that does not exist but holds <c>*</c> or <c>?</c> is a glob, expanded here (a quoted <c>'v/*.yaml'</c>).
/// Every configuration gets the command line's changes (<see cref="CommandLineSettings"/>).
/// </summary>
internal sealed class SetPlanner(ParsedArguments arguments, CliContext context, CommandLineSettings commandLine)
{
    private const string StandardInputArgument = "-";

    private StandardInput? standardInput;
    private string? standardInputPath;
    private string? explicitConfigPath;

    /// <summary>The files the PATHs name (globs expanded, standard input left out): inputs, whatever they hold.</summary>
    public IReadOnlyList<string> NamedFiles { get; private set; } = Array.Empty<string>();

    public IReadOnlyList<LintSet> Plan()
    {
        var sets = PlanSets();
        if (standardInput is not null)
            AttachStandardInput(sets);
        foreach (var set in sets)
            context.Log.Write($"set {set.Name}: {set.Files.Count} file{(set.Files.Count == 1 ? "" : "s")}, " +
                              (set.Config.DisplayPath is null ? "no .kmslint.yaml found (defaults)" : "config " + set.Config.DisplayPath) +
                              (set.ReportedFiles is null ? "" : "; reporting on " + string.Join(", ", set.ReportedFiles.Order(StringComparer.Ordinal))));
        return sets;
    }

    private IReadOnlyList<LintSet> PlanSets()
    {
        var given = Given();
        var explicitConfig = ExplicitConfig();

        if (standardInput is not null && arguments.Value(CliOptions.StdinName.Name) is null)
        {
            // Piped text has no place in a repository: linted on its own, with the configuration of the current directory.
            var set = new LintSet(string.Empty, StandardInput.DisplayName, explicitConfig ?? ConfigFrom(context.WorkingDirectory));
            set.Files.Add(new DiscoveredFile(standardInputPath!, StandardInput.DisplayName, NamedExplicitly: true));
            return new[] { set };
        }

        if (arguments.Value("--repo") is { } repo)
        {
            var repository = context.FullPath(repo);
            if (!Directory.Exists(repository))
                throw arguments.Error($"--repo '{repo}' is not a directory");
            foreach (var path in given.Where(path => !Contains(repository, path)))
                throw arguments.Error($"'{context.DisplayPath(path)}' is outside --repo '{repo}': only the repository's templates are linted. Name files inside it, or another --repo");
            // Standard input named as a file the repository does not hold yet is linted as that file.
            var walked = standardInputPath is null ? new[] { repository } : new[] { repository, standardInputPath };
            var sets = Walk(walked, new LintSet(repository, context.DisplayPath(repository), explicitConfig ?? ConfigFrom(repository)));
            return arguments.Positionals.Count == 0 ? sets : ReportingOn(sets, given);
        }

        if (arguments.Positionals.Count > 0 && given.TrueForAll(IsFile))
        {
            return given
                .GroupBy(file => RepositoryRoot.Of(ExistingFolderOf(file), context.DisplayPath) is { } root ? root.Directory : ExistingFolderOf(file), StringComparer.Ordinal)
                .SelectMany(files => ReportingOn(
                    Walk(files.Prepend(files.Key), new LintSet(files.Key, context.DisplayPath(files.Key), explicitConfig ?? ConfigFrom(files.Key))),
                    files))
                .ToList();
        }

        var first = Directory.Exists(given[0]) ? given[0] : ExistingFolderOf(given[0]);
        var top = given.Count == 1
            ? new LintSet(first, context.DisplayPath(first), explicitConfig ?? ConfigFrom(first))
            : new LintSet(string.Empty, string.Join(", ", given.Select(context.DisplayPath)), explicitConfig ?? ConfigFrom(first)) { Roots = given };
        var all = Walk(given, top);
        // Several PATHs each with a set of their own leave nothing to the set of the PATHs as given: it is not shown.
        return all.Count > 1 && top.Files.Count == 0 && top.UnreadableDirectories.Count == 0 ? all.Skip(1).ToList() : all;
    }

    /// <summary>The PATHs (default <c>.</c>) as full paths: each existing, a glob's matches, or standard input's path.</summary>
    private List<string> Given()
    {
        var stdinName = arguments.Value(CliOptions.StdinName.Name);
        var stdinCount = arguments.Positionals.Count(path => path == StandardInputArgument);
        if (stdinCount > 1)
            throw arguments.Error("'-' (standard input) is given more than once");
        if (stdinName is not null && stdinCount == 0)
            throw arguments.Error("--stdin-name names the template on standard input: give '-' as a PATH too");
        if (stdinCount == 1)
        {
            if (stdinName is null && arguments.Positionals.Count > 1)
                throw arguments.Error("'-' (standard input) is linted on its own; give --stdin-name PATH to lint it as a file of its repository, beside other PATHs");
            if (stdinName is { Length: 0 })
                throw arguments.Error("--stdin-name is empty (an unset variable?): name the path the template is shown as");
            standardInput = new StandardInput(context.OpenStandardInput);
            standardInputPath = context.FullPath(stdinName ?? StandardInput.DisplayName);
            if (Directory.Exists(standardInputPath))
                throw arguments.Error($"--stdin-name '{stdinName}' is a directory; name the file the template stands for");
        }

        var paths = new List<string>();
        foreach (var path in arguments.Positionals.Count == 0 ? new List<string> { "." } : arguments.Positionals)
        {
            if (path == StandardInputArgument)
                paths.Add(standardInputPath!);
            else if (File.Exists(context.FullPath(path)) || Directory.Exists(context.FullPath(path)))
                paths.Add(context.FullPath(path));
            else if (Glob.IsPattern(path))
                paths.AddRange(GlobExpansion.Expand(path, context) is { Count: > 0 } matches
                    ? matches
                    : throw arguments.Error($"no file or folder matches '{path}'"));
            else
                throw arguments.Error($"path '{path}' does not exist");
        }
        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        NamedFiles = distinct.Where(File.Exists).ToList();
        return distinct;
    }

    private bool IsFile(string fullPath) => fullPath == standardInputPath || File.Exists(fullPath);

    /// <summary>The folder a file is in, or (for <c>--stdin-name</c> of a file not written yet) its nearest existing ancestor.</summary>
    private static string ExistingFolderOf(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        while (!Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } parent)
            folder = parent;
        return folder;
    }

    private static bool Contains(string directory, string fullPath) =>
        fullPath.StartsWith(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || string.Equals(fullPath, directory, StringComparison.Ordinal);

    /// <summary>The file standing for standard input reads it: found by the walk or added as named, it is one entry.</summary>
    private void AttachStandardInput(IReadOnlyList<LintSet> sets)
    {
        foreach (var set in sets)
        {
            var index = set.Files.FindIndex(file => file.FullPath == standardInputPath);
            if (index >= 0)
                set.Files[index] = set.Files[index] with { NamedExplicitly = true, Contents = standardInput };
        }
    }

    private IReadOnlyList<LintSet> Walk(IEnumerable<string> paths, LintSet top) =>
        new TemplateDiscovery(context, StartsSet).Discover(paths, top);

    /// <summary>
    /// A directory holding a config starts a set with it (not the folder of <c>--config</c>'s file, which is already the
    /// configuration in force); one the enclosing config names under <c>sets:</c>, with that config.
    /// </summary>
    private LintSet? StartsSet(string directory, LintSet enclosing)
    {
        if (ConfigLoader.FindIn(directory, context.DisplayPath) is { } config && config != explicitConfigPath)
            return new LintSet(directory, context.DisplayPath(directory), Load(config));
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
        RepositoryRoot.Of(directory, context.DisplayPath)?.Config is { } config
            ? Load(config)
            : commandLine.Apply(LintConfig.Default);

    /// <summary><c>--config FILE</c>, or <c>--config DIR</c> for the configuration file in DIR.</summary>
    private LintConfig? ExplicitConfig()
    {
        if (arguments.Value(CliOptions.Config.Name) is not { } given)
            return null;
        var fullPath = context.FullPath(given);
        if (Directory.Exists(fullPath))
        {
            fullPath = ConfigLoader.FindIn(fullPath, context.DisplayPath)
                ?? throw arguments.Error($"--config '{given}' is a directory without {ConfigLoader.FileName} or {ConfigLoader.AlternativeFileName}");
        }
        else if (!File.Exists(fullPath))
            throw arguments.Error($"config file '{given}' does not exist");
        explicitConfigPath = fullPath;
        return Load(fullPath);
    }

    private LintConfig Load(string fullPath) =>
        commandLine.Apply(ConfigLoader.Load(fullPath, context.DisplayPath(fullPath)));
}

/// <summary>The folder a file's repository starts at: the nearest one holding a config, else the git root.</summary>
/// <param name="Directory">That folder.</param>
/// <param name="Config">Its <c>.kmslint.yaml</c> (or <c>.kmslint.yml</c>), or null when the folder is a git root without one.</param>
internal sealed record RepositoryRoot(string Directory, string? Config)
{
    /// <summary>Looks in <paramref name="directory"/> and the folders above it; the search ends at a git root. Null when neither is found.</summary>
    public static RepositoryRoot? Of(string directory, Func<string, string> displayPath)
    {
        for (var folder = directory; !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (ConfigLoader.FindIn(folder, displayPath) is { } config)
                return new RepositoryRoot(folder, config);
            // .git is a folder in a clone and a file in a worktree or submodule.
            var git = Path.Combine(folder, ".git");
            if (System.IO.Directory.Exists(git) || File.Exists(git))
                return new RepositoryRoot(folder, null);
        }
        return null;
    }
}
