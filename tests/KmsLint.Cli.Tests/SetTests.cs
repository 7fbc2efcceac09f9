using System.Text.Json;

namespace KmsLint.Cli.Tests;

/// <summary>
/// Which templates are linted together: one named file is linted with its whole repository; a folder with its own
/// <c>.kmslint.yaml</c>, or named by <c>sets:</c>, is a set of its own; and a run that finds no template fails.
/// The complete chain is the bundled sample <c>samples/templates/monitoring-stack</c> (four templates and a config).
/// </summary>
public sealed class SetTests : IDisposable
{
    private static readonly string CompleteChain = Path.Combine(ExternalTools.RepositoryRoot, "samples", "templates", "monitoring-stack");

    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    /// <summary>A key of an app team: tagged and retained, so only the repository rules have something to say.</summary>
    private const string TaggedKey =
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources:\n" +
        "  DevKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    DeletionPolicy: Retain\n" +
        "    UpdateReplacePolicy: Retain\n" +
        "    Properties:\n" +
        "      Tags: [{Key: Owner, Value: dev}, {Key: Purpose, Value: tests}, {Key: CostCenter, Value: '1'}]\n";

    private void CopyCompleteChain(string folder, bool withConfig = true)
    {
        foreach (var file in Directory.GetFiles(CompleteChain))
        {
            if (withConfig || Path.GetFileName(file) != ".kmslint.yaml")
                tree.Write(Path.Combine(folder, Path.GetFileName(file)), File.ReadAllText(file));
        }
    }

    [Fact]
    public void One_named_file_is_linted_with_the_templates_of_its_repository()
    {
        CopyCompleteChain("stacks");

        var result = tree.RunIn(tree.PathOf("stacks"), "lint", "detection.yaml");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in detection.yaml, linted with the 4 templates of set . (config .kmslint.yaml)" },
            result.StdoutLines);
    }

    [Fact]
    public void Without_a_config_the_git_root_is_the_repository_of_a_named_file()
    {
        CopyCompleteChain("stacks/monitoring", withConfig: false);
        Directory.CreateDirectory(tree.PathOf(".git"));
        tree.Write("stacks/keys/app.yaml", Templates.DisabledKey);

        var detection = tree.Run("lint", "stacks/monitoring/detection.yaml");
        var keys = tree.Run("lint", "stacks/keys/app.yaml");

        // The trail, alarm and topic in the other files of the repository complete detection.yaml's chain.
        Assert.Equal(ExitCode.Success, detection.ExitCode);
        Assert.EndsWith("in stacks/monitoring/detection.yaml, linted with the 5 templates of set . (no .kmslint.yaml)", detection.StdoutLines.Last());
        // Only the named file's findings: keys.yaml of the monitoring stack lacks nothing, app.yaml's key is disabled.
        Assert.Equal(ExitCode.Findings, keys.ExitCode);
        Assert.All(keys.StdoutLines.SkipLast(1), line => Assert.StartsWith("stacks/keys/app.yaml:", line));
        Assert.Contains(keys.StdoutLines, line => line.Contains(" KMS403: "));
    }

    [Fact]
    public void Outside_any_repository_a_named_file_is_linted_with_its_folder()
    {
        CopyCompleteChain("a", withConfig: false);
        tree.Write("b/keys.yaml", TaggedKey);

        var result = tree.Run("lint", "b/keys.yaml");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("b/keys.yaml:1:1: error KMS100: ", StringComparison.Ordinal));
        Assert.EndsWith("in b/keys.yaml, linted with the 1 template of set b (no .kmslint.yaml)", result.StdoutLines.Last());
    }

    [Fact]
    public void A_folder_with_its_own_config_is_a_set_of_its_own_so_another_accounts_trail_does_not_cover_it()
    {
        CopyCompleteChain("accounts/prod");
        tree.Write("accounts/dev/.kmslint.yaml", "tags:\n  required: [Owner, Purpose, CostCenter]\n");
        tree.Write("accounts/dev/keys.yaml", TaggedKey);

        var text = tree.Run("lint", ".");
        var json = tree.Run("lint", ".", "--format", "json");

        Assert.Equal(ExitCode.Findings, text.ExitCode);
        Assert.Contains(text.StdoutLines, line => line.StartsWith("accounts/dev/keys.yaml:1:1: error KMS100: ", StringComparison.Ordinal));
        Assert.DoesNotContain(text.StdoutLines, line => line.StartsWith("accounts/prod/", StringComparison.Ordinal));
        Assert.Equal(new[]
        {
            "set accounts/dev (config accounts/dev/.kmslint.yaml): 2 errors, 0 warnings, 0 notes (0 suppressed) in 1 template",
            "set accounts/prod (config accounts/prod/.kmslint.yaml): 0 errors, 0 warnings, 0 notes (0 suppressed) in 4 templates",
            "2 errors, 0 warnings, 0 notes (0 suppressed) in 5 templates of 2 sets",
        }, text.StdoutLines.TakeLast(3));

        using var report = JsonDocument.Parse(json.Stdout);
        var sets = report.RootElement.GetProperty("sets").EnumerateArray()
            .Select(set => (set.GetProperty("root").GetString()!, set.GetProperty("config").GetString()!, set.GetProperty("templatesLinted").GetInt32()));
        Assert.Equal(new[] { ("accounts/dev", "accounts/dev/.kmslint.yaml", 1), ("accounts/prod", "accounts/prod/.kmslint.yaml", 4) }, sets);
        Assert.All(report.RootElement.GetProperty("findings").EnumerateArray(), finding => Assert.Equal("accounts/dev", finding.GetProperty("set").GetString()));
    }

    [Fact]
    public void Sets_declared_in_the_root_config_are_linted_each_on_its_own_with_that_config()
    {
        CopyCompleteChain("accounts/prod", withConfig: false);
        tree.Write("accounts/dev/keys.yaml", TaggedKey);
        tree.Write(".kmslint.yaml", "sets: [accounts/*]\ntags:\n  required: [Owner, Purpose, CostCenter]\n");

        var sarif = tree.Run("lint", "--format", "sarif");

        Assert.Equal(ExitCode.Findings, sarif.ExitCode);
        using var report = JsonDocument.Parse(sarif.Stdout);
        var run = report.RootElement.GetProperty("runs")[0];
        Assert.Equal(new[] { "accounts/dev", "accounts/prod" },
            run.GetProperty("properties").GetProperty("sets").EnumerateArray().Select(set => set.GetProperty("root").GetString()));
        Assert.All(run.GetProperty("properties").GetProperty("sets").EnumerateArray(), set => Assert.Equal(".kmslint.yaml", set.GetProperty("config").GetString()));
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(new[] { "KMS100", "KMS200" }, results.Select(result => result.GetProperty("ruleId").GetString()));
        Assert.All(results, result => Assert.Equal("accounts/dev", result.GetProperty("properties").GetProperty("set").GetString()));
    }

    [Fact]
    public void A_nested_config_is_applied_to_its_folder_not_ignored()
    {
        tree.Write(".kmslint.yaml", TempTree.ConfigText(("KMS403", "warning")));
        tree.Write("team/.kmslint.yaml", TempTree.ConfigText(("KMS403", "note")));
        tree.Write("root-keys.yaml", Templates.DisabledKey);
        tree.Write("team/keys.yaml", Templates.DisabledKey);

        var result = tree.Run("lint");

        Assert.Contains("root-keys.yaml:6:7: warning KMS403: ", result.Stdout);
        Assert.Contains("team/keys.yaml:6:7: note KMS403: ", result.Stdout);
        Assert.Contains("set team (config team/.kmslint.yaml): 0 errors, 0 warnings, 1 note (0 suppressed) in 1 template", result.StdoutLines);
    }

    [Fact]
    public void A_folder_path_finds_the_config_of_the_repository_above_it()
    {
        tree.Write(".kmslint.yaml", TempTree.ConfigText(("KMS403", "note")));
        tree.Write("infra/stacks/key.yaml", Templates.DisabledKey);

        var result = tree.Run("lint", "infra/stacks");

        Assert.Contains("infra/stacks/key.yaml:6:7: note KMS403: ", result.Stdout);
    }

    [Theory]
    [InlineData("empty", "no *.yaml, *.yml, *.json or *.template file found")]
    [InlineData("cdk-app", "1 file was looked at, none is a template")]
    [InlineData("excluded", "no *.yaml, *.yml, *.json or *.template file found")]
    public void A_run_that_finds_no_template_fails_unless_that_is_allowed(string folder, string why)
    {
        Directory.CreateDirectory(tree.PathOf("empty"));
        tree.Write("cdk-app/cdk.json", "{\"app\": \"dotnet run --project src/App.csproj\"}\n"); // before `cdk synth`
        tree.Write("excluded/.kmslint.yaml", "exclude: [stacks/**]\n");
        tree.Write("excluded/stacks/key.yaml", Templates.DisabledKey);

        var refused = tree.Run("lint", folder);
        var allowed = tree.Run("lint", folder, "--allow-empty");

        Assert.Equal(ExitCode.UsageError, refused.ExitCode);
        Assert.Equal($"kmslint: no CloudFormation template in '{folder}': {why}. Pass --allow-empty if that is expected\n", refused.Stderr);
        Assert.Equal("", refused.Stdout);
        Assert.Equal((ExitCode.Success, "0 errors, 0 warnings, 0 notes (0 suppressed) in 0 templates\n"), (allowed.ExitCode, allowed.Stdout));
    }

    [FactWhenInstalled("git")]
    public void The_pre_commit_hook_allows_a_commit_of_files_that_are_not_templates()
    {
        var hook = File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, ".pre-commit-hooks.yaml"));
        var entry = hook.Split('\n').Single(line => line.TrimStart().StartsWith("entry:", StringComparison.Ordinal)).Split("entry:")[1].Trim();
        using var repo = new GitWorkTree();
        repo.Write("templates/key.yaml", Templates.EnabledKey);
        repo.CommitAll("a key");
        repo.Write(".github/workflows/ci.yaml", "on: [push]\njobs: {}\n");
        repo.Git("add", "-A");

        var staged = repo.Run(entry.Split(' ').Skip(1).Append(".github/workflows/ci.yaml").ToArray());

        Assert.Equal("kmslint lint --repo . --base HEAD --staged --allow-empty", entry);
        Assert.Equal(ExitCode.Success, staged.ExitCode);
    }
}
