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
}
