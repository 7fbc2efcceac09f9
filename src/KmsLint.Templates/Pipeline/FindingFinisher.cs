using KmsLint.Templates.Findings;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.Pipeline;

/// <summary>
/// The last step of a run: each finding gets the level configured for its file, the template's <c>kmslint: ignore:</c>
/// entry that suppresses it, and the CDK construct path of its resource; then every ignore entry that suppressed nothing
/// (stale, or refused for lack of a reason) is reported as KMS903, so suppressions do not outlive what they were for.
/// </summary>
internal sealed class FindingFinisher
{
    private readonly Dictionary<string, Template> templateByPath = new(StringComparer.Ordinal);
    private readonly LintSettings settings;
    private readonly HashSet<string> rulesRun;
    /// <summary>Where the entries that suppressed something are written: the resources a loop generates share their entries' places.</summary>
    private readonly HashSet<SourceSpan> used = new();

    /// <param name="rulesRun">The ids of the rules that ran to the end: only their entries can be stale.</param>
    public FindingFinisher(IEnumerable<Template> templates, LintSettings settings, HashSet<string> rulesRun)
    {
        foreach (var template in templates)
        {
            templateByPath[template.Path] = template;
        }

        this.settings = settings;
        this.rulesRun = rulesRun;
    }

    public List<Finding> Finish(IEnumerable<Finding> findings)
    {
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            if (Finished(finding) is { } finished)
            {
                result.Add(finished);
            }
        }

        // Entries of KMS903 itself only suppress: reporting them would chase its own tail.
        var reported = new HashSet<SourceSpan>();
        foreach (var (template, resource, entry) in Entries().Where(item => !used.Contains(item.Entry.Location) && item.Entry.RuleId != RuleCatalog.IneffectiveSuppression.Id))
        {
            if (!reported.Add(entry.Location))
            {
                continue;
            }

            if (IneffectiveMessage(template, entry) is { } message &&
                Finished(new Finding(RuleCatalog.IneffectiveSuppression.Id, RuleCatalog.IneffectiveSuppression.DefaultLevel, message, entry.Location, resource?.LogicalId)) is { } ineffective)
            {
                result.Add(ineffective);
            }
        }

        result.Sort(Compare);
        return result;
    }

    /// <summary>The finding at its file's level, suppressed or not, with its construct path; null when its rule is off there.</summary>
    private Finding? Finished(Finding finding)
    {
        var rule = RuleCatalog.Find(finding.RuleId);
        var level = rule is null ? finding.Level : settings.EffectiveLevel(rule, finding.Location.File);
        if (level is not { } configured)
        {
            return null;
        }

        // A rule says "cannot verify" as a note (and milder cases as a warning) below its own level; configuration
        // changes the rule's level, never raises those.
        var effective = rule is not null && finding.Level < rule.DefaultLevel && finding.Level < configured ? finding.Level : configured;
        if (!templateByPath.TryGetValue(finding.Location.File, out var template))
        {
            return finding with { Level = effective };
        }

        var resource = finding.LogicalId is null ? null : template.FindResource(finding.LogicalId);
        return finding with { Level = effective, Suppression = SuppressionOf(finding, template, resource), ConstructPath = resource?.ConstructPath };
    }

    /// <summary>
    /// The resource's own ignore entry wins over the template's; both count as used. An internal error is never
    /// suppressed: it is a check that did not run.
    /// </summary>
    private Suppression? SuppressionOf(Finding finding, Template template, Resource? resource)
    {
        if (finding.RuleId == RuleCatalog.InternalError.Id)
        {
            return null;
        }

        var own = Find(resource?.Suppressions, finding.RuleId);
        var templateWide = Find(template.Suppressions, finding.RuleId);
        var entry = own ?? templateWide;
        if (entry is null)
        {
            return null;
        }

        used.Add(entry.Location);
        if (templateWide is not null)
        {
            used.Add(templateWide.Location);
        }

        return new Suppression(entry.Location, entry.Reason);
    }

    /// <summary>The entry naming the rule; with <see cref="LintSettings.RequireSuppressionReason"/>, only one that gives a reason.</summary>
    private SuppressionEntry? Find(IReadOnlyList<SuppressionEntry>? entries, string ruleId) =>
        entries?.FirstOrDefault(entry => string.Equals(entry.RuleId, ruleId, StringComparison.OrdinalIgnoreCase) && !LacksRequiredReason(entry));

    private bool LacksRequiredReason(SuppressionEntry entry) =>
        settings.RequireSuppressionReason && string.IsNullOrWhiteSpace(entry.Reason);

    /// <summary>Why an entry that suppressed nothing is worth a finding, or null when it is not (its rule did not run there).</summary>
    private string? IneffectiveMessage(Template template, SuppressionEntry entry)
    {
        if (LacksRequiredReason(entry))
        {
            return $"The ignore entry for {entry.RuleId} gives no reason, and suppressions.require_reason in .kmslint.yaml asks for one, so it suppresses nothing. "
                   + $"Write it as {{id: {entry.RuleId}, reason: \"why this finding is accepted\"}}.";
        }

        if (entry.RuleId == RuleCatalog.InternalError.Id)
        {
            return $"{entry.RuleId} cannot be suppressed: an internal error is a check that did not run. Remove the entry.";
        }

        var rule = RuleCatalog.Find(entry.RuleId);
        if (rule is null || !rulesRun.Contains(rule.Id) || settings.EffectiveLevel(rule, template.Path) is null)
        {
            return null;
        }

        return $"The ignore entry for {entry.RuleId} suppresses nothing: {entry.RuleId} reports nothing here any more. Remove the entry, so that it does not hide the next such finding unseen.";
    }

    private IEnumerable<PlacedEntry> Entries()
    {
        foreach (var template in templateByPath.Values)
        {
            foreach (var entry in template.Suppressions)
            {
                yield return new PlacedEntry(template, null, entry);
            }

            foreach (var resource in template.Resources)
            {
                foreach (var entry in resource.Suppressions)
                {
                    yield return new PlacedEntry(template, resource, entry);
                }
            }
        }
    }

    /// <summary>An ignore entry and where it is written (a class: LINQ over value tuples is JIT-compiled at every start).</summary>
    private sealed record PlacedEntry(Template Template, Resource? Resource, SuppressionEntry Entry);

    private static int Compare(Finding a, Finding b)
    {
        var byFile = string.CompareOrdinal(a.Location.File, b.Location.File);
        if (byFile != 0)
        {
            return byFile;
        }

        var byLine = a.Location.StartLine.CompareTo(b.Location.StartLine);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = a.Location.StartColumn.CompareTo(b.Location.StartColumn);
        if (byColumn != 0)
        {
            return byColumn;
        }

        // List.Sort is unstable, and resources a loop generates share the place of its body: ids and messages keep the order stable.
        var byRule = string.CompareOrdinal(a.RuleId, b.RuleId);
        var byResource = byRule != 0 ? byRule : string.CompareOrdinal(a.LogicalId, b.LogicalId);
        return byResource != 0 ? byResource : string.CompareOrdinal(a.Message, b.Message);
    }
}
