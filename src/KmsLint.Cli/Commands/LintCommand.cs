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
        "Usage: kmslint lint [PATH ...] [--format text|pretty|json|sarif|github|junit] [--output FILE|-]\n" +
        "                    [--config FILE] [--fail-level error|warning|note|none] [--repo DIR] [--allow-empty]\n" +
        "                    [--base REF [--staged]]\n\n" +
        "Lints every template under the PATHs (files or directories, default '.') as one set, so references\n" +
        "between templates are followed. Directories are walked for *.yaml *.yml *.json *.template, skipping\n" +
        ".git, node_modules, bin, obj, cdk.out/asset.* and the config's 'exclude' globs. A directory holding\n" +
        "its own .kmslint.yaml, or named by a config's 'sets:', is linted as a set of its own, with its config.\n" +
        "When only files are named, each file's repository (the nearest folder above it holding .kmslint.yaml,\n" +
        "else the git root, else its folder) is linted and only the findings in the named files are reported.\n\n" +
        "Options:\n" +
        "  --format FORMAT      text (default), pretty, json, sarif (SARIF 2.1.0), github (workflow\n" +
        "                       commands that annotate a pull request) or junit (JUnit XML)\n" +
        "  --output FILE|-      write the report to FILE instead of stdout ('-': stdout); never to a linted\n" +
        "                       file or a template. A regular file is replaced atomically; a link, device or\n" +
        "                       pipe is written in place; missing folders are created\n" +
        "  --config FILE        use this configuration instead of the .kmslint.yaml found in the first PATH\n" +
        "                       or the nearest folder above it (up to the git root)\n" +
        "  --fail-level LEVEL   exit 1 when an unsuppressed finding is at or above LEVEL (default warning);\n" +
        "                       'none' reports without failing (internal errors still fail)\n" +
        "  --repo DIR           lint every template under DIR, but report only the findings located in the\n" +
        "                       PATHs (what a pre-commit hook passes: the staged files); without PATHs, report\n" +
        "                       everything. .kmslint.yaml is looked up in DIR\n" +
        "  --allow-empty        succeed when the PATHs hold no template (otherwise exit 2: a gate run in the\n" +
        "                       wrong folder must not pass)\n" +
        "  --base REF           also compare with the templates at git commit REF (its merge base with HEAD)\n" +
        "                       and report key changes: deleted (KMS410), disabled (KMS411), retention\n" +
        "                       reduced (KMS412), failing updates (KMS413), malformed change requests (KMS414)\n" +
        "  --staged             with --base: lint the index (what the commit will hold) instead of the work\n" +
        "                       tree, and report only the staged templates' findings unless --repo names files\n" +
        "  -h, --help           show this help\n\n" +
        "Exit codes: 0 no finding at or above the fail level, 1 there are, 2 usage or configuration error,\n" +
        "or no template found.\n";
    public IReadOnlyCollection<string> ValueOptions { get; } = new[] { "--format", "--output", "--config", "--fail-level", "--repo", "--base" };
    public IReadOnlyCollection<string> FlagOptions { get; } = new[] { "--allow-empty", "--staged" };

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var format = arguments.Choice("--format", Formats, "text");
        var failLevel = LevelNames.Parse(arguments.Choice("--fail-level", FailLevels, "warning"));
        var output = ReportOutput.Parse(arguments, context);

        var sets = new SetPlanner(arguments, context).Plan();
        // The files named are inputs whatever they hold; of the files found by walking, only templates are (a report
        // written by an earlier run is found too, and may be replaced).
        var namedFiles = arguments.Positionals.Select(context.FullPath).Where(File.Exists);
        output.RefuseInputs(arguments, namedFiles, sets.Max(set => set.Config.Settings.MaxFileBytes));
        using var change = ChangeComparison.Open(arguments, context, sets.SelectMany(set => set.Roots).Select(root => Directory.Exists(root) ? root : Path.GetDirectoryName(root)!).FirstOrDefault() ?? context.WorkingDirectory);
        var run = SetLinter.Lint(sets, context, change);
        if (run.Findings.Count == 0 && run.Sets.Sum(set => set.ReportedTemplates) == 0 && !arguments.Flag("--allow-empty"))
            throw new UsageException(NoTemplateMessage(arguments, sets));

        IReportFormatter formatter = format switch
        {
            "json" => new JsonFormatter(),
            "sarif" => new SarifFormatter(),
            "github" => new GithubFormatter(),
            "junit" => new JunitFormatter(),
            "pretty" => new PrettyFormatter(colour: output.IsStandardOutput && UseColour(context), width: 100),
            _ => new TextFormatter(colour: output.IsStandardOutput && UseColour(context)),
        };
        output.Write(context, writer => formatter.Write(run, writer));

        return Fails(run.Findings, failLevel) ? ExitCode.Findings : ExitCode.Success;
    }

    /// <summary>"no CloudFormation template in 'stacks': 3 files were looked at, none is a template. Pass --allow-empty ...".</summary>
    private static string NoTemplateMessage(ParsedArguments arguments, IReadOnlyList<LintSet> sets)
    {
        var paths = arguments.Positionals.Count == 0 ? arguments.Value("--repo") ?? "." : string.Join("', '", arguments.Positionals);
        var files = sets.Sum(set => set.ReportedFiles?.Count ?? set.Files.Count);
        var looked = files == 0
            ? "no *.yaml, *.yml, *.json or *.template file found"
            : $"{files} file{(files == 1 ? " was" : "s were")} looked at, none is a template";
        return $"no CloudFormation template in '{paths}': {looked}. Pass --allow-empty if that is expected";
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

    /// <summary>Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    internal static bool UseColour(CliContext context) =>
        context.StdoutIsTerminal && string.IsNullOrEmpty(context.GetEnvironmentVariable("NO_COLOR"));
}
