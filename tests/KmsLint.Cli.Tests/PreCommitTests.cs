namespace KmsLint.Cli.Tests;

/// <summary>
/// The pre-commit hook (<c>.pre-commit-hooks.yaml</c>, <c>kmslint lint --repo . --base HEAD --staged FILE...</c>): the
/// whole repository is linted as one set, only the findings in the files pre-commit passes (the staged ones) are
/// reported, and a commit that deletes or disables a key must name its change request.
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
        var project = new HookProject(tree);

        File.WriteAllText(project.PathOf("keys.yaml"), KeyTemplate(enabled: false));
        project.Git("add", "keys.yaml");
        // try-repo runs the hook of this checkout (HEAD plus its uncommitted tracked changes) on the staged files.
        var refused = project.TryHook();
        Assert.True(refused.ExitCode == 1, refused.Output);
        Assert.Contains("keys.yaml:9:7: warning KMS403:", refused.Output);
        Assert.DoesNotContain(InitCommandFile + ":", refused.Output);

        File.WriteAllText(project.PathOf("keys.yaml"), KeyTemplate(enabled: true));
        project.Git("add", "keys.yaml");
        var accepted = project.TryHook();
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        Assert.Matches(@"kmslint \(CloudFormation KMS detection chain\)\.+Passed", accepted.Output);
    }

    [FactWhenInstalled("git", "pre-commit")]
    public void Hook_refuses_a_commit_that_deletes_an_unretained_key_until_it_names_its_change_request()
    {
        var project = new HookProject(tree);
        File.WriteAllText(project.PathOf("keys.yaml"), KeyTemplate(enabled: true) + UnretainedKey);
        project.Git("add", "keys.yaml");
        project.Git("commit", "-q", "-m", "keys");

        // The commit removes ScratchKey, which has no DeletionPolicy: the deploy would schedule its deletion.
        File.WriteAllText(project.PathOf("keys.yaml"), KeyTemplate(enabled: true));
        project.Git("add", "keys.yaml");
        var refused = project.TryHook();
        Assert.True(refused.ExitCode == 1, refused.Output);
        Assert.Contains("keys.yaml:1:1: error KMS410: this change deletes KMS key ScratchKey at deploy", refused.Output);

        // The same commit naming its approved change request: accepted, and the change is listed as a note.
        File.WriteAllText(project.PathOf("keys.yaml"), "Metadata:\n  kmslint:\n    change-request: CHG-1234\n" + KeyTemplate(enabled: true));
        project.Git("add", "keys.yaml");
        var accepted = project.TryHook("--verbose");
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        Assert.Contains("keys.yaml:1:1: note KMS410: this change deletes KMS key ScratchKey at deploy", accepted.Output);
        Assert.Contains("Authorized by change request CHG-1234 (the template's Metadata). [ScratchKey]", accepted.Output);
        project.Git("commit", "-q", "-m", "Retire the scratch key");

        // A commit that only deletes a template stages no file for pre-commit to pass: the hook still runs.
        File.WriteAllText(project.PathOf("scratch.yaml"), "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n" + UnretainedKey);
        project.Git("add", "scratch.yaml");
        project.Git("commit", "-q", "-m", "scratch stack");
        project.Git("rm", "-q", "scratch.yaml");
        var deletion = project.TryHook();
        Assert.True(deletion.ExitCode == 1, deletion.Output);
        Assert.Contains("scratch.yaml:3:3: error KMS410: this change deletes KMS key ScratchKey at deploy: its template is removed", deletion.Output);
    }

    /// <summary>
    /// A repository with pre-commit's environment: the installed kmslint on PATH (the hook is language: system), a
    /// committer, and a complete detection chain already committed (the hook needs it to judge the staged files, but
    /// does not report on it).
    /// </summary>
    private sealed class HookProject
    {
        private readonly Dictionary<string, string?> environment;
        private readonly string repository;

        public HookProject(TempTree tree)
        {
            var tool = InstalledTool.Get();
            Assert.True(tool.Succeeded, tool.Log);
            environment = new Dictionary<string, string?>
            {
                ["PATH"] = tool.ToolDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["PRE_COMMIT_HOME"] = tree.PathOf("pre-commit-cache"),
                ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.com",
                ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.com",
            };
            repository = tree.PathOf("project");
            Directory.CreateDirectory(repository);
            Git("init", "-q");
            Assert.Equal(ExitCode.Success, tree.RunIn(repository, "init").ExitCode);
            Git("add", InitCommandFile);
            Git("commit", "-q", "-m", "detection stack");
        }

        public string PathOf(string relativePath) => Path.Combine(repository, relativePath);

        public void Git(params string[] arguments)
        {
            var result = ExternalTools.Run(repository, environment, "git", arguments);
            Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.Output}");
        }

        /// <summary>Runs this checkout's hook as pre-commit would at commit time.</summary>
        public ProcessResult TryHook(params string[] options) =>
            ExternalTools.Run(repository, environment, "pre-commit", new[] { "try-repo", ExternalTools.RepositoryRoot, "kmslint" }.Concat(options).ToArray());
    }

    private const string InitCommandFile = Init.InitCommand.DefaultFileName;

    /// <summary>A key without DeletionPolicy, as a second resource of <see cref="KeyTemplate"/>'s template.</summary>
    private const string UnretainedKey =
        "  ScratchKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    Properties:\n" +
        "      EnableKeyRotation: true\n";

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
