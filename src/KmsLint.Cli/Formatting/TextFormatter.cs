using KmsLint.Cli.Commands;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Formatting;

/// <summary>
/// The default format, one line per unsuppressed finding as compilers print them
/// (<c>path:line:column: level KMSnnn: message [LogicalId]</c>), then one summary line.
/// </summary>
internal sealed class TextFormatter(bool colour) : IReportFormatter
{
    private const string Reset = "\u001b[0m";

    public void Write(LintRun run, TextWriter output)
    {
        foreach (var finding in run.Findings)
        {
            if (finding.IsSuppressed)
                continue;
            var location = finding.Location;
            var logicalId = finding.LogicalId is null ? "" : $" [{finding.LogicalId}]";
            output.WriteLine(
                $"{location.File}:{location.StartLine}:{location.StartColumn}: {Paint(finding.Level)} {finding.RuleId}: {finding.Message}{logicalId}");
        }
        WriteSummary(run, output);
    }

    /// <summary>One line per set when there are several, then the <see cref="Summary"/> line.</summary>
    public static void WriteSummary(LintRun run, TextWriter output)
    {
        if (run.Sets.Count > 1)
        {
            foreach (var set in run.Sets)
                output.WriteLine($"set {set.Name} ({ConfigOf(set)}): {Counts(set.Count, set.SuppressedCount)} in {Scope(set, "the set")}");
        }
        output.WriteLine(Summary(run));
    }

    /// <summary>
    /// E.g. <c>2 errors, 1 warning, 0 notes (1 suppressed) in 3 templates</c>; with several sets, <c>... in 9 templates of 2
    /// sets</c>; for named files, <c>... in detection.yaml, linted with the 5 templates of set . (config .kmslint.yaml)</c>.
    /// </summary>
    public static string Summary(LintRun run)
    {
        var counts = Counts(run.Count, run.SuppressedCount);
        if (!run.NamesSets)
            return $"{counts} in {Plural(run.TemplatesLinted, "template")}";
        if (run.Sets.Count == 1)
            return $"{counts} in {Scope(run.Sets[0], $"set {run.Sets[0].Name} ({ConfigOf(run.Sets[0])})")}";
        return $"{counts} in {Plural(run.TemplatesLinted, "template")} of {run.Sets.Count} sets";
    }

    private static string Counts(Func<Level, int> count, int suppressed) =>
        $"{Plural(count(Level.Error), "error")}, {Plural(count(Level.Warning), "warning")}, " +
        $"{Plural(count(Level.Note), "note")} ({suppressed} suppressed)";

    /// <summary>What a set's counts cover: its templates, or its named files linted with the templates of <paramref name="set"/>.</summary>
    private static string Scope(SetRun set, string setName) => set.ReportedFiles switch
    {
        null => Plural(set.TemplatesLinted, "template"),
        [var file] => $"{file}, linted with the {Plural(set.TemplatesLinted, "template")} of {setName}",
        var files => $"{files.Count} named files, linted with the {Plural(set.TemplatesLinted, "template")} of {setName}",
    };

    private static string ConfigOf(SetRun set) => set.Config is null ? "no .kmslint.yaml" : "config " + set.Config;

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    internal string Paint(Level level)
    {
        var word = LevelNames.Of(level);
        if (!colour)
            return word;
        var code = level switch
        {
            Level.Error => "\u001b[1;31m",
            Level.Warning => "\u001b[1;33m",
            _ => "\u001b[1;36m",
        };
        return code + word + Reset;
    }
}
