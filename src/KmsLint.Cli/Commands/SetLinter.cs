using KmsLint.Cli.Baselines;
using KmsLint.Cli.Discovery;
using KmsLint.Cli.Formatting;
using KmsLint.Templates;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>Runs the engine once per set and puts the sets' reports together into one <see cref="LintRun"/>.</summary>
internal static class SetLinter
{
    /// <param name="baseline">Suppresses the findings a baseline accepts (or records them all), before they are narrowed to named files.</param>
    /// <param name="showProgress">False for <c>--quiet</c>: not even a terminal's progress line.</param>
    public static LintRun Lint(IReadOnlyList<LintSet> sets, CliContext context, FindingBaseline? baseline = null, bool showProgress = true)
    {
        var progress = new ProgressReporter(context.Stderr, showProgress && context.StderrIsTerminal, sets.Sum(set => set.Files.Count));
        var runs = sets.Select(set => LintOne(set, context, progress, baseline)).ToList();
        progress.Done();

        var findings = runs.SelectMany(run => run.Findings).ToList();
        findings.Sort(LintRun.Compare);
        return new LintRun(findings, runs.Sum(run => run.TemplatesLinted), runs.Sum(run => run.FilesNotTemplates), context.WorkingDirectory)
        {
            Assumptions = runs.SelectMany(run => run.Assumptions).ToList(),
            Detections = runs.SelectMany(run => run.Detections).ToList(),
            Sets = runs,
            UsesBaseline = baseline is not null,
        };
    }

    private static SetRun LintOne(LintSet set, CliContext context, ProgressReporter progress, FindingBaseline? baseline)
    {
        var settings = set.Config.SettingsFor(set.Files.Select(file => (file.FullPath, file.DisplayPath)));
        var sources = set.Files.Select(file => new TemplateSource(file.DisplayPath, () =>
        {
            progress.FileOpened();
            return LintCommand.Open(file, settings.MaxFileBytes);
        }));
        var report = context.Lint(sources, settings);
        if (context.Log.IsOn)
            LogFiles(set, report, context.Log);

        var findings = WithUnreadableDirectories(report.Findings, set);
        if (baseline is not null)
            findings = baseline.Apply(findings, set);
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
