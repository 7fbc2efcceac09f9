using System.Text;
using KmsLint.Templates.Reporting;

namespace KmsLint.Cli.Reporting;

/// <summary>
/// <c>--format text</c>: the summary, a table of keys and a table of routes, each row followed by its details (tags, who
/// is told, caveats; the route drawn as a chain and the rule ids of its broken links). Control characters in template
/// values are shown as <c>?</c>, so a template cannot move the cursor or recolour a terminal.
/// </summary>
internal sealed class TextReport(bool colour) : ICoverageRenderer
{
    private const string Reset = "\u001b[0m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Red = "\u001b[31m";

    public void Write(CoverageRun run, TextWriter output)
    {
        var coverage = run.Coverage;
        var summary = coverage.Summary;
        output.WriteLine($"KmsLint report: {ReportWords.Plural(run.Lint.TemplatesLinted, "template")}, {ReportWords.Plural(summary.Keys, "KMS key")}, "
                         + $"{ReportWords.Plural(coverage.Routes.Count, "detection route")}");
        output.WriteLine();
        output.WriteLine("Summary");
        var fastest = summary.Fastest is { } fastestRoute ? $"{ReportWords.Minutes(fastestRoute.WorstCaseMinutesToDetect)} at worst, through {fastestRoute.Kind} {fastestRoute.LogicalId}" : "no working route";
        foreach (var (label, value) in new[]
        {
            ("keys monitored", ReportWords.Share(summary.KeysMonitored, summary.Keys, summary.KeysMonitoredPercent)),
            ("keys owned", ReportWords.Share(summary.KeysOwned, summary.Keys, summary.KeysOwnedPercent) + $" (tags {string.Join(", ", coverage.RequiredTagKeys)})"),
            ("keys retained", ReportWords.Share(summary.KeysRetained, summary.Keys, summary.KeysRetainedPercent)),
            ("routes", ReportWords.Routes(summary)),
            ("time to detect", fastest),
            ("findings", ReportWords.FindingCounts(run.Lint)),
        })
        {
            output.WriteLine($"  {label,-16}{Safe(value)}");
        }

        output.WriteLine();
        output.WriteLine("Keys");
        if (coverage.Keys.Count == 0)
            output.WriteLine("  no AWS::KMS::Key or AWS::KMS::ReplicaKey in the templates");
        else
            WriteTable(output, new[] { "KEY", "MONITORED", "OWNED", "RETAINED", "PENDING", "DETECT", "FILE" }, coverage.Keys.Select(KeyRow).ToList());

        output.WriteLine();
        output.WriteLine("Routes");
        if (coverage.Routes.Count == 0)
            output.WriteLine("  no metric filter or EventBridge rule alerts on DisableKey or ScheduleKeyDeletion");
        else
            WriteTable(output, new[] { "ROUTE", "KIND", "STATUS" }.Concat(coverage.Routes[0].Events.Select(pair => pair.Key)).Append("DETECT").ToArray(),
                coverage.Routes.Select(RouteRow).ToList());

        output.WriteLine();
        output.WriteLine("Broken links name the rules that found them: 'kmslint explain KMSnnn' says why and how to fix it.");
    }

    private Row KeyRow(KeyCoverage key)
    {
        var details = new List<(string, string)> { ("tags", ReportWords.Tags(key)) };
        details.AddRange(ReportWords.Told(key).Select(told => ("told", told)));
        details.AddRange(key.Caveats.Select(caveat => ("if", caveat)));
        if (key.Condition is { } condition)
            details.Add(("condition", $"created only where {condition} is true" + (key.ConditionHolds == false ? " (never: it is always false)" : string.Empty)));
        details.AddRange(key.Events.Where(e => e.Status != key.Status).Select(e => (e.Event, ReportWords.Status(e.Status))));
        if (key.FailingRoutes.Count > 0)
            details.Add(("not through", string.Join(", ", key.FailingRoutes.Select(failing => $"{failing.Route.LogicalId} ({failing.Why})"))));
        return new Row(new[]
        {
            Safe(key.LogicalId), Paint(ReportWords.Status(key.Status), key.Status == MonitoringStatus.Monitored, key.Status == MonitoringStatus.Unmonitored),
            Paint(ReportWords.YesNo(key.IsOwned), key.IsOwned == true, key.IsOwned == false), Paint(ReportWords.YesNo(key.IsRetained), key.IsRetained, !key.IsRetained),
            ReportWords.PendingWindow(key), ReportWords.Minutes(key.WorstCaseMinutesToDetect), Safe($"{key.Location.File}:{key.Location.StartLine}"),
        }, details);
    }

    private Row RouteRow(RouteCoverage route)
    {
        var details = new List<(string, string)> { ("route", string.Join(" → ", route.Stages.Select(stage => string.Join(" + ", stage.Select(ReportWords.Node))))) };
        if (route.ScopedToKeys is { } keys)
            details.Add(("scoped to", string.Join(", ", keys.Select(key => key.Name))));
        // On a route that works for both events the findings on its links (a missing runbook, noise) break nothing.
        var label = route.State == RouteState.Works ? "findings at" : "broken at";
        details.AddRange(route.BrokenLinks.Select(link => (label, $"{link.Name} ({link.Location!.File}:{link.Location.StartLine}): {ReportWords.RuleIds(link)}")));
        var cells = new List<string> { Safe(route.LogicalId), route.Kind, Paint(ReportWords.State(route.State), route.State == RouteState.Works, route.State == RouteState.Broken) };
        cells.AddRange(route.Events.Select(pair => ReportWords.Event(pair.Value)));
        cells.Add(ReportWords.Minutes(route.WorstCaseMinutesToDetect));
        return new Row(cells.ToArray(), details);
    }

    /// <summary>The header and rows padded to the widest cell of each column; each row followed by its details, indented.</summary>
    private static void WriteTable(TextWriter output, string[] header, IReadOnlyList<Row> rows)
    {
        var all = rows.Select(row => row.Cells).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => all.Max(cells => Visible(cells[column]).Length)).ToArray();
        WriteCells(output, header, widths);
        foreach (var row in rows)
        {
            WriteCells(output, row.Cells, widths);
            foreach (var (label, text) in row.Details)
                output.WriteLine($"      {label}: {Safe(text)}");
        }
    }

    private static void WriteCells(TextWriter output, string[] cells, int[] widths)
    {
        var line = new StringBuilder("  ");
        for (var column = 0; column < cells.Length; column++)
        {
            line.Append(cells[column]);
            if (column < cells.Length - 1)
                line.Append(' ', widths[column] - Visible(cells[column]).Length + 2);
        }
        output.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>The text without this report's own colour codes, to measure it.</summary>
    private static string Visible(string cell) =>
        cell.Replace(Reset, string.Empty).Replace(Green, string.Empty).Replace(Yellow, string.Empty).Replace(Red, string.Empty);

    private string Paint(string word, bool good, bool bad) =>
        colour ? (good ? Green : bad ? Red : Yellow) + word + Reset : word;

    /// <summary>Template values with control characters (escape sequences, line breaks) shown as '?'.</summary>
    internal static string Safe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
            safe.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? '?' : c);
        return safe.ToString();
    }

    private sealed record Row(string[] Cells, IReadOnlyList<(string Label, string Text)> Details);
}
