namespace KmsLint.Cli.Tests;

/// <summary>
/// The pre-commit hook (<c>.pre-commit-hooks.yaml</c>, <c>kmslint lint --repo . FILE...</c>): the whole repository
/// is linted as one set, and only the findings in the files pre-commit passes (the staged ones) are reported.
/// </summary>
public sealed class PreCommitTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Repo_option_lints_the_whole_repository_but_reports_only_the_named_files()
    {
        tree.ConfigEnabling(("KMS403", "warning"));
        tree.Write("stacks/legacy.yaml", Templates.DisabledKey);
        tree.Write("stacks/staged.yaml", Templates.EnabledKey);

        var stagedOnly = tree.Run("lint", "--repo", ".", "stacks/staged.yaml");
        Assert.Equal(ExitCode.Success, stagedOnly.ExitCode);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in stacks/staged.yaml, linted with the 2 templates of set . (config .kmslint.yaml)" },
            stagedOnly.StdoutLines);

        var legacyNamed = tree.Run("lint", "--repo", ".", "stacks/staged.yaml", "stacks/legacy.yaml");
        Assert.Equal(ExitCode.Findings, legacyNamed.ExitCode);
        Assert.StartsWith("stacks/legacy.yaml:6:7: warning KMS403:", legacyNamed.StdoutLines[0]);

        var wholeRepository = tree.Run("lint", "--repo", ".");
        Assert.Equal(ExitCode.Findings, wholeRepository.ExitCode);
        Assert.Contains(wholeRepository.StdoutLines, line => line.StartsWith("stacks/legacy.yaml:6:7: warning KMS403:", StringComparison.Ordinal));
    }

    [Fact]
    public void Repo_option_reads_the_configuration_of_the_repository_and_needs_a_directory()
    {
        tree.Write("repo/.kmslint.yaml", TempTree.ConfigText());  // every rule off
        tree.Write("repo/keys.yaml", Templates.DisabledKey);

        var configured = tree.Run("lint", "--repo", "repo", "repo/keys.yaml");
        Assert.Equal(ExitCode.Success, configured.ExitCode);

        var notDirectory = tree.Run("lint", "--repo", "repo/keys.yaml");
        Assert.Equal(ExitCode.UsageError, notDirectory.ExitCode);
        Assert.Contains("--repo 'repo/keys.yaml' is not a directory", notDirectory.Stderr);
    }

    [FactWhenInstalled("git", "pre-commit")]
    public void Hook_refuses_a_commit_with_a_broken_key_and_accepts_it_once_fixed()
    {
        var tool = InstalledTool.Get();
        Assert.True(tool.Succeeded, tool.Log);
        var environment = new Dictionary<string, string?>
        {
            // The hook is language: system, so kmslint comes from PATH, as after 'dotnet tool install --global'.
            ["PATH"] = tool.ToolDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["PRE_COMMIT_HOME"] = tree.PathOf("pre-commit-cache"),
            ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.com",
        };
        var repository = tree.PathOf("project");
        Directory.CreateDirectory(repository);
        ProcessResult Git(params string[] arguments) => ExternalTools.Run(repository, environment, "git", arguments);
        ProcessResult TryHook() => ExternalTools.Run(repository, environment, "pre-commit", "try-repo", ExternalTools.RepositoryRoot, "kmslint");

        Assert.Equal(0, Git("init", "-q").ExitCode);
        // The rest of the repository: a complete detection chain, already committed. The hook needs it to judge
        // the staged file, but does not report on it.
        Assert.Equal(ExitCode.Success, tree.RunIn(repository, "init").ExitCode);
        Assert.Equal(0, Git("add", InitCommandFile).ExitCode);
        Assert.Equal(0, Git("commit", "-q", "-m", "detection stack").ExitCode);

        File.WriteAllText(Path.Combine(repository, "keys.yaml"), KeyTemplate(enabled: false));
        Assert.Equal(0, Git("add", "keys.yaml").ExitCode);
        // try-repo runs the hook of this checkout (HEAD plus its uncommitted tracked changes) on the staged files.
        var refused = TryHook();
        Assert.True(refused.ExitCode == 1, refused.Output);
        Assert.Contains("keys.yaml:9:7: warning KMS403:", refused.Output);
        Assert.DoesNotContain(InitCommandFile + ":", refused.Output);

        File.WriteAllText(Path.Combine(repository, "keys.yaml"), KeyTemplate(enabled: true));
        Assert.Equal(0, Git("add", "keys.yaml").ExitCode);
        var accepted = TryHook();
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        Assert.Matches(@"kmslint \(CloudFormation KMS detection chain\)\.+Passed", accepted.Output);
    }

    private const string InitCommandFile = Init.InitCommand.DefaultFileName;

    /// <summary>An owned, tagged, retained key: declared disabled, it is KMS403 and nothing else.</summary>
    private static string KeyTemplate(bool enabled) =>
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources:\n" +
        "  DataKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    DeletionPolicy: Retain\n" +
        "    UpdateReplacePolicy: Retain\n" +
        "    Properties:\n" +
        "      PendingWindowInDays: 30\n" +
        $"      Enabled: {(enabled ? "true" : "false")}\n" +
        "      Tags:\n" +
        "        - Key: Owner\n" +
        "          Value: data-platform\n" +
        "        - Key: Purpose\n" +
        "          Value: customer-records\n";
}

/// <summary>A fact that is skipped, saying which program is missing, where one of <paramref name="programs"/> is not on PATH.</summary>
public sealed class FactWhenInstalledAttribute : FactAttribute
{
    public FactWhenInstalledAttribute(params string[] programs)
    {
        var missing = programs.Where(program => !ExternalTools.IsOnPath(program)).ToList();
        if (missing.Count > 0)
            Skip = $"{string.Join(" and ", missing)} not found on PATH (.ci/run installs them; locally: apt-get install -y {string.Join(' ', missing)})";
    }
}
