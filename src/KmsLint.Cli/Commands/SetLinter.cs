using KmsLint.Cli.Discovery;
using KmsLint.Cli.Formatting;
using KmsLint.Templates;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>Runs the engine once per set and puts the sets' reports together into one <see cref="LintRun"/>.</summary>
internal static class SetLinter
{
    public static LintRun Lint(IReadOnlyList<LintSet> sets, CliContext context) => Run(sets, context, context.Lint, report => report).Run;

    /// <summary>
    /// Runs <paramref name="engine"/> once per set (<c>lint</c>'s engine, or <c>report</c>'s, which lints and builds the
    /// coverage report from the same graph) and puts the lint part of the results together into one <see cref="LintRun"/>.
    /// </summary>
    public static (LintRun Run, IReadOnlyList<T> Results) Run<T>(
        IReadOnlyList<LintSet> sets, CliContext context, Func<IEnumerable<TemplateSource>, LintSettings, T> engine, Func<T, LintReport> lintOf)
    {
        var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, sets.Sum(set => set.Files.Count));
        var results = sets.Select(set => RunOne(set, progress, engine)).ToList();
        progress.Done();
        var runs = sets.Zip(results, (set, result) => SetRunOf(set, lintOf(result))).ToList();

        var findings = runs.SelectMany(run => run.Findings).ToList();
        findings.Sort(LintRun.Compare);
        var lint = new LintRun(findings, runs.Sum(run => run.TemplatesLinted), runs.Sum(run => run.FilesNotTemplates), context.WorkingDirectory)
        {
            Assumptions = runs.SelectMany(run => run.Assumptions).ToList(),
            Detections = runs.SelectMany(run => run.Detections).ToList(),
            Sets = runs,
        };
        return (lint, results);
    }

    private static T RunOne<T>(LintSet set, ProgressReporter progress, Func<IEnumerable<TemplateSource>, LintSettings, T> engine)
    {
        var sources = set.Files.Select(file => new TemplateSource(file.DisplayPath, () =>
        {
            progress.FileOpened();
            return LintCommand.Open(file);
        }));
        return engine(sources, set.Config.SettingsFor(set.Files.Select(file => (file.FullPath, file.DisplayPath))));
    }

    private static SetRun SetRunOf(LintSet set, LintReport report)
    {
        var findings = WithUnreadableDirectories(report.Findings, set);
        var reported = set.ReportedFiles;
        if (reported is not null)
            findings = findings.Where(finding => reported.Contains(finding.Location.File)).ToList();
        return new SetRun(set.Name, set.Config.DisplayPath, findings, report.TemplatesLinted, report.FilesNotTemplates)
        {
            ReportedFiles = reported?.Order(StringComparer.Ordinal).ToList(),
            ReportedTemplates = reported is null ? report.TemplatesLinted : report.TemplatePaths.Count(reported.Contains),
            Detections = report.Detections,
            Assumptions = report.Assumptions,
        };
    }

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
