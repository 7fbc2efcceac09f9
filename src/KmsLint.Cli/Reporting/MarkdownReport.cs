using System.Text;
using KmsLint.Templates.Reporting;

namespace KmsLint.Cli.Reporting;

/// <summary>
/// <c>--format markdown</c>: for a pull-request comment or a GitHub job summary (<c>$GITHUB_STEP_SUMMARY</c>): the
/// figures, a table of keys, a table of routes with their chains and broken links, and the route graph as a Mermaid
/// chart GitHub draws. Every template value is a code span (longer backtick fences than the value holds, <c>|</c>
/// escaped for the table), so a logical id or an endpoint cannot add markup, links, HTML or @-mentions.
/// </summary>
internal sealed class MarkdownReport : ICoverageRenderer
{
    public void Write(CoverageRun run, TextWriter output)
    {
        var coverage = run.Coverage;
        var summary = coverage.Summary;
        output.WriteLine("### KMS key monitoring");
        output.WriteLine();
        var fastest = summary.Fastest is { } fastestRoute
            ? $"**{ReportWords.Minutes(fastestRoute.WorstCaseMinutesToDetect)}** ({Code(fastestRoute.LogicalId)})"
            : "no working route";
        output.WriteLine($"**{ReportWords.Share(summary.KeysMonitored, summary.Keys, summary.KeysMonitoredPercent)} keys monitored** · "
                         + $"owned {ReportWords.Share(summary.KeysOwned, summary.Keys, summary.KeysOwnedPercent)} · "
                         + $"retained {ReportWords.Share(summary.KeysRetained, summary.Keys, summary.KeysRetainedPercent)} · "
                         + $"routes: {ReportWords.Routes(summary)} · fastest worst-case time to detect: {fastest}");
        output.WriteLine();

        if (coverage.Keys.Count > 0)
        {
            output.WriteLine($"| Key | Monitored | Owned ({string.Join(", ", coverage.RequiredTagKeys.Select(Code))}) | Retained | Pending window | Worst case | Told |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var key in coverage.Keys)
            {
                var owned = key.IsOwned == false ? Mark(false) + " missing " + string.Join(", ", ReportWords.MissingTags(key).Select(Code)) : Mark(key.IsOwned);
                var told = key.Told.Count == 0 ? "—" : string.Join("<br>", key.Told.Select(ReportWords.Told).Select(Code));
                var caveats = (key.Condition is { } condition ? "<br>created only where " + Code(condition) + " is true" : string.Empty)
                              + string.Concat(key.Caveats.Select(caveat => "<br>if " + Code(caveat)))
                              + string.Concat(key.FailingRoutes.Select(failing => $"<br>not through {Code(failing.Route.LogicalId)} ({failing.Why})"));
                output.WriteLine($"| {Code(key.LogicalId)}<br>{Code($"{key.Location.File}:{key.Location.StartLine}")} | {Mark(key.Status)} {ReportWords.Status(key.Status)}{caveats} | {owned} | "
                                 + $"{Mark(key.IsRetained)} | {ReportWords.PendingWindow(key)} | {ReportWords.Minutes(key.WorstCaseMinutesToDetect)} | {told} |");
            }
        }
        else
        {
            output.WriteLine("No `AWS::KMS::Key` or `AWS::KMS::ReplicaKey` in the templates.");
        }

        output.WriteLine();
        if (coverage.Routes.Count > 0)
        {
            output.WriteLine($"| Route | Status | {string.Join(" | ", coverage.Routes[0].Events.Select(pair => pair.Key))} | Worst case | Chain | Broken links |");
            output.WriteLine("|---|---|" + string.Concat(coverage.Routes[0].Events.Select(_ => "---|")) + "---|---|---|");
            foreach (var route in coverage.Routes)
            {
                var chain = string.Join(" → ", route.Stages.Select(stage => string.Join(" + ", stage.Select(node => Code(node.Name)))));
                var broken = route.BrokenLinks.Count == 0 ? "—" : string.Join("<br>", route.BrokenLinks.Select(link => $"{Code(link.Name)}: {ReportWords.RuleIds(link)}"));
                output.WriteLine($"| {Code(route.LogicalId)}<br>{route.Kind} | {Mark(route.State)} {ReportWords.State(route.State)} | {string.Join(" | ", route.Events.Select(pair => ReportWords.Event(pair.Value)))} | "
                                 + $"{ReportWords.Minutes(route.WorstCaseMinutesToDetect)} | {chain} | {broken} |");
            }
        }
        else
        {
            output.WriteLine("No metric filter or EventBridge rule alerts on `DisableKey` or `ScheduleKeyDeletion`.");
        }

        output.WriteLine();
        output.WriteLine("<details><summary>Route graph</summary>");
        output.WriteLine();
        output.WriteLine("```mermaid");
        new MermaidReport().Write(run, output);
        output.WriteLine("```");
        output.WriteLine();
        output.WriteLine("</details>");
        output.WriteLine();
        output.WriteLine($"<sub>kmslint {Cli.Version} · {ReportWords.Plural(run.Lint.TemplatesLinted, "template")} · {ReportWords.FindingCounts(run.Lint)} · "
                         + "a broken link names the rules that found it (`kmslint explain KMSnnn`)</sub>");
    }

    /// <summary>
    /// Template text as an inline code span: nothing in it is read as Markdown, HTML, a link or a mention. The fence is one
    /// backtick longer than the longest run inside; <c>|</c> is escaped for the table; control characters become spaces.
    /// </summary>
    internal static string Code(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
            clean.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        var value = clean.ToString().Replace("|", "\\|");
        var longest = 0;
        for (int i = 0, run = 0; i < value.Length; i++)
        {
            run = value[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = value.StartsWith('`') || value.EndsWith('`') || value.Length == 0 || value.Trim().Length == 0 ? " " : string.Empty;
        return fence + pad + value + pad + fence;
    }

    private static string Mark(bool? good) => good switch
    {
        true => "✅",
        false => "❌",
        _ => "❔",
    };

    private static string Mark(MonitoringStatus status) => Mark(status switch
    {
        MonitoringStatus.Monitored => true,
        MonitoringStatus.Unmonitored => false,
        _ => null,
    });

    private static string Mark(RouteState state) => Mark(state switch
    {
        RouteState.Works => true,
        RouteState.Broken => false,
        _ => null,
    });
}
