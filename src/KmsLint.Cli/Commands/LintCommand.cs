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
        "                    [--fail-level error|warning|note|none] [--repo DIR]\n\n" +
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
        "  -h, --help           show this help\n\n" +
        "Exit codes: 0 no finding at or above the fail level, 1 there are, 2 usage or configuration error.\n";
    public IReadOnlyCollection<string> ValueOptions { get; } = new[] { "--format", "--output", "--config", "--fail-level", "--repo" };
    public IReadOnlyCollection<string> FlagOptions => Array.Empty<string>();

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var format = arguments.Choice("--format", Formats, "text");
        var failLevel = LevelNames.Parse(arguments.Choice("--fail-level", FailLevels, "warning"));
        var destination = ReportDestination.From(arguments, context);

        var given = TemplateInputs.GivenPaths(arguments, context);
        var repository = arguments.Value("--repo") is { } repo ? CheckDirectory(arguments, repo, context.FullPath(repo)) : null;
        // With --repo the whole repository is linted (repo-level rules need every template) and the PATHs only
        // choose which findings are reported.
        var paths = repository is null ? given : new List<string> { repository };
        var reportedFiles = repository is not null && arguments.Positionals.Count > 0
            ? new HashSet<string>(given.Select(context.DisplayPath), StringComparer.Ordinal)
            : null;
        var inputs = TemplateInputs.Load(arguments, context, paths);
        var report = inputs.Run(context, context.Lint);

        var findings = inputs.WithUnreadableDirectories(report.Findings);
        if (reportedFiles is not null)
            findings = findings.Where(finding => reportedFiles.Contains(finding.Location.File)).ToList();
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
            "pretty" => new PrettyFormatter(colour: destination.IsColourTerminal(context), width: 100),
            _ => new TextFormatter(colour: destination.IsColourTerminal(context)),
        };
        destination.Write(context, writer => formatter.Write(run, writer));

        return Fails(run.Findings, failLevel) ? ExitCode.Findings : ExitCode.Success;
    }

    /// <summary>True when the run must exit 1: an unsuppressed finding at or above the fail level, or any internal error.</summary>
    internal static bool Fails(IEnumerable<Finding> findings, Level? failLevel) =>
        findings.Any(finding => !finding.IsSuppressed &&
                                (finding.RuleId == RuleCatalog.InternalError.Id || finding.Level >= failLevel));

    private static string CheckDirectory(ParsedArguments arguments, string given, string fullPath) =>
        Directory.Exists(fullPath)
            ? fullPath
            : throw arguments.Error($"--repo '{given}' is not a directory");
}
