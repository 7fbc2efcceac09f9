using KmsLint.Cli.ChangeControl;
using KmsLint.Cli.Configuration;
using KmsLint.Cli.Discovery;
using KmsLint.Cli.Formatting;
using KmsLint.Templates;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary><c>kmslint lint</c>: discovery, configuration, the engine, a format and the exit code.</summary>
internal sealed class LintCommand : ICommand
{
    private static readonly string[] Formats = { "text", "pretty", "json", "sarif", "github", "junit" };
    private static readonly string[] FailLevels = { "error", "warning", "note", "none" };

    public string Name => "lint";
    public string Summary => "lint CloudFormation templates in files and directories (default: .)";
    public string Help =>
        "Usage: kmslint lint [PATH ...] [--format text|pretty|json|sarif|github|junit] [--output FILE] [--config FILE]\n" +
        "                    [--fail-level error|warning|note|none] [--repo DIR] [--base REF [--staged]]\n\n" +
        "Lints every template under the PATHs (files or directories, default '.') as one set, so references\n" +
        "between templates are followed. Directories are walked for *.yaml *.yml *.json *.template, skipping\n" +
        ".git, node_modules, bin, obj, cdk.out/asset.* and the config's 'exclude' globs.\n\n" +
        "Options:\n" +
        "  --format FORMAT      text (default), pretty, json, sarif (SARIF 2.1.0), github (workflow\n" +
        "                       commands that annotate a pull request) or junit (JUnit XML)\n" +
        "  --output FILE        write the report to FILE (atomically) instead of stdout\n" +
        "  --config FILE        use this configuration instead of .kmslint.yaml in the first directory\n" +
        "                       PATH (or in the current directory)\n" +
        "  --fail-level LEVEL   exit 1 when an unsuppressed finding is at or above LEVEL (default warning);\n" +
        "                       'none' reports without failing (internal errors still fail)\n" +
        "  --repo DIR           lint every template under DIR as one set, but report only the findings\n" +
        "                       located in the PATHs (what a pre-commit hook passes: the staged files);\n" +
        "                       without PATHs, report everything. .kmslint.yaml is looked up in DIR\n" +
        "  --base REF           also compare with the templates at git commit REF (its merge base with HEAD)\n" +
        "                       and report key changes: deleted (KMS410), disabled (KMS411), retention\n" +
        "                       reduced (KMS412), failing updates (KMS413), malformed change requests (KMS414)\n" +
        "  --staged             with --base: lint the index (what the commit will hold) instead of the work\n" +
        "                       tree, and report only the staged templates' findings unless --repo names files\n" +
        "  -h, --help           show this help\n\n" +
        "Exit codes: 0 no finding at or above the fail level, 1 there are, 2 usage or configuration error.\n";
    public IReadOnlyCollection<string> ValueOptions { get; } = new[] { "--format", "--output", "--config", "--fail-level", "--repo", "--base" };
    public IReadOnlyCollection<string> FlagOptions { get; } = new[] { "--staged" };

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var format = arguments.Choice("--format", Formats, "text");
        var failLevel = LevelNames.Parse(arguments.Choice("--fail-level", FailLevels, "warning"));
        var outputPath = arguments.Value("--output") is { } output ? CheckOutputPath(arguments, context.FullPath(output)) : null;

        var given = (arguments.Positionals.Count == 0 ? new List<string> { "." } : arguments.Positionals)
            .Select(path => CheckExists(arguments, path, context.FullPath(path)))
            .ToList();
        var repository = arguments.Value("--repo") is { } repo ? CheckDirectory(arguments, repo, context.FullPath(repo)) : null;
        // With --repo the whole repository is linted (repo-level rules need every template) and the PATHs only
        // choose which findings are reported.
        var paths = repository is null ? given : new List<string> { repository };
        IReadOnlySet<string>? reportedFiles = repository is not null && arguments.Positionals.Count > 0
            ? new HashSet<string>(given.Select(context.DisplayPath), StringComparer.Ordinal)
            : null;
        var config = LoadConfig(arguments, context, paths[0]);

        var discoverer = new TemplateDiscovery(context, config.Excludes);
        using var change = ChangeComparison.Open(arguments, context, Directory.Exists(paths[0]) ? paths[0] : Path.GetDirectoryName(paths[0])!);
        var discovery = change is { Staged: true } ? change.DiscoverStaged(paths, discoverer) : discoverer.Discover(paths);
        var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, discovery.Files.Count);
        var sources = discovery.Files.Select(file =>
        {
            var source = change?.StagedSource(file) ?? new TemplateSource(file.DisplayPath, () => Open(file));
            return source with { Open = () => { progress.FileOpened(); return source.Open(); } };
        });
        var settings = config.SettingsFor(discovery.Files.Select(file => (file.FullPath, file.DisplayPath)));
        if (change is not null)
        {
            settings = settings with { Baseline = change.BaselineFor(discovery.Files, paths, discoverer) };
            reportedFiles ??= change.StagedChanges;
        }
        var report = context.Lint(sources, settings);
        progress.Done();

        var findings = WithUnreadableDirectories(report.Findings, discovery, config.Settings);
        // A change-control finding is about the change as a whole, whichever file it is placed in.
        if (reportedFiles is not null)
            findings = findings.Where(finding => reportedFiles.Contains(finding.Location.File) || RuleCatalog.ChangeControl.Any(rule => rule.Id == finding.RuleId)).ToList();
        var run = new LintRun(findings, report.TemplatesLinted, report.FilesNotTemplates, context.WorkingDirectory)
        {
            Assumptions = report.Assumptions,
            Detections = report.Detections,
        };
        IReportFormatter formatter = format switch
        {
            "json" => new JsonFormatter(),
            "sarif" => new SarifFormatter(),
            "github" => new GithubFormatter(),
            "junit" => new JunitFormatter(),
            "pretty" => new PrettyFormatter(colour: outputPath is null && UseColour(context), width: 100),
            _ => new TextFormatter(colour: outputPath is null && UseColour(context)),
        };
        if (outputPath is null)
            formatter.Write(run, context.Stdout);
        else
            WriteOutput(outputPath, run, formatter);

        return Fails(run.Findings, failLevel) ? ExitCode.Findings : ExitCode.Success;
    }

    /// <summary>
    /// A file found by walking that vanished before it was read has nothing to lint: an empty stream makes the
    /// engine skip it as "not a template". A file the user named is opened plainly, so the engine reports it (KMS902).
    /// </summary>
    internal static Stream Open(DiscoveredFile file)
    {
        try
        {
            return File.OpenRead(file.FullPath);
        }
        catch (Exception e) when (!file.NamedExplicitly && e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Stream.Null;
        }
    }

    /// <summary>True when the run must exit 1: an unsuppressed finding at or above the fail level, or any internal error.</summary>
    internal static bool Fails(IEnumerable<Finding> findings, Level? failLevel) =>
        findings.Any(finding => !finding.IsSuppressed &&
                                (finding.RuleId == RuleCatalog.InternalError.Id || finding.Level >= failLevel));

    private static string CheckExists(ParsedArguments arguments, string given, string fullPath) =>
        File.Exists(fullPath) || Directory.Exists(fullPath)
            ? fullPath
            : throw arguments.Error($"path '{given}' does not exist");

    private static string CheckDirectory(ParsedArguments arguments, string given, string fullPath) =>
        Directory.Exists(fullPath)
            ? fullPath
            : throw arguments.Error($"--repo '{given}' is not a directory");

    private static string CheckOutputPath(ParsedArguments arguments, string fullPath)
    {
        if (Directory.Exists(fullPath))
            throw arguments.Error($"--output '{fullPath}' is a directory");
        if (!Directory.Exists(Path.GetDirectoryName(fullPath)))
            throw arguments.Error($"--output directory '{Path.GetDirectoryName(fullPath)}' does not exist");
        return fullPath;
    }

    /// <summary>--config if given; else .kmslint.yaml in the first PATH when it is a directory, else in the working directory.</summary>
    private static LintConfig LoadConfig(ParsedArguments arguments, CliContext context, string firstPath)
    {
        if (arguments.Value("--config") is { } given)
        {
            var fullPath = context.FullPath(given);
            if (!File.Exists(fullPath))
                throw arguments.Error($"config file '{given}' does not exist");
            return ConfigLoader.Load(fullPath, context.DisplayPath(fullPath));
        }
        var directory = Directory.Exists(firstPath) ? firstPath : context.WorkingDirectory;
        var candidate = Path.Combine(directory, ConfigLoader.FileName);
        return File.Exists(candidate) ? ConfigLoader.Load(candidate, context.DisplayPath(candidate)) : LintConfig.Default;
    }

    /// <summary>Directories the walk could not list become KMS902 findings, at the configured level, in sorted place.</summary>
    private static IReadOnlyList<Finding> WithUnreadableDirectories(
        IReadOnlyList<Finding> findings, DiscoveryResult discovery, LintSettings settings)
    {
        if (discovery.UnreadableDirectories.Count == 0 || settings.EffectiveLevel(RuleCatalog.FileSkipped) is not { } level)
            return findings;
        var all = findings.ToList();
        all.AddRange(discovery.UnreadableDirectories.Select(directory => new Finding(
            RuleCatalog.FileSkipped.Id, level,
            $"Directory '{directory.DisplayPath}' could not be read ({directory.Reason}), so its templates were not linted.",
            SourceSpan.StartOf(directory.DisplayPath))));
        all.Sort(LintRun.Compare);
        return all;
    }

    private static void WriteOutput(string fullPath, LintRun run, IReportFormatter formatter)
    {
        try
        {
            AtomicFile.Write(fullPath, writer => formatter.Write(run, writer));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write --output '{fullPath}': {e.Message}");
        }
    }

    /// <summary>Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    private static bool UseColour(CliContext context) =>
        context.StdoutIsTerminal && string.IsNullOrEmpty(context.GetEnvironmentVariable("NO_COLOR"));
}
