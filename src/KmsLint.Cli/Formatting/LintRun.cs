using KmsLint.Templates.Findings;
using KmsLint.Templates.Routes;

namespace KmsLint.Cli.Formatting;

/// <summary>What a lint run produced, as every format renders it.</summary>
/// <param name="Findings">All findings, suppressed ones included, sorted by file, line, column and rule id.</param>
/// <param name="TemplatesLinted">Files that were CloudFormation templates.</param>
/// <param name="FilesNotTemplates">Files looked at and skipped because they are not templates.</param>
/// <param name="WorkingDirectory">What relative finding paths are relative to (SARIF's %SRCROOT%).</param>
internal sealed record LintRun(IReadOnlyList<Finding> Findings, int TemplatesLinted, int FilesNotTemplates, string WorkingDirectory)
{
    /// <summary>The links the engine made on an assumption (a stack name), each with how to declare it.</summary>
    public IReadOnlyList<Assumption> Assumptions { get; init; } = Array.Empty<Assumption>();

    /// <summary>The detection routes, with their status and worst-case time to detect.</summary>
    public IReadOnlyList<DetectionSummary> Detections { get; init; } = Array.Empty<DetectionSummary>();

    /// <summary>Unsuppressed findings at <paramref name="level"/>.</summary>
    public int Count(Level level) => Findings.Count(finding => !finding.IsSuppressed && finding.Level == level);

    public int SuppressedCount => Findings.Count(finding => finding.IsSuppressed);

    /// <summary>Orders findings the way every format lists them: file, line, column, rule id.</summary>
    public static int Compare(Finding a, Finding b)
    {
        var order = string.CompareOrdinal(a.Location.File, b.Location.File);
        if (order == 0) order = a.Location.StartLine.CompareTo(b.Location.StartLine);
        if (order == 0) order = a.Location.StartColumn.CompareTo(b.Location.StartColumn);
        if (order == 0) order = string.CompareOrdinal(a.RuleId, b.RuleId);
        return order;
    }
}

/// <summary>One output format of <c>kmslint lint</c>.</summary>
internal interface IReportFormatter
{
    void Write(LintRun run, TextWriter output);
}
