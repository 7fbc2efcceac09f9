using KmsLint.Cli.Commands;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Tests;

public sealed class RulesAndExplainTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void RulesListsEveryRuleOfBothProductsWithLevelProductAndDescription()
    {
        var result = tree.Run("rules");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal(KnownRules.All.Count, lines.Length);
        Assert.Equal(RuleCatalog.All.Count + AnalyzerRules.All.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var (rule, product) = KnownRules.All[i];
            Assert.Matches($@"^{rule.Id}\s+{rule.DefaultLevel.ToString().ToLowerInvariant()}\s+{product.ToString().ToLowerInvariant()}\s+", lines[i]);
            Assert.EndsWith(rule.ShortDescription, lines[i]);
        }
        Assert.StartsWith("KMS001  warning  analyzer  ", lines[0]);
        Assert.Contains("KMS203  error    linter    The metric filter watches a log group that no trail delivers to.", lines);
    }

    /// <summary>The tool prints exactly the repository's page, for the linter's rules and the analyzer's.</summary>
    [Theory]
    [MemberData(nameof(RuleCatalogTests.RuleIds), MemberType = typeof(RuleCatalogTests))]
    public void ExplainPrintsTheRulePageOfTheRepository(string id)
    {
        var page = Path.Combine(ExternalTools.RepositoryRoot, "rules", id + ".md");

        var result = tree.Run("explain", id.ToLowerInvariant());

        Assert.True(result.ExitCode == ExitCode.Success, result.Stderr);
        Assert.Equal(File.ReadAllText(page).Replace("\r\n", "\n"), result.Stdout);
    }

    [Fact]
    public void ExplainOfAnUnknownIdFails()
    {
        var result = tree.Run("explain", "KMS777");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("unknown rule id 'KMS777'", result.Stderr);
    }
}
