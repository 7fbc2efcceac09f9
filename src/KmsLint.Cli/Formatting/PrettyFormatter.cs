using System.Text;
using KmsLint.Cli.Commands;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Formatting;

/// <summary>
/// <c>--format pretty</c>: for a person reading a terminal or a CI log — the location and rule on one line, the
/// message wrapped and indented below it, a blank line between findings, then the summary.
/// </summary>
internal sealed class PrettyFormatter(bool colour, int width) : IReportFormatter
{
    private const string Indent = "    ";

    public void Write(LintRun run, TextWriter output)
    {
        var text = new TextFormatter(colour);
        foreach (var finding in run.Findings.Where(finding => !finding.IsSuppressed))
        {
            var location = finding.Location;
            var logicalId = finding.LogicalId is null ? string.Empty : $" ({finding.LogicalId})";
            output.WriteLine($"{location.File}:{location.StartLine}:{location.StartColumn}  {text.Paint(finding.Level)} {finding.RuleId}{logicalId}");
            foreach (var line in Wrap(finding.Message, Math.Max(40, width) - Indent.Length))
            {
                output.WriteLine(Indent + line);
            }

            output.WriteLine(Indent + "see " + (RuleCatalog.Find(finding.RuleId)?.HelpUri ?? finding.RuleId));
            output.WriteLine();
        }

        TextFormatter.WriteSummary(run, output);
    }

    /// <summary>Words to lines of at most <paramref name="width"/> characters; a longer word (a pattern) gets a line of its own.</summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
