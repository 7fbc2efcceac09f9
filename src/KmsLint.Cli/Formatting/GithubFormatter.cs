using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Formatting;

/// <summary>
/// <c>--format github</c>: GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>), so findings
/// annotate the pull request's changed lines without code scanning (which needs Advanced Security and is closed to
/// pull requests from forks). Notes become notices; suppressed findings are left out; the summary line ends the log.
/// </summary>
internal sealed class GithubFormatter : IReportFormatter
{
    public void Write(LintRun run, TextWriter output)
    {
        foreach (var finding in run.Findings.Where(finding => !finding.IsSuppressed))
        {
            var command = finding.Level switch
            {
                Level.Error => "error",
                Level.Warning => "warning",
                _ => "notice",
            };
            var location = finding.Location;
            var title = finding.RuleId + (finding.LogicalId is null ? string.Empty : " " + finding.LogicalId);
            output.WriteLine(
                $"::{command} file={Property(location.File)},line={location.StartLine},col={location.StartColumn},"
                + $"endLine={Math.Max(location.StartLine, location.EndLine)},title={Property(title)}::{Data(finding.Message)}");
        }

        TextFormatter.WriteSummary(run, output);
    }

    /// <summary>The message part: %, CR and LF are escaped, as the runner decodes them.</summary>
    private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>A property value: also ':' and ',', which separate properties.</summary>
    private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
