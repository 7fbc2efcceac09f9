using System.Text.Json;
using System.Text.RegularExpressions;

namespace KmsLint.Cli.Tests;

/// <summary>
/// The configuration an existing repository adopts KmsLint with: levels per path (<c>overrides</c>), reasons required
/// for suppressions, either spelling of the file, <c>--config DIR</c>, and named files that must lie in <c>--repo</c>.
/// </summary>
public sealed class ConfigAdoptionTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private static string Config(string extra, params (string RuleId, string Level)[] enabled) =>
        TempTree.ConfigText(enabled) + extra;

    [Fact]
    public void Overrides_set_rule_levels_for_the_files_their_glob_matches()
    {
        tree.Write(".kmslint.yaml", Config(
            "overrides:\n  - files: \"legacy/**\"\n    rules:\n      KMS403: off\n      KMS400: note\n",
            ("KMS403", "warning"), ("KMS400", "warning")));
        tree.Write("legacy/old.yaml", Templates.DisabledKey);
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);

        var result = tree.Run("lint", "--format", "json");

        using var report = JsonDocument.Parse(result.Stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("file").GetString(), f.GetProperty("ruleId").GetString(), f.GetProperty("level").GetString()))
            .ToList();
        Assert.Equal(new (string?, string?, string?)[]
        {
            ("legacy/old.yaml", "KMS400", "note"),
            ("stacks/keys.yaml", "KMS400", "warning"),
            ("stacks/keys.yaml", "KMS403", "warning"),
        }, findings);
    }

    [Fact]
    public void An_override_naming_an_unknown_rule_is_a_config_error_with_the_word_meant()
    {
        tree.Write(".kmslint.yaml", "overrides:\n  - files: \"legacy/**\"\n    rules:\n      KMS430: off\n");
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);

        var result = tree.Run("lint");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(".kmslint.yaml:4:7:", result.Stderr);
        Assert.Contains("did you mean 'KMS403'?", result.Stderr);
    }

    [Fact]
    public void Require_reason_makes_an_ignore_entry_without_a_reason_suppress_nothing_and_says_so()
    {
        var requireReason = Config("suppressions:\n  require_reason: true\n", ("KMS403", "warning"), ("KMS903", "warning"));
        tree.Write(".kmslint.yaml", requireReason);
        tree.Write("stacks/reasoned.yaml", Templates.SuppressedDisabledKey);
        tree.Write("stacks/unreasoned.yaml", Templates.SuppressedDisabledKey.Replace("            reason: retired key kept for old backups\n", ""));

        var required = tree.Run("lint");
        tree.Write(".kmslint.yaml", Config("", ("KMS403", "warning"), ("KMS903", "warning")));
        var optional = tree.Run("lint");

        Assert.Equal(ExitCode.Findings, required.ExitCode);
        Assert.Equal(new[] { "KMS903", "KMS403" }, required.StdoutLines.SkipLast(1)
            .Select(line => Regex.Match(line, @" (KMS\d{3}): ").Groups[1].Value));
        Assert.All(required.StdoutLines.SkipLast(1), line => Assert.StartsWith("stacks/unreasoned.yaml:", line));
        Assert.Contains("require_reason", required.Stdout);
        Assert.Equal("0 errors, 2 warnings, 0 notes (1 suppressed) in 2 templates", required.StdoutLines[^1]);
        Assert.Equal((ExitCode.Success, "0 errors, 0 warnings, 0 notes (2 suppressed) in 2 templates\n"), (optional.ExitCode, optional.Stdout));
    }

    [Fact]
    public void Require_reason_must_be_a_boolean()
    {
        tree.Write(".kmslint.yaml", "suppressions:\n  require_reasons: true\n");
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);

        var result = tree.Run("lint");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("did you mean 'require_reason'?", result.Stderr);
    }

    [Fact]
    public void The_yml_spelling_is_read_and_both_spellings_in_one_folder_are_an_error()
    {
        tree.Write(".kmslint.yml", TempTree.ConfigText());  // every rule off
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);

        var yml = tree.Run("lint");
        tree.Write(".kmslint.yaml", TempTree.ConfigText());
        var both = tree.Run("lint");

        Assert.Equal((ExitCode.Success, "0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template\n"), (yml.ExitCode, yml.Stdout));
        Assert.Equal(ExitCode.UsageError, both.ExitCode);
        Assert.Contains(".kmslint.yml: .kmslint.yaml is there too; keep one of them (they would not be merged)", both.Stderr);
    }

    [Fact]
    public void Config_dir_reads_the_configuration_in_it_which_starts_no_set_of_its_own()
    {
        tree.Write("ci/.kmslint.yaml", TempTree.ConfigText(("KMS403", "warning")));
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);

        var result = tree.Run("lint", "--config", "ci");
        var noConfig = tree.Run("lint", "--config", "stacks");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.StartsWith("stacks/keys.yaml:6:7: warning KMS403:", result.StdoutLines[0]);
        Assert.Equal("0 errors, 1 warning, 0 notes (0 suppressed) in 1 template", result.StdoutLines[^1]);
        Assert.Equal(2, result.StdoutLines.Length);
        Assert.Equal(ExitCode.UsageError, noConfig.ExitCode);
        Assert.Contains("--config 'stacks' is a directory without .kmslint.yaml or .kmslint.yml", noConfig.Stderr);
    }

    [Fact]
    public void A_named_file_outside_repo_is_a_usage_error_not_silently_skipped()
    {
        tree.Write("repo/.kmslint.yaml", TempTree.ConfigText(("KMS403", "warning")));
        tree.Write("repo/keys.yaml", Templates.EnabledKey);
        tree.Write("elsewhere/keys.yaml", Templates.DisabledKey);

        var result = tree.Run("lint", "--repo", "repo", "repo/keys.yaml", "elsewhere/keys.yaml");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("'elsewhere/keys.yaml' is outside --repo 'repo'", result.Stderr);
        Assert.Equal("", result.Stdout);
    }
}
