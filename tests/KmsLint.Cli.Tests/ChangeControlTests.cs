using System.Text.Json;
using static KmsLint.Cli.Tests.KeyTemplates;

namespace KmsLint.Cli.Tests;

/// <summary>
/// <c>kmslint lint --base REF [--staged]</c> on real throwaway git repositories: commits, renames, the index against the
/// work tree, Change-Request trailers, and the one-line errors outside a repository or for an unknown REF.
/// </summary>
public sealed class ChangeControlTests : IDisposable
{
    private readonly GitWorkTree repo = new();

    public ChangeControlTests() => repo.Write(".kmslint.yaml", ChangeControlOnly());

    public void Dispose() => repo.Dispose();

    private static readonly (string, string, string) DataKey = ("DataKey", "", "");
    private static readonly (string, string, string) LedgerKey = ("LedgerKey", Retained, "");

    [FactWhenInstalled("git")]
    public void Removing_an_unretained_key_is_an_error_at_deploy_and_removing_a_retained_one_gives_nothing()
    {
        repo.Write("stacks/keys.yaml", Template(DataKey, LedgerKey));
        repo.CommitAll("keys");

        repo.Write("stacks/keys.yaml", Template(DataKey));
        var retainedRemoved = repo.Run("lint", "--base", "HEAD");
        Assert.Equal(ExitCode.Success, retainedRemoved.ExitCode);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template" }, retainedRemoved.StdoutLines);

        repo.Write("stacks/keys.yaml", Template(LedgerKey));
        var removed = repo.Run("lint", "--base", "HEAD");
        Assert.Equal(ExitCode.Findings, removed.ExitCode);
        Assert.StartsWith("stacks/keys.yaml:1:1: error KMS410: this change deletes KMS key DataKey at deploy: it is no longer in the template, "
            + "and its DeletionPolicy at HEAD is Delete (the AWS default), so CloudFormation schedules the key's deletion.", removed.StdoutLines[0]);
        Assert.EndsWith("[DataKey]", removed.StdoutLines[0]);
        Assert.Equal("1 error, 0 warnings, 0 notes (0 suppressed) in 1 template", removed.StdoutLines[^1]);

        // The same templates without --base: no change control at all.
        Assert.Equal(ExitCode.Success, repo.Run("lint").ExitCode);
    }

    [FactWhenInstalled("git")]
    public void Unchanged_and_purely_moved_templates_give_nothing()
    {
        repo.Write("stacks/keys.yaml", Template(DataKey));
        repo.Write("stacks/other.yaml", Template(("OtherKey", "", "")));
        repo.CommitAll("keys");
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 2 templates" }, repo.Run("lint", "--base", "HEAD").StdoutLines);

        // git mv: a rename git records.
        repo.Git("mv", "stacks/keys.yaml", "stacks/payments-keys.yaml");
        Assert.Equal(ExitCode.Success, repo.Run("lint", "--base", "HEAD").ExitCode);
        Assert.Equal(ExitCode.Success, repo.Run("lint", "--base", "HEAD", "--staged").ExitCode);

        // A plain mv, not added: git sees a deleted file and an untracked one; the same content pairs them.
        File.Move(repo.PathOf("stacks/other.yaml"), repo.PathOf("stacks/moved-other.yaml"));
        var plainMove = repo.Run("lint", "--base", "HEAD");
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 2 templates" }, plainMove.StdoutLines);
    }

    [FactWhenInstalled("git")]
    public void A_renamed_and_edited_template_is_compared_with_its_old_self()
    {
        var before = Template(DataKey, LedgerKey, ("ArchiveKey", Retained, ""), ("AuditKey", Retained, ""));
        repo.Write("stacks/keys.yaml", before);
        repo.CommitAll("keys");

        repo.Git("mv", "stacks/keys.yaml", "stacks/payments.yaml");
        repo.Write("stacks/payments.yaml", Template(LedgerKey, ("ArchiveKey", Retained, ""), ("AuditKey", Retained, "")));
        repo.Git("add", "-A");

        AssertWorkTreeAndIndexReportOnly("stacks/payments.yaml:1:1: error KMS410: this change deletes KMS key DataKey");
    }

    [FactWhenInstalled("git")]
    public void A_removed_template_deletes_its_unretained_keys_reported_where_they_were()
    {
        repo.Write("stacks/keys.yaml", Template(LedgerKey, DataKey));
        repo.Write("stacks/other.yaml", Template(("OtherKey", Retained, "")));
        repo.CommitAll("keys");

        repo.Git("rm", "-q", "stacks/keys.yaml");
        // DataKey was at line 10 of the removed file; the retained LedgerKey gives nothing.
        AssertWorkTreeAndIndexReportOnly("stacks/keys.yaml:10:3: error KMS410: this change deletes KMS key DataKey at deploy: its template is removed, which deletes its stack,");
    }

    /// <summary>The change is staged, so comparing the work tree and comparing the index both report one finding, starting so.</summary>
    private void AssertWorkTreeAndIndexReportOnly(string findingStart)
    {
        foreach (var arguments in new[] { new[] { "lint", "--base", "HEAD" }, new[] { "lint", "--base", "HEAD", "--staged" } })
        {
            var result = repo.Run(arguments);
            Assert.Equal(ExitCode.Findings, result.ExitCode);
            Assert.StartsWith(findingStart, result.StdoutLines[0]);
            Assert.Equal(2, result.StdoutLines.Length);
        }
    }

    [FactWhenInstalled("git")]
    public void Staged_compares_the_index_and_the_work_tree_is_compared_without_it()
    {
        repo.Write("keys.yaml", Template(DataKey, LedgerKey));
        repo.CommitAll("keys");

        // The removal is staged, then undone in the work tree only.
        repo.Write("keys.yaml", Template(LedgerKey));
        repo.Git("add", "keys.yaml");
        repo.Write("keys.yaml", Template(DataKey, LedgerKey));

        var staged = repo.Run("lint", "--base", "HEAD", "--staged");
        Assert.Equal(ExitCode.Findings, staged.ExitCode);
        Assert.Contains("error KMS410: this change deletes KMS key DataKey", staged.Stdout);
        Assert.Equal(ExitCode.Success, repo.Run("lint", "--base", "HEAD").ExitCode);

        // And the other way round: a removal in the work tree that is not staged does not block the commit.
        repo.Git("reset", "-q");
        repo.Write("keys.yaml", Template(LedgerKey));
        Assert.Equal(ExitCode.Success, repo.Run("lint", "--base", "HEAD", "--staged").ExitCode);
        Assert.Equal(ExitCode.Findings, repo.Run("lint", "--base", "HEAD").ExitCode);

        // An untracked template is not in the index: --staged does not lint it.
        repo.Write("scratch.yaml", Template(("ScratchKey", "", "Enabled: false")));
        Assert.Equal("0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template", repo.Run("lint", "--base", "HEAD", "--staged").StdoutLines[^1]);
    }

    [FactWhenInstalled("git")]
    public void A_change_request_trailer_on_a_commit_since_the_base_authorizes_the_change_as_a_note()
    {
        var otherKey = ("OtherKey", "", "");
        repo.Write("keys.yaml", Template(DataKey, otherKey, LedgerKey));
        repo.CommitAll("keys");
        var @base = repo.Git("rev-parse", "HEAD").Trim();
        repo.Write("keys.yaml", Template(otherKey, LedgerKey));
        repo.CommitAll("Retire the data key\n\nChange-Request: CHG-2001");

        var authorized = repo.Run("lint", "--base", @base);
        Assert.Equal(ExitCode.Success, authorized.ExitCode);
        Assert.StartsWith("keys.yaml:1:1: note KMS410: this change deletes KMS key DataKey at deploy", authorized.StdoutLines[0]);
        Assert.Matches(@"Authorized by change request CHG-2001 \(the Change-Request trailer of commit [0-9a-f]{10}\)\. \[DataKey\]$", authorized.StdoutLines[0]);
        Assert.DoesNotContain("To keep the key", authorized.StdoutLines[0]);

        // A malformed trailer on a later commit: KMS414, and it authorizes nothing (the valid one still does).
        repo.CommitAll("Follow-up\n\nChange-Request: chg 2002");
        var malformed = repo.Run("lint", "--base", @base);
        Assert.Equal(ExitCode.Findings, malformed.ExitCode);
        Assert.Contains(malformed.StdoutLines, line => line.StartsWith("keys.yaml:1:1: error KMS414: the change request named in the Change-Request trailer of commit ", StringComparison.Ordinal)
                                                       && line.Contains("'chg 2002' does not match the pattern '^[A-Z][A-Z0-9]{1,9}-[0-9]+$'", StringComparison.Ordinal));
        Assert.Contains(malformed.StdoutLines, line => line.StartsWith("keys.yaml:1:1: note KMS410:", StringComparison.Ordinal));

        // Trailers name committed changes: against HEAD (what the pre-commit hook compares with) none covers a new one.
        repo.Write("keys.yaml", Template(LedgerKey));
        var uncommitted = repo.Run("lint", "--base", "HEAD");
        Assert.Equal(ExitCode.Findings, uncommitted.ExitCode);
        Assert.StartsWith("keys.yaml:1:1: error KMS410: this change deletes KMS key OtherKey", uncommitted.StdoutLines[0]);
    }

    [FactWhenInstalled("git")]
    public void A_change_request_in_the_configuration_or_the_template_authorizes_its_key()
    {
        repo.Write("keys.yaml", Template(DataKey, ("PaymentsKey", "", "")));
        repo.CommitAll("keys");

        repo.Write(".kmslint.yaml", ChangeControlOnly("changes:\n  - key: PaymentsKey\n    change-request: OPS-77\n"));
        repo.Write("keys.yaml", Template(DataKey));
        var configured = repo.Run("lint", "--base", "HEAD");
        Assert.Equal(ExitCode.Success, configured.ExitCode);
        Assert.EndsWith("Authorized by change request OPS-77 (.kmslint.yaml changes). [PaymentsKey]", configured.StdoutLines[0]);

        // The configured entry is for PaymentsKey only; removing DataKey too needs its own.
        repo.Write("keys.yaml", Template());
        var other = repo.Run("lint", "--base", "HEAD");
        Assert.Contains(other.StdoutLines, line => line.Contains("error KMS410: this change deletes KMS key DataKey", StringComparison.Ordinal));

        // The template's top-level Metadata covers every key change of the template.
        repo.Write("keys.yaml", Template(TemplateChangeRequest));
        var both = repo.Run("lint", "--base", "HEAD");
        Assert.Equal(ExitCode.Success, both.ExitCode);
        Assert.Equal("0 errors, 0 warnings, 2 notes (0 suppressed) in 1 template", both.StdoutLines[^1]);

        // A malformed entry in the configuration is KMS414 at its line.
        repo.Write(".kmslint.yaml", ChangeControlOnly("changes:\n  - key: DataKey\n    change-request: \"\"\n"));
        repo.Write("keys.yaml", Template(("PaymentsKey", "", "")));
        var empty = repo.Run("lint", "--base", "HEAD");
        Assert.Contains(empty.StdoutLines, line => line.StartsWith(".kmslint.yaml:", StringComparison.Ordinal) && line.Contains("error KMS414: the change request named in .kmslint.yaml changes for the change to DataKey is empty", StringComparison.Ordinal));
    }

    [FactWhenInstalled("git")]
    public void Disabling_a_key_through_a_parameter_default_is_reported()
    {
        const string parameter = "Parameters:\n  KeyEnabled:\n    Type: String\n    Default: \"{0}\"\n";
        repo.Write("keys.yaml", Template(string.Format(parameter, "true"), ("DataKey", Retained, "Enabled: !Ref KeyEnabled")));
        repo.CommitAll("keys");

        repo.Write("keys.yaml", Template(string.Format(parameter, "false"), ("DataKey", Retained, "Enabled: !Ref KeyEnabled")));
        var result = repo.Run("lint", "--base", "HEAD");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.StartsWith("keys.yaml:14:7: error KMS411: this change disables KMS key DataKey at deploy: Enabled becomes false (parameter KeyEnabled's Default) "
            + "(at HEAD: true (parameter KeyEnabled's Default))", result.StdoutLines[0]);
    }

    [FactWhenInstalled("git")]
    public void The_base_is_the_merge_base_so_keys_added_on_the_base_branch_since_are_not_read_as_removed()
    {
        repo.Write("keys.yaml", Template(DataKey));
        repo.CommitAll("keys");
        var mainBranch = repo.Git("symbolic-ref", "--short", "HEAD").Trim();
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("feature.yaml", Template(("FeatureKey", Retained, "")));
        repo.CommitAll("feature work");
        repo.Git("checkout", "-q", mainBranch);
        repo.Write("keys.yaml", Template(DataKey, ("NewOnMainKey", "", "")));
        repo.CommitAll("a key added on main meanwhile");
        repo.Git("checkout", "-q", "feature");

        var result = repo.Run("lint", "--base", mainBranch);

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 2 templates" }, result.StdoutLines);
    }

    [FactWhenInstalled("git")]
    public void Templates_outside_a_sparse_checkout_are_not_read_as_removed()
    {
        repo.Write("payments/keys.yaml", Template(DataKey));
        repo.Write("reports/keys.yaml", Template(("ReportsKey", "", "")));
        repo.CommitAll("two stacks");
        repo.Git("sparse-checkout", "set", "payments");
        Assert.False(File.Exists(repo.PathOf("reports/keys.yaml")));

        var result = repo.Run("lint", "--base", "HEAD");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template" }, result.StdoutLines);
    }

    [FactWhenInstalled("git")]
    public void The_first_commit_has_nothing_to_compare_with()
    {
        repo.Write("keys.yaml", Template(DataKey));
        repo.Git("add", "-A");

        var result = repo.Run("lint", "--base", "HEAD", "--staged");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template" }, result.StdoutLines);
    }

    [FactWhenInstalled("git")]
    public void A_template_that_does_not_parse_at_the_base_is_noted_as_not_compared_not_blamed()
    {
        repo.Write("keys.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {\n  DataKey: [\n");
        repo.CommitAll("broken");
        repo.Write("keys.yaml", Template(DataKey));

        var result = repo.Run("lint", "--base", "HEAD");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.StartsWith("keys.yaml:1:1: note KMS410: cannot check whether this change deletes keys of keys.yaml: its version at HEAD does not parse (line 4: ", result.StdoutLines[0]);
    }

    [FactWhenInstalled("git")]
    public void A_base_file_over_the_size_limit_is_not_read()
    {
        repo.Write(".kmslint.yaml", ChangeControlOnly("max_file_bytes: 1000\n"));
        repo.Write("keys.yaml", Template(DataKey) + "# " + new string('x', 2000) + "\n");
        repo.CommitAll("a big template");
        repo.Write("keys.yaml", Template());

        var result = repo.Run("lint", "--base", "HEAD");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.StartsWith("keys.yaml:1:1: note KMS410: cannot check whether this change deletes keys of keys.yaml: its version at HEAD was not read (file is larger than the limit of 1,000 bytes", result.StdoutLines[0]);
    }

    [FactWhenInstalled("git")]
    public void Outside_a_repository_or_with_an_unknown_ref_the_run_stops_with_one_line_and_exit_2()
    {
        repo.Write("keys.yaml", Template(DataKey));
        repo.CommitAll("keys");
        using var outside = new TempTree();
        outside.Write("keys.yaml", Template(DataKey));

        var cases = new (CliResult Result, string Message)[]
        {
            (outside.Run("lint", "--base", "HEAD"), "kmslint: --base compares with a git commit, but '" + outside.Root + "' is not in a git work tree (fatal: not a git repository"),
            (repo.Run("lint", "--base", "no-such-branch"), "kmslint: --base 'no-such-branch' is not a commit of this repository"),
            (repo.Run("lint", "--base=--output=x"), "kmslint: --base '--output=x' is not a commit of this repository"),
            (repo.Run("lint", "--base", "HEAD~5"), "kmslint: --base 'HEAD~5' is not a commit of this repository"),
            (repo.Run("lint", "--staged"), "kmslint: --staged compares the index with a commit: give it --base REF"),
        };
        foreach (var (result, message) in cases)
        {
            Assert.Equal(ExitCode.UsageError, result.ExitCode);
            Assert.StartsWith(message, result.Stderr);
            Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("", result.Stdout);
        }
        Assert.False(File.Exists(repo.PathOf("x")));
    }

    [FactWhenInstalled("git")]
    public void Paths_and_the_repo_option_work_from_a_subdirectory()
    {
        repo.Write("infra/stacks/keys.yaml", Template(DataKey, LedgerKey));
        repo.Write("infra/stacks/.kmslint.yaml", ChangeControlOnly());
        repo.CommitAll("keys");
        repo.Write("infra/stacks/keys.yaml", Template(LedgerKey));

        var fromSubdirectory = repo.RunIn("infra", "lint", "--base", "HEAD", "stacks");
        Assert.StartsWith("stacks/keys.yaml:1:1: error KMS410:", fromSubdirectory.StdoutLines[0]);

        var namedFile = repo.RunIn("infra/stacks", "lint", "--base", "HEAD", "keys.yaml");
        Assert.StartsWith("keys.yaml:1:1: error KMS410:", namedFile.StdoutLines[0]);
    }

    [FactWhenInstalled("git")]
    public void Json_and_sarif_carry_the_change_findings_like_any_other()
    {
        repo.Write("keys.yaml", Template(DataKey, LedgerKey));
        repo.CommitAll("keys");
        repo.Write("keys.yaml", Template(TemplateChangeRequest, LedgerKey));

        using var json = JsonDocument.Parse(repo.Run("lint", "--base", "HEAD", "--format", "json").Stdout);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("KMS410", finding.GetProperty("ruleId").GetString());
        Assert.Equal("note", finding.GetProperty("level").GetString());
        Assert.Equal("DataKey", finding.GetProperty("logicalId").GetString());

        using var sarif = JsonDocument.Parse(repo.Run("lint", "--base", "HEAD", "--format", "sarif").Stdout);
        var run = sarif.RootElement.GetProperty("runs")[0];
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("KMS410", result.GetProperty("ruleId").GetString());
        Assert.Equal("note", result.GetProperty("level").GetString());
        Assert.Contains(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), rule => rule.GetProperty("id").GetString() == "KMS414");
    }

    [FactWhenInstalled("git")]
    public void With_staged_only_the_staged_templates_findings_are_reported_but_change_findings_always()
    {
        repo.Write(".kmslint.yaml", TempTree.ConfigText(("KMS403", "warning"), ("KMS410", "error")));
        repo.Write("legacy.yaml", Template(("LegacyKey", Retained, "Enabled: false")));
        repo.Write("keys.yaml", Template(DataKey));
        repo.Write("other.yaml", Template(("OtherKey", Retained, "")));
        repo.CommitAll("keys");

        // Only the deletion of keys.yaml is staged: the legacy finding is not this commit's; the deletion is.
        repo.Git("rm", "-q", "keys.yaml");
        var hook = repo.Run("lint", "--repo", ".", "--base", "HEAD", "--staged");
        Assert.Equal(ExitCode.Findings, hook.ExitCode);
        Assert.StartsWith("keys.yaml:4:3: error KMS410:", hook.StdoutLines[0]);
        Assert.DoesNotContain("legacy.yaml", hook.Stdout);

        // Files named after --repo (what pre-commit passes) are reported; the change findings still are.
        var named = repo.Run("lint", "--repo", ".", "--base", "HEAD", "--staged", "legacy.yaml");
        Assert.Contains(named.StdoutLines, line => line.StartsWith("legacy.yaml:", StringComparison.Ordinal));
        Assert.Contains(named.StdoutLines, line => line.StartsWith("keys.yaml:4:3: error KMS410:", StringComparison.Ordinal));
    }

    /// <summary>The README's workflow, as the hook runs it: its refusal and its note are what kmslint prints.</summary>
    [FactWhenInstalled("git")]
    public void The_README_workflow_prints_what_the_README_shows()
    {
        const string keys =
            "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
            "Description: Keys of the payments service.\n" +
            "Resources:\n" +
            "  PaymentsKey:\n" +
            "    Type: AWS::KMS::Key\n" +
            "    DeletionPolicy: Retain\n" +
            "    UpdateReplacePolicy: Retain\n" +
            "    Properties:\n" +
            "      EnableKeyRotation: true\n" +
            "      Tags: [{ Key: Owner, Value: payments }, { Key: Purpose, Value: card-data }]\n";
        const string reportsKey =
            "  ReportsKey:\n" +
            "    Type: AWS::KMS::Key\n" +
            "    UpdateReplacePolicy: Retain\n" +
            "    Properties:\n" +
            "      EnableKeyRotation: true\n" +
            "      Tags: [{ Key: Owner, Value: payments }, { Key: Purpose, Value: monthly-reports }]\n";
        repo.Delete(".kmslint.yaml");
        repo.Run("init");
        repo.Write("stacks/keys.yaml", keys + reportsKey);
        repo.CommitAll("keys");
        // Each README block: the finding and the summary line under it.
        var lines = File.ReadAllLines(Path.Combine(ExternalTools.RepositoryRoot, "README.md"));
        var readme = lines.Select((line, index) => (line, index))
            .Where(entry => entry.line.StartsWith("stacks/keys.yaml:1:1: ", StringComparison.Ordinal))
            .Select(entry => new[] { entry.line, lines[entry.index + 1] }).ToList();
        Assert.Equal(2, readme.Count);

        repo.Write("stacks/keys.yaml", keys);
        repo.Git("add", "-A");
        var refused = repo.Run("lint", "--repo", ".", "--base", "HEAD", "--staged", "stacks/keys.yaml");
        Assert.Equal(ExitCode.Findings, refused.ExitCode);
        Assert.Equal(readme[0], refused.StdoutLines);

        repo.Write("stacks/keys.yaml", keys.Replace("Resources:\n", "Metadata:\n  kmslint:\n    change-request: CHG-1234   # retire ReportsKey\nResources:\n"));
        repo.Git("add", "-A");
        var accepted = repo.Run("lint", "--repo", ".", "--base", "HEAD", "--staged", "stacks/keys.yaml");
        Assert.Equal(ExitCode.Success, accepted.ExitCode);
        Assert.Equal(readme[1], accepted.StdoutLines);
    }
}
