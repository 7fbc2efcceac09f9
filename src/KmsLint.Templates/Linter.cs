using KmsLint.Templates.Findings;
using KmsLint.Templates.Pipeline;

namespace KmsLint.Templates;

/// <summary>One file to lint: <paramref name="Path"/> is what findings show (as the user gave it); <paramref name="Open"/> opens its bytes.</summary>
public sealed record TemplateSource(string Path, Func<Stream> Open)
{
    /// <summary>The size in bytes when known before opening (a git object): a file over the limit is then skipped unread.</summary>
    public long? Length { get; init; }
}

/// <summary>
/// The outcome of a run: findings (sorted, levels applied, suppressed ones marked), what was looked at, and the
/// assumptions the linter made to link templates (each one the user can confirm in <c>.kmslint.yaml</c>).
/// </summary>
public sealed record LintReport(IReadOnlyList<Finding> Findings, int TemplatesLinted, int FilesNotTemplates)
{
    public IReadOnlyList<Assumption> Assumptions { get; init; } = Array.Empty<Assumption>();

    /// <summary>The paths of the files that were templates (<see cref="TemplatesLinted"/> of them), as the sources named them.</summary>
    public IReadOnlyList<string> TemplatePaths { get; init; } = Array.Empty<string>();

    /// <summary>Every detection route of the set (forwarders excluded), with its status per event and worst-case time to detect.</summary>
    public IReadOnlyList<Routes.DetectionSummary> Detections { get; init; } = Array.Empty<Routes.DetectionSummary>();
}

/// <summary>The engine's entry point: parse every file once, build the repository graph, run every rule.</summary>
public static class Linter
{
    /// <summary>
    /// Lints the sources as one set (cross-template references are resolved between them).
    /// Findings are sorted by file, line, column and rule id; levels are the effective ones (rules set to off
    /// are omitted); suppressed findings are included with <see cref="Finding.Suppression"/> set.
    /// Never throws for bad input: unreadable, oversized or broken files become findings.
    /// </summary>
    public static LintReport Lint(IEnumerable<TemplateSource> sources, LintSettings settings) =>
        LintPipeline.Run(sources, settings);

    /// <summary>
    /// Lints the sources as <see cref="Lint"/> does and builds, from the same graph (each file parsed once), the report
    /// of what is monitored: keys, routes with the findings on their links, and the summary figures.
    /// </summary>
    public static ReportResult Report(IEnumerable<TemplateSource> sources, LintSettings settings)
    {
        var (lint, graph) = LintPipeline.RunWithGraph(sources, settings);
        return new ReportResult(lint, Reporting.CoverageReport.Build(graph, lint.Findings));
    }
}

/// <summary>A lint run and the coverage report built from the same graph.</summary>
public sealed record ReportResult(LintReport Lint, Reporting.CoverageReport Coverage);
