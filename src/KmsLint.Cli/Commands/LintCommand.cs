using KmsLint.Cli.Baselines;
using KmsLint.Cli.ChangeControl;
using KmsLint.Cli.Discovery;
using KmsLint.Cli.Formatting;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary><c>kmslint lint</c>: discovery, configuration, the engine, a baseline, the reports and the exit code.</summary>
internal sealed class LintCommand : ICommand
{
    private static readonly string[] Formats = { "text", "pretty", "json", "sarif", "github", "junit" };
    private static readonly string[] FailLevels = { "error", "warning", "note", "none" };

    private static readonly CliOption Format = new(
        "--format", "FORMAT",
        "text (default), pretty, json, sarif (SARIF 2.1.0), github (workflow commands\n" +
        "that annotate a pull request) or junit (JUnit XML); any case. Repeatable:\n" +
        "each --format writes one report (-f github -f sarif -o kmslint.sarif)",
        "-f");

    private static readonly CliOption Output = new(
        ReportOutput.Option, "FILE|-",
        "write the report of the --format before it to FILE instead of stdout ('-':\n" +
        "stdout); never to a linted file or a template. A regular file is replaced\n" +
        "atomically; a link, device or pipe is written in place; missing folders are\n" +
        "created. When every report goes to a file, the summary line goes to stderr",
        "-o");

    private static readonly CliOption FailLevel = new(
        "--fail-level", "LEVEL",
        "exit 1 when an unsuppressed finding is at or above LEVEL: error, warning\n" +
        "(default), note or none ('none' reports without failing; internal errors\n" +
        "still fail)");

    private static readonly CliOption Repo = new(
        "--repo", "DIR",
        "lint every template under DIR, but report only the findings located in the\n" +
        "PATHs, which must be inside DIR (what a pre-commit hook passes: the staged\n" +
        "files); without PATHs, report everything. The config is looked up in DIR");

    private static readonly CliOption AllowEmpty = new(
        "--allow-empty", null,
        "succeed when the PATHs hold no template (otherwise exit 2: a gate run in the\n" +
        "wrong folder must not pass)");

    private static readonly CliOption Baseline = new(
        "--baseline", "FILE",
        "report the findings FILE accepts as suppressed (kind baseline), matched by\n" +
        "rule, file, logical id and fingerprint, not by line; warns about entries\n" +
        "whose finding is gone");

    private static readonly CliOption CreateBaseline = new(
        "--create-baseline", "FILE",
        "write every unsuppressed finding of the linted sets to FILE (a baseline for\n" +
        "--baseline), then report them as suppressed by it");

    private static readonly CliOption ShowSuppressed = new(
        "--show-suppressed", null,
        "text and pretty: list suppressed findings too, with what suppressed them");

    private static readonly CliOption Base = new(
        "--base", "REF",
        "also compare with the templates at git commit REF (its merge base with HEAD)\n" +
        "and report key changes: deleted (KMS410), disabled (KMS411), retention\n" +
        "reduced (KMS412), failing updates (KMS413), malformed change requests (KMS414)");

    private static readonly CliOption Staged = new(
        "--staged", null,
        "with --base: lint the index (what the commit will hold) instead of the work\n" +
        "tree, and report only the staged templates' findings unless --repo names files");

    public string Name => "lint";
    public string Summary => "lint CloudFormation templates in files and directories (default: .)";
    public IReadOnlyList<CliOption> Options { get; } = new[]
    {
        Format, Output, CliOptions.Config, FailLevel, Repo, AllowEmpty, CliOptions.Exclude, CliOptions.IgnoreChecks, CliOptions.IncludeChecks,
        Baseline, CreateBaseline, ShowSuppressed, Base, Staged, CliOptions.StdinName, CliOptions.Quiet, CliOptions.Verbose, CliOptions.Color, CliOptions.NoColor,
    };

    public string Help =>
        "Usage: kmslint lint [PATH ...] [-f FORMAT [-o FILE]]... [--config FILE|DIR] [--fail-level LEVEL]\n" +
        "                    [--repo DIR] [--allow-empty] [--exclude GLOB] [--ignore-checks ID[,ID]]\n" +
        "                    [--baseline FILE | --create-baseline FILE] [-q | -v] [--color WHEN]\n" +
        "                    [--base REF [--staged]]\n" +
        "       ... | kmslint lint - [--stdin-name PATH]\n\n" +
        "Lints every template under the PATHs (files, directories or globs, default '.') as one set, so\n" +
        "references between templates are followed. Directories are walked for *.yaml *.yml *.json\n" +
        "*.template, skipping .git, node_modules, bin, obj, cdk.out/asset.* and the 'exclude' globs. A\n" +
        "directory holding its own .kmslint.yaml (or .kmslint.yml), or named by a config's 'sets:', is\n" +
        "linted as a set of its own, with its config. When only files are named, each file's repository (the\n" +
        "nearest folder above it holding a config, else the git root, else its folder) is linted and only\n" +
        "the findings in the named files are reported. '-' reads a template from standard input.\n\n" +
        CliOption.Help(Options) + "\n" +
        "Exit codes: 0 no finding at or above the fail level, 1 there are, 2 usage or configuration error,\n" +
        "or no template found.\n";

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var style = ConsoleStyle.From(arguments);
        context = style.Apply(context);
        var outputs = OutputPlan.Parse(arguments, context, Formats, "text");
        var failLevel = LevelNames.Parse(arguments.Choice(FailLevel.Name, FailLevels, "warning"));
        var showSuppressed = arguments.Flag(ShowSuppressed.Name);

        var planner = new SetPlanner(arguments, context, CommandLineSettings.From(arguments, context));
        var sets = planner.Plan();
        // The files named are inputs whatever they hold; of the files found by walking, only templates are (a report
        // written by an earlier run is found too, and may be replaced).
        var namedFiles = planner.NamedFiles;
        var maxTemplateBytes = sets.Max(set => set.Config.Settings.MaxFileBytes);
        foreach (var output in outputs)
            output.Destination.RefuseInputs(arguments, namedFiles, maxTemplateBytes);
        var baseline = BaselineOf(arguments, context, namedFiles, maxTemplateBytes);
        using var change = ChangeComparison.Open(arguments, context, sets.SelectMany(set => set.Roots).Select(root => Directory.Exists(root) ? root : Path.GetDirectoryName(root)!).FirstOrDefault() ?? context.WorkingDirectory);

        var run = SetLinter.Lint(sets, context, baseline, change, showProgress: !style.Quiet);
        if (run.Findings.Count == 0 && run.Sets.Sum(set => set.ReportedTemplates) == 0 && !arguments.Flag(AllowEmpty.Name))
            throw new UsageException(NoTemplateMessage(arguments, sets));
        FinishBaseline(baseline, sets, context, style);

        foreach (var output in outputs)
        {
            var layout = new TextLayout(style.Colours(output.Destination.IsStandardOutput, context), !style.Quiet, showSuppressed);
            IReportFormatter formatter = output.Format switch
            {
                "json" => new JsonFormatter(),
                "sarif" => new SarifFormatter(),
                "github" => new GithubFormatter(summary: !style.Quiet),
                "junit" => new JunitFormatter(),
                "pretty" => new PrettyFormatter(layout, width: 100),
                _ => new TextFormatter(layout),
            };
            output.Destination.Write(context, writer => formatter.Write(run, writer));
        }
        // Every report went to a file: a CI log or a terminal still gets the verdict in one line.
        if (!style.Quiet && outputs.All(output => !output.Destination.IsStandardOutput))
            context.Stderr.WriteLine(TextFormatter.Summary(run));

        return Fails(run.Findings, failLevel) ? ExitCode.Findings : ExitCode.Success;
    }

    /// <summary><c>--baseline FILE</c> read, or <c>--create-baseline FILE</c> checked, before anything is linted; null without either.</summary>
    private static FindingBaseline? BaselineOf(ParsedArguments arguments, CliContext context, IReadOnlyList<string> namedFiles, long maxTemplateBytes)
    {
        var read = arguments.Value(Baseline.Name);
        var create = arguments.Value(CreateBaseline.Name);
        if (read is not null && create is not null)
            throw arguments.Error("give --baseline or --create-baseline, not both (--create-baseline FILE replaces FILE)");
        if (create is not null)
        {
            var destination = ReportOutput.Of(create, arguments, context);
            if (destination.IsStandardOutput)
                throw arguments.Error("--create-baseline needs a file: the baseline is read back with --baseline FILE");
            destination.RefuseInputs(arguments, namedFiles, maxTemplateBytes);
            return new BaselineRecorder(destination, context);
        }
        if (read is null)
            return null;
        if (read.Length == 0)
            throw arguments.Error("--baseline is empty (an unset variable?): name the baseline file");
        var fullPath = context.FullPath(read);
        if (!File.Exists(fullPath))
            throw arguments.Error($"--baseline '{read}' does not exist (write one with --create-baseline '{read}')");
        return new BaselineMatcher(fullPath, context.DisplayPath(fullPath), context);
    }

    /// <summary>Writes the baseline a run recorded, or warns about the entries of the one it read that accepted nothing.</summary>
    private static void FinishBaseline(FindingBaseline? baseline, IReadOnlyList<LintSet> sets, CliContext context, ConsoleStyle style)
    {
        switch (baseline)
        {
            case BaselineRecorder recorder:
                var text = BaselineFile.Text(recorder.Entries);
                recorder.Destination.Write(context, writer => writer.Write(text));
                if (!style.Quiet)
                    context.Stderr.WriteLine($"kmslint: wrote {recorder.DisplayPath}: {recorder.Entries.Count} finding{(recorder.Entries.Count == 1 ? "" : "s")} accepted; lint with --baseline {recorder.DisplayPath} from now on");
                break;
            case BaselineMatcher matcher when matcher.Stale(sets) is { Count: > 0 } stale:
                context.Stderr.WriteLine($"kmslint: warning: {stale.Count} entr{(stale.Count == 1 ? "y" : "ies")} of the baseline {matcher.DisplayPath} accepted no finding (fixed, or changed): " +
                                         $"refresh it with --create-baseline {matcher.DisplayPath}, so they cannot hide a new finding");
                foreach (var entry in stale)
                    context.Log.Write($"stale baseline entry {matcher.DisplayPath}:{entry.Line}: {entry.RuleId} {entry.File} {entry.LogicalId}");
                break;
        }
    }

    /// <summary>"no CloudFormation template in 'stacks': 3 files were looked at, none is a template. Pass --allow-empty ...".</summary>
    private static string NoTemplateMessage(ParsedArguments arguments, IReadOnlyList<LintSet> sets)
    {
        var paths = arguments.Positionals.Count == 0 ? arguments.Value(Repo.Name) ?? "." : string.Join("', '", arguments.Positionals);
        var files = sets.Sum(set => set.ReportedFiles?.Count ?? set.Files.Count);
        var looked = files == 0
            ? "no *.yaml, *.yml, *.json or *.template file found"
            : $"{files} file{(files == 1 ? " was" : "s were")} looked at, none is a template";
        return $"no CloudFormation template in '{paths}': {looked}. Pass --allow-empty if that is expected";
    }

    /// <summary>
    /// A file found by walking that vanished before it was read has nothing to lint: an empty stream makes the
    /// engine skip it as "not a template". A file the user named is opened plainly, so the engine reports it (KMS902).
    /// Standard input's template is read from there, at most <paramref name="maxBytes"/> + 1 bytes.
    /// </summary>
    internal static Stream Open(DiscoveredFile file, long maxBytes)
    {
        if (file.Contents is { } standardInput)
            return standardInput.Open(maxBytes);
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
}
