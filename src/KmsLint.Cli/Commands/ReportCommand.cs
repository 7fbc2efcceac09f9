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

    private static readonly CliOption Format = new(
        "--format", "FORMAT",
        "text (default), json, markdown (a pull-request comment or GitHub job summary),\n" +
        "dot (Graphviz: dot -Tpng FILE -o routes.png) or mermaid (the route graph); any case",
        "-f");

    private static readonly CliOption Output = new(ReportOutput.Option, "FILE|-", "write the report to FILE instead of stdout ('-': stdout)", "-o");

    public string Name => "report";
    public string Summary => "show what is monitored: keys, detection routes, time to detect, who is told";
    public string Help =>
        "Usage: kmslint report [PATH ...] [-f text|json|markdown|dot|mermaid] [-o FILE] [--config FILE|DIR]\n" +
        "                      [--exclude GLOB] [-v] [--color WHEN]\n\n" +
        "Reads the templates under the PATHs (default '.') as 'kmslint lint' does (the same sets, discovery and\n" +
        ".kmslint.yaml files), and reports per KMS key: owner and purpose tags, retention, pending window, conditions,\n" +
        "whether its DisableKey and ScheduleKeyDeletion reach someone, whom, and the worst-case time to detect; per\n" +
        "detection route: its resources from the trail to the subscribers, the rule ids of its broken links and its\n" +
        "worst-case time to detect; and the summary: keys monitored, owned and retained, routes working and broken.\n\n" +
        CliOption.Help(Options) + "\n" +
        "Exit codes: 0 the report was written (whatever it shows; 'kmslint lint' gates), 2 usage or configuration error.\n";
    public IReadOnlyList<CliOption> Options { get; } = new[]
    {
        Format, Output, CliOptions.Config, CliOptions.Exclude, CliOptions.Verbose, CliOptions.Color, CliOptions.NoColor,
    };

    public int Run(ParsedArguments arguments, CliContext context)
    {
        var style = ConsoleStyle.From(arguments);
        context = style.Apply(context);
        var format = arguments.Choice(Format.Name, Formats, "text");
        var output = ReportOutput.Parse(arguments, context);
        var sets = new SetPlanner(arguments, context, CommandLineSettings.From(arguments, context)).Plan();
        output.RefuseInputs(arguments, arguments.Positionals.Select(context.FullPath).Where(File.Exists), sets.Max(set => set.Config.Settings.MaxFileBytes));
        var (lint, results) = SetLinter.Run(sets, context, Linter.Report, result => result.Lint);

        var run = new CoverageRun(CoverageReport.Combine(results.Select(result => result.Coverage).ToList()), lint);
        ICoverageRenderer renderer = format switch
        {
            "json" => new JsonReport(),
            "markdown" => new MarkdownReport(),
            "dot" => new DotReport(),
            "mermaid" => new MermaidReport(),
            _ => new TextReport(colour: style.Colours(output.IsStandardOutput, context)),
        };
        output.Write(context, writer => renderer.Write(run, writer));
        return ExitCode.Success;
    }
}
