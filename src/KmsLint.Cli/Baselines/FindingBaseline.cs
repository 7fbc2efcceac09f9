using KmsLint.Cli.Discovery;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Baselines;

/// <summary>
/// Suppresses (kind baseline) the findings a baseline accepts, set by set, before the findings are narrowed to the named
/// files: a baseline covers the repository, whichever files a hook names.
/// </summary>
internal abstract class FindingBaseline(string fullPath, string displayPath, CliContext context)
{
    /// <summary>The baseline file as shown: where its suppressions point.</summary>
    public string DisplayPath { get; } = displayPath;

    private readonly string directory = Path.GetDirectoryName(fullPath)!;

    /// <summary>The set's findings with the accepted ones suppressed.</summary>
    public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, LintSet set)
    {
        var lines = new SourceLines(set);
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            // Internal errors are checks that did not run: nothing accepts them.
            if (finding.IsSuppressed || finding.RuleId == RuleCatalog.InternalError.Id)
            {
                result.Add(finding);
                continue;
            }
            var entry = new BaselineEntry(finding.RuleId, RelativeFile(finding.Location.File), finding.LogicalId,
                Fingerprint.Of(finding, lines.Line(finding.Location.File, finding.Location.StartLine)), finding.Message);
            result.Add(Accept(entry) is { } line
                ? finding with { Suppression = new Suppression(SourceSpan.StartOf(DisplayPath) with { StartLine = line, EndLine = line }, null, SuppressionKind.Baseline) }
                : finding);
        }
        return result;
    }

    /// <summary>The baseline's line that accepts the finding, or null.</summary>
    protected abstract int? Accept(BaselineEntry finding);

    /// <summary>A finding's file relative to the baseline's folder, with '/' separators.</summary>
    protected string RelativeFile(string shownFile) =>
        Path.GetRelativePath(directory, context.FullPath(shownFile)).Replace('\\', '/');
}

/// <summary><c>--baseline FILE</c>: accepts each entry's finding once; what is left over is stale.</summary>
internal sealed class BaselineMatcher : FindingBaseline
{
    private readonly Dictionary<(string, string, string, string), Queue<BaselineEntry>> pending = new();

    public BaselineMatcher(string fullPath, string displayPath, CliContext context)
        : base(fullPath, displayPath, context)
    {
        foreach (var entry in BaselineFile.Read(fullPath, displayPath))
        {
            if (!pending.TryGetValue(entry.Key, out var queue))
                pending[entry.Key] = queue = new Queue<BaselineEntry>();
            queue.Enqueue(entry);
        }
    }

    protected override int? Accept(BaselineEntry finding) =>
        pending.TryGetValue(finding.Key, out var queue) && queue.TryDequeue(out var entry) ? entry.Line : null;

    /// <summary>Entries that accepted no finding although their file was linted: the finding was fixed (or changed).</summary>
    public IReadOnlyList<BaselineEntry> Stale(IEnumerable<LintSet> sets)
    {
        var linted = new HashSet<string>(sets.SelectMany(set => set.Files).Select(file => RelativeFile(file.DisplayPath)), StringComparer.Ordinal);
        return pending.Values.SelectMany(queue => queue).Where(entry => linted.Contains(entry.File)).OrderBy(entry => entry.Line).ToList();
    }
}

/// <summary><c>--create-baseline FILE</c>: records every unsuppressed finding and accepts it, for the file written after the run.</summary>
internal sealed class BaselineRecorder(ReportOutput destination, CliContext context)
    : FindingBaseline(destination.FullPath!, context.DisplayPath(destination.FullPath!), context)
{
    private readonly List<BaselineEntry> entries = new();

    /// <summary>Where the baseline is written (atomically), once the run is over.</summary>
    public ReportOutput Destination { get; } = destination;

    public IReadOnlyList<BaselineEntry> Entries => entries;

    protected override int? Accept(BaselineEntry finding)
    {
        entries.Add(finding);
        return BaselineFile.FirstEntryLine + entries.Count - 1;
    }
}
