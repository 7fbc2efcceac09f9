using KmsLint.Templates.Findings;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

/// <summary>KMS304 counts exactly the tag keys <c>detection.runbook_tags</c> names (AWS tag keys are case-sensitive).</summary>
public class RunbookTagSettingsTests
{
    private static readonly string TaggedRule = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "KMS304", "good", "rule-tagged-with-runbook.yaml"));

    [Fact]
    public void A_tag_counts_only_when_its_key_is_one_of_the_configured_runbook_tags()
    {
        Assert.Empty(Lint(TaggedRule).OfRule(RuleCatalog.RunbookLinkMissing)); // "Runbook" is a default

        var playbookOnly = LintSettings.Default with { RunbookTagKeys = new[] { "playbook" } };
        var finding = Assert.Single(Lint(TaggedRule, settings: playbookOnly).OfRule(RuleCatalog.RunbookLinkMissing));
        Assert.Contains("or a tag playbook: https://...", finding.Message);

        Assert.Empty(Lint(TaggedRule.Replace("Key: Runbook", "Key: playbook"), settings: playbookOnly).OfRule(RuleCatalog.RunbookLinkMissing));
        Assert.Single(Lint(TaggedRule.Replace("Key: Runbook", "Key: RUNBOOK")).OfRule(RuleCatalog.RunbookLinkMissing));
    }
}
