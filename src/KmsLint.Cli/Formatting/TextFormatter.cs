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
        output.WriteLine(Summary(run));
    }

    /// <summary>E.g. <c>2 errors, 1 warning, 0 notes (1 suppressed) in 3 templates</c>.</summary>
    public static string Summary(LintRun run) =>
        $"{Plural(run.Count(Level.Error), "error")}, {Plural(run.Count(Level.Warning), "warning")}, " +
        $"{Plural(run.Count(Level.Note), "note")} ({run.SuppressedCount} suppressed) in {Plural(run.TemplatesLinted, "template")}";

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
