using System.Text.RegularExpressions;
using KmsLint.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KmsLint.Analyzers.Tests;

/// <summary>Every rule a user can see has its page, its help link, and its line in the release notes.</summary>
public sealed class RuleDocumentationTests
{
    public static TheoryData<string> RuleIds => new(Descriptors.Select(descriptor => descriptor.Id));

    private static IEnumerable<DiagnosticDescriptor> Descriptors =>
        AnalyzerRunner.AllAnalyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).DistinctBy(descriptor => descriptor.Id);

    [Fact]
    public void The_analyzers_report_KMS001_to_KMS009()
    {
        Assert.Equal(
            new[] { "KMS001", "KMS002", "KMS003", "KMS004", "KMS005", "KMS006", "KMS007", "KMS008", "KMS009" },
            Descriptors.Select(d => d.Id).Order());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_help_link_to_its_page_and_the_page_explains_it(string ruleId)
    {
        var descriptor = Descriptors.Single(d => d.Id == ruleId);
        Assert.Equal($"https://github.com/kmslint/kmslint/blob/main/rules/{ruleId}.md", descriptor.HelpLinkUri);
        Assert.Equal("Security", descriptor.Category);
        Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);

        var page = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "rules", ruleId + ".md"));
        Assert.StartsWith($"# {ruleId}", page);
        foreach (var section in new[] { "## Why it matters", "## Bad", "## Good", "## Options", "## Suppressing" })
        {
            Assert.Contains(section, page);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_tracked_in_the_analyzer_release_notes(string ruleId)
    {
        var descriptor = Descriptors.Single(d => d.Id == ruleId);
        var releases = string.Concat(
            File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "KmsLint.Analyzers", "AnalyzerReleases.Shipped.md")),
            File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "KmsLint.Analyzers", "AnalyzerReleases.Unshipped.md")));

        Assert.Matches(new Regex($@"^{ruleId} \| {descriptor.Category} \| {descriptor.DefaultSeverity} \|", RegexOptions.Multiline), releases);
    }
}
