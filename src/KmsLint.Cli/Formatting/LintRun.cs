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

    /// <summary>The sets linted, each on its own (one for a plain run); empty when the run was not made of sets.</summary>
    public IReadOnlyList<SetRun> Sets { get; init; } = Array.Empty<SetRun>();

    /// <summary>True when a summary must name the sets: there are several, or one reports on named files only.</summary>
    public bool NamesSets => Sets.Count > 1 || Sets.Any(set => set.ReportedFiles is not null);

    /// <summary>Unsuppressed findings at <paramref name="level"/>.</summary>
    public int Count(Level level) => CountOf(Findings, level);

    public int SuppressedCount => Findings.Count(finding => finding.IsSuppressed);

    /// <summary>The set a finding, detection or assumption belongs to, or null when the run was not made of sets.</summary>
    public SetRun? SetOf(object item) => Sets.FirstOrDefault(set => set.Holds(item));

    /// <summary>Unsuppressed findings at <paramref name="level"/> among <paramref name="findings"/>.</summary>
    public static int CountOf(IEnumerable<Finding> findings, Level level) =>
        findings.Count(finding => !finding.IsSuppressed && finding.Level == level);

    /// <summary>Orders findings the way every format lists them: file, line, column, rule id.</summary>
    public static int Compare(Finding a, Finding b)
    {
        var order = string.CompareOrdinal(a.Location.File, b.Location.File);
        if (order == 0) order = a.Location.StartLine.CompareTo(b.Location.StartLine);
        if (order == 0) order = a.Location.StartColumn.CompareTo(b.Location.StartColumn);
        if (order == 0) order = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (order == 0) order = string.CompareOrdinal(a.LogicalId, b.LogicalId);
        return order;
    }
}

/// <summary>One set of a run: the templates linted together, with one configuration.</summary>
/// <param name="Name">Its root as shown (<c>accounts/prod</c>), or the PATHs given.</param>
/// <param name="Config">The <c>.kmslint.yaml</c> it was linted with, as shown, or null for the defaults.</param>
/// <param name="Findings">Its reported findings (those in the named files only, when files were named).</param>
/// <param name="TemplatesLinted">Templates of the set, all of them linted together.</param>
/// <param name="FilesNotTemplates">Files of the set skipped because they are not templates.</param>
internal sealed class SetRun(string Name, string? Config, IReadOnlyList<Finding> Findings, int TemplatesLinted, int FilesNotTemplates)
{
    private readonly HashSet<object> items = new(ReferenceEqualityComparer.Instance);

    public string Name { get; } = Name;

    public string? Config { get; } = Config;

    public IReadOnlyList<Finding> Findings { get; } = Findings;

    public int TemplatesLinted { get; } = TemplatesLinted;

    public int FilesNotTemplates { get; } = FilesNotTemplates;

    /// <summary>The named files the set reports on, as shown; null when it reports on all of its files.</summary>
    public IReadOnlyList<string>? ReportedFiles { get; init; }

    /// <summary>How many of the reported files are templates: all of the set's templates unless files were named.</summary>
    public int ReportedTemplates { get; init; }

    public IReadOnlyList<DetectionSummary> Detections { get; init; } = Array.Empty<DetectionSummary>();

    public IReadOnlyList<Assumption> Assumptions { get; init; } = Array.Empty<Assumption>();

    public int Count(Level level) => LintRun.CountOf(Findings, level);

    public int SuppressedCount => Findings.Count(finding => finding.IsSuppressed);

    /// <summary>True when the finding, detection or assumption (the object itself) came from this set.</summary>
    public bool Holds(object item)
    {
        if (items.Count == 0)
            items.UnionWith(Findings.Cast<object>().Concat(Detections).Concat(Assumptions));
        return items.Contains(item);
    }
}

/// <summary>One output format of <c>kmslint lint</c>.</summary>
internal interface IReportFormatter
{
    void Write(LintRun run, TextWriter output);
}
