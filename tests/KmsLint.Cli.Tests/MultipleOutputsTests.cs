using System.Text.Json;

namespace KmsLint.Cli.Tests;

/// <summary>Several reports from one run: the findings in the CI log and SARIF for code scanning, without linting twice.</summary>
public sealed class MultipleOutputsTests : IDisposable
{
    private readonly TempTree tree = new();

    public MultipleOutputsTests()
    {
        tree.ConfigEnabling(("KMS403", "warning"));
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);
    }

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Github_to_the_log_and_sarif_to_a_file_in_one_run()
    {
        var result = tree.Run("lint", "--format", "github", "--format", "sarif", "--output", "kmslint.sarif");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.StartsWith("::warning file=stacks/keys.yaml,line=6,", result.StdoutLines[0]);
        Assert.Equal("0 errors, 1 warning, 0 notes (0 suppressed) in 1 template", result.StdoutLines[^1]);
        Assert.Equal("", result.Stderr);
        using var sarif = JsonDocument.Parse(File.ReadAllText(tree.PathOf("kmslint.sarif")));
        Assert.Equal("KMS403", sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("ruleId").GetString());
    }

    [Fact]
    public void Every_format_to_a_file_leaves_the_summary_line_on_stderr()
    {
        var result = tree.Run("lint", "-f", "json", "-o", "kmslint.json", "-f", "junit", "-o", "reports/junit.xml");
        var quiet = tree.Run("lint", "-f", "json", "-o", "quiet.json", "-q");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("0 errors, 1 warning, 0 notes (0 suppressed) in 1 template\n", result.Stderr);
        Assert.StartsWith("{", File.ReadAllText(tree.PathOf("kmslint.json")));
        Assert.StartsWith("<?xml", File.ReadAllText(tree.PathOf("reports/junit.xml")));
        Assert.Equal((ExitCode.Findings, "", ""), (quiet.ExitCode, quiet.Stdout, quiet.Stderr));
    }

    [Fact]
    public void A_single_format_may_come_after_its_output_as_cfn_lint_users_write_it()
    {
        var result = tree.Run("lint", "--output", "kmslint.json", "--format", "json");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.StartsWith("{", File.ReadAllText(tree.PathOf("kmslint.json")));
    }

    [Theory]
    [InlineData(new[] { "-f", "text", "-f", "pretty" }, "text and pretty would both go to standard output")]
    [InlineData(new[] { "-o", "a.json", "-f", "json", "-f", "sarif" }, "--output 'a.json' comes before every --format")]
    [InlineData(new[] { "-f", "json", "-o", "a.json", "-o", "b.json" }, "--output 'b.json' has no --format of its own")]
    [InlineData(new[] { "-f", "json", "-o", "same.out", "-f", "sarif", "-o", "same.out" }, "--output 'same.out' is given for two formats")]
    [InlineData(new[] { "-f", "json", "-o", "stacks/keys.yaml" }, "--output 'stacks/keys.yaml' is a CloudFormation template")]
    public void Pairs_that_cannot_be_meant_are_usage_errors_before_anything_is_written(string[] options, string expected)
    {
        var result = tree.Run(new[] { "lint" }.Concat(options).ToArray());

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Equal(new[] { ".kmslint.yaml", "stacks" }, Directory.GetFileSystemEntries(tree.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_github_actions_sample_prints_findings_in_the_log_and_uploads_sarif_from_the_same_run()
    {
        var workflow = File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, "samples", "ci", "github-actions.yml"));
        // The step's command outside a pull request (on one, the same with --base origin/<base branch>).
        var commands = workflow.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("kmslint lint", StringComparison.Ordinal)).ToList();
        var lint = Assert.Single(commands, line => !line.Contains("--base", StringComparison.Ordinal));

        var result = tree.Run(lint["kmslint ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal("kmslint lint --format github --format sarif --output kmslint.sarif", lint);
        Assert.Contains("kmslint lint --base \"origin/$BASE_REF\" --format github --format sarif --output kmslint.sarif", commands);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("::warning file=stacks/keys.yaml", StringComparison.Ordinal));
        Assert.True(File.Exists(tree.PathOf("kmslint.sarif")));
        Assert.Contains("sarif_file: kmslint.sarif", workflow);
    }
}
