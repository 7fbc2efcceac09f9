using KmsLint.Templates.Findings;
using KmsLint.Templates.Rules;

namespace KmsLint.Templates.Tests;

/// <summary>
/// Every rule of the catalogue that checks templates (ids below KMS900; KMS9xx are reported by the pipeline itself)
/// runs — it is registered in <see cref="RuleRegistry"/> once — and has its fixtures, <c>Fixtures/ID/good</c> and
/// <c>bad</c>; and every registered rule reports a rule of the catalogue.
/// </summary>
public sealed class RuleRegistryTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static TheoryData<string> TemplateRuleIds()
    {
        var ids = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All.Where(IsTemplateRule))
            ids.Add(rule.Id);
        return ids;
    }

    [Theory]
    [MemberData(nameof(TemplateRuleIds))]
    public void Rule_is_registered_once_and_has_good_and_bad_fixtures(string id)
    {
        Assert.Single(RuleRegistry.All, rule => rule.Descriptor.Id == id);
        foreach (var kind in new[] { "good", "bad" })
        {
            var folder = Path.Combine(FixtureRoot, id, kind);
            Assert.True(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(),
                $"{id} has no fixtures in tests/KmsLint.Templates.Tests/Fixtures/{id}/{kind}");
        }
    }

    [Fact]
    public void Every_registered_rule_reports_a_template_rule_of_the_catalogue()
    {
        foreach (var rule in RuleRegistry.All)
        {
            Assert.Same(RuleCatalog.Find(rule.Descriptor.Id), rule.Descriptor);
            Assert.True(IsTemplateRule(rule.Descriptor), $"{rule.GetType().Name} reports {rule.Descriptor.Id}, which the pipeline reports itself");
        }
    }

    private static bool IsTemplateRule(RuleDescriptor rule) => string.CompareOrdinal(rule.Id, "KMS900") < 0;
}
