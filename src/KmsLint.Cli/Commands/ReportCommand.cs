using KmsLint.Cli.Discovery;
using KmsLint.Cli.Reporting;
using KmsLint.Templates;
using KmsLint.Templates.Reporting;

namespace KmsLint.Cli.Commands;

/// <summary>
/// <c>kmslint report</c>: what is monitored, how fast and who is told, over the same templates and settings as
/// <c>kmslint lint</c>. It reports and does not gate: exit 0 whatever it finds, 2 for usage errors.
/// </summary>
internal sealed class ReportCommand : ICommand
{
    private static readonly string[] Formats = { "text", "json", "markdown", "dot", "mermaid" };

    public string Name => "report";
    public string Summary => "show what is monitored: keys, detection routes, time to detect, who is told";
    public string Help =>
        "Usage: kmslint report [PATH ...] [--format text|json|markdown|dot|mermaid] [--output FILE] [--config FILE]\n\n" +
        "Reads the templates under the PATHs (default '.') as 'kmslint lint' does (the same sets, discovery and\n" +
        ".kmslint.yaml files), and reports per KMS key: owner and purpose tags, retention, pending window, conditions,\n" +
        "whether its DisableKey and ScheduleKeyDeletion reach someone, whom, and the worst-case time to detect; per\n" +
        "detection route: its resources from the trail to the subscribers, the rule ids of its broken links and its\n" +
        "worst-case time to detect; and the summary: keys monitored, owned and retained, routes working and broken.\n\n" +
        "Options:\n" +
        "  --format FORMAT   text (default), json, markdown (a pull-request comment or GitHub job summary),\n" +
        "                    dot (Graphviz: dot -Tpng FILE -o routes.png) or mermaid (the route graph)\n" +
        "  --output FILE     write the report to FILE instead of stdout ('-': stdout)\n" +
        "  --config FILE     use this configuration instead of .kmslint.yaml in the first directory PATH\n" +
        "                    (or in the current directory)\n" +
        "  -h, --help        show this help\n\n" +
        "Exit codes: 0 the report was written (whatever it shows; 'kmslint lint' gates), 2 usage or configuration error.\n";
    public IReadOnlyCollection<string> ValueOptions { get; } = new[] { "--format", "--output", "--config" };
    public IReadOnlyCollection<string> FlagOptions => Array.Empty<string>();

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var format = arguments.Choice("--format", Formats, "text");
        var output = ReportOutput.Parse(arguments, context);
        var sets = new SetPlanner(arguments, context).Plan();
        output.RefuseInputs(arguments, arguments.Positionals.Select(context.FullPath).Where(File.Exists), sets.Max(set => set.Config.Settings.MaxFileBytes));
        var (lint, results) = SetLinter.Run(sets, context, Linter.Report, result => result.Lint);

        var run = new CoverageRun(CoverageReport.Combine(results.Select(result => result.Coverage).ToList()), lint);
        ICoverageRenderer renderer = format switch
        {
            "json" => new JsonReport(),
            "markdown" => new MarkdownReport(),
            "dot" => new DotReport(),
            "mermaid" => new MermaidReport(),
            _ => new TextReport(colour: output.IsStandardOutput && LintCommand.UseColour(context)),
        };
        output.Write(context, writer => renderer.Write(run, writer));
        return ExitCode.Success;
    }
}
