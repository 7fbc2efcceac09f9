using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Tests;

public sealed class RulesAndExplainTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void RulesListsEveryRuleWithLevelAndDescription()
    {
        var result = tree.Run("rules");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal(RuleCatalog.All.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var rule = RuleCatalog.All[i];
            Assert.Matches($@"^{rule.Id}\s+{rule.DefaultLevel.ToString().ToLowerInvariant()}\s+", lines[i]);
            Assert.EndsWith(rule.ShortDescription, lines[i]);
        }
    }

    public static TheoryData<string> RuleIds()
    {
        var ids = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All)
            ids.Add(rule.Id);
        return ids;
    }

    /// <summary>The tool prints exactly the repository's page, or says plainly that the page is not written yet.</summary>
    [Theory]
    [MemberData(nameof(RuleIds))]
    public void ExplainPrintsTheRulePageOfTheRepository(string id)
    {
        var page = Path.Combine(RepositoryRoot(), "rules", id + ".md");

        var result = tree.Run("explain", id.ToLowerInvariant());

        if (File.Exists(page))
        {
            Assert.Equal(ExitCode.Success, result.ExitCode);
            Assert.Equal(File.ReadAllText(page).Replace("\r\n", "\n"), result.Stdout);
        }
        else
        {
            Assert.Equal(ExitCode.UsageError, result.ExitCode);
            Assert.Contains($"{id} has no documentation page yet", result.Stderr);
        }
    }

    [Fact]
    public void ExplainOfAnUnknownIdFails()
    {
        var result = tree.Run("explain", "KMS777");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("unknown rule id 'KMS777'", result.Stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KmsLint.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("KmsLint.sln not found above the test binaries");
    }
}
