using KmsLint.Cli.Baselines;
using KmsLint.Cli.ChangeControl;
using KmsLint.Cli.Discovery;
using KmsLint.Cli.Formatting;
using KmsLint.Templates;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>Runs the engine once per set and puts the sets' reports together into one <see cref="LintRun"/>.</summary>
internal static class SetLinter
{
    /// <param name="baseline">Suppresses the findings a baseline accepts (or records them all), before they are narrowed to named files.</param>
    /// <param name="change">With <c>--base</c>: the comparison with the base version (and, with <c>--staged</c>, the index as the linted files).</param>
    /// <param name="showProgress">False for <c>--quiet</c>: not even a terminal's progress line.</param>
    public static LintRun Lint(IReadOnlyList<LintSet> sets, CliContext context, FindingBaseline? baseline = null, ChangeComparison? change = null, bool showProgress = true) =>
        Run(sets, context, context.Lint, report => report, baseline, change, showProgress).Run;

    /// <summary>
    /// Runs <paramref name="engine"/> once per set (<c>lint</c>'s engine, or <c>report</c>'s, which lints and builds the
    /// coverage report from the same graph) and puts the lint part of the results together into one <see cref="LintRun"/>.
    /// </summary>
    public static (LintRun Run, IReadOnlyList<T> Results) Run<T>(
        IReadOnlyList<LintSet> sets, CliContext context, Func<IEnumerable<TemplateSource>, LintSettings, T> engine, Func<T, LintReport> lintOf,
        FindingBaseline? baseline = null, ChangeComparison? change = null, bool showProgress = true)
    {
        if (change is { Staged: true })
        {
            foreach (var set in sets)
            {
                set.Files = change.DiscoverStaged(set.Roots, path => Selects(set, sets, path)).ToList();
            }
        }

        var progress = new ProgressReporter(context.Stderr, showProgress && context.StderrIsTerminal, sets.Sum(set => set.Files.Count));
        // The comparison's staged changes belong to the set it was last asked about, so they are taken right after each run.
        // (Loops over plain lists: LINQ over value tuples is JIT-compiled at every start.)
        var results = new List<T>(sets.Count);
        var stagedChanges = new List<IReadOnlySet<string>?>(sets.Count);
        foreach (var set in sets)
        {
            results.Add(RunOne(set, sets, progress, engine, change));
            stagedChanges.Add(change?.StagedChanges);
        }

        progress.Done();
        var runs = new List<SetRun>(sets.Count);
        for (var i = 0; i < sets.Count; i++)
        {
            runs.Add(SetRunOf(sets[i], lintOf(results[i]), stagedChanges[i], baseline, context.Log));
        }

        var findings = runs.SelectMany(run => run.Findings).ToList();
        findings.Sort(LintRun.Compare);
        var lint = new LintRun(findings, runs.Sum(run => run.TemplatesLinted), runs.Sum(run => run.FilesNotTemplates), context.WorkingDirectory)
        {
            Assumptions = runs.SelectMany(run => run.Assumptions).ToList(),
            Detections = runs.SelectMany(run => run.Detections).ToList(),
            Sets = runs,
            UsesBaseline = baseline is not null,
        };
        return (lint, results);
    }

    private static T RunOne<T>(LintSet set, IReadOnlyList<LintSet> sets, ProgressReporter progress, Func<IEnumerable<TemplateSource>, LintSettings, T> engine, ChangeComparison? change)
    {
        var settings = set.Config.SettingsFor(set.Files);
        var sources = set.Files.Select(file =>
        {
            var source = change?.StagedSource(file) ?? new TemplateSource(file.DisplayPath, () => LintCommand.Open(file, settings.MaxFileBytes));
            return source with { Open = () => { progress.FileOpened(); return source.Open(); } };
        });
        if (change is not null)
        {
            settings = settings with { Baseline = change.BaselineFor(set.Files, set.Roots, path => Selects(set, sets, path)) };
        }

        return engine(sources, settings);
    }

    private static SetRun SetRunOf(LintSet set, LintReport report, IReadOnlySet<string>? stagedChanges, FindingBaseline? baseline, VerboseLog log)
    {
        if (log.IsOn)
            LogFiles(set, report, log);
        var findings = WithUnreadableDirectories(report.Findings, set);
        if (baseline is not null)
            findings = baseline.Apply(findings, set);
        // Files the user named are the run's subject; the staged changes only narrow what is shown, the index is what was linted.
        var named = set.ReportedFiles;
        var reported = named ?? stagedChanges;
        // A change-control finding is about the change as a whole, whichever file it is placed in.
        if (reported is not null)
            findings = findings.Where(finding => reported.Contains(finding.Location.File) || RuleCatalog.ChangeControl.Any(rule => rule.Id == finding.RuleId)).ToList();
        return new SetRun(set.Name, set.Config.DisplayPath, findings, report.TemplatesLinted, report.FilesNotTemplates)
        {
            ReportedFiles = named?.Order(StringComparer.Ordinal).ToList(),
            ReportedTemplates = named is null ? report.TemplatesLinted : report.TemplatePaths.Count(named.Contains),
            Detections = report.Detections,
            Assumptions = report.Assumptions,
        };
    }

    /// <summary><c>--verbose</c>: each file of the set, linted as a template or skipped, and why.</summary>
    private static void LogFiles(LintSet set, LintReport report, VerboseLog log)
    {
        var templates = new HashSet<string>(report.TemplatePaths, StringComparer.Ordinal);
        foreach (var file in set.Files)
        {
            var rule = report.Findings.FirstOrDefault(finding => finding.Location.File == file.DisplayPath &&
                (finding.RuleId == RuleCatalog.TemplateDoesNotParse.Id || finding.RuleId == RuleCatalog.FileSkipped.Id))?.RuleId;
            log.Write(templates.Contains(file.DisplayPath) ? $"linted {file.DisplayPath}: a template"
                : rule == RuleCatalog.TemplateDoesNotParse.Id ? $"linted {file.DisplayPath}: looks like a template but does not parse ({rule})"
                : rule == RuleCatalog.FileSkipped.Id ? $"skipped {file.DisplayPath}: could not be read or is too large ({rule})"
                : $"skipped {file.DisplayPath}: not a CloudFormation template");
        }
    }

    /// <summary>
    /// Whether a file known from git (the index, a commit) is one of this set's: a walk of the set's roots would lint it,
    /// and no set nested in it holds it.
    /// </summary>
    private static bool Selects(LintSet set, IReadOnlyList<LintSet> sets, string fullPath) =>
        TemplateDiscovery.Selects(fullPath, set.Roots, set.Config.Excludes)
        && sets.Where(candidate => candidate.Contains(fullPath)).MaxBy(candidate => candidate.RootFullPath.Length) is var owner
        && (owner is null || ReferenceEquals(owner, set));

    /// <summary>Directories the walk could not list become KMS902 findings, at the configured level, in sorted place.</summary>
    private static IReadOnlyList<Finding> WithUnreadableDirectories(IReadOnlyList<Finding> findings, LintSet set)
    {
        if (set.UnreadableDirectories.Count == 0 || set.Config.Settings.EffectiveLevel(RuleCatalog.FileSkipped) is not { } level)
            return findings;
        var all = findings.ToList();
        all.AddRange(set.UnreadableDirectories.Select(directory => new Finding(
            RuleCatalog.FileSkipped.Id, level,
            $"Directory '{directory.DisplayPath}' could not be read ({directory.Reason}), so its templates were not linted.",
            SourceSpan.StartOf(directory.DisplayPath))));
        all.Sort(LintRun.Compare);
        return all;
    }
}
