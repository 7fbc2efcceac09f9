using System.Text.Json;
using KmsLint.Cli.Baselines;

namespace KmsLint.Cli.Tests;

/// <summary>
/// Adopting KmsLint on a repository that has findings: <c>--create-baseline</c> accepts them, <c>--baseline</c> reports
/// them as suppressed (kind baseline) and fails only on new ones, matched by rule, file, logical id and fingerprint.
/// </summary>
public sealed class BaselineTests : IDisposable
{
    private const string TwoKeys =
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources:\n" +
        "  OldKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    Properties:\n" +
        "      Enabled: false\n" +
        "  GoodKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    Properties:\n" +
        "      Enabled: true\n";

    private readonly TempTree tree = new();

    public BaselineTests()
    {
        tree.ConfigEnabling(("KMS403", "warning"));
        tree.Write("stacks/keys.yaml", TwoKeys);
    }

    public void Dispose() => tree.Dispose();

    [Fact]
    public void A_created_baseline_accepts_every_finding_and_later_runs_pass_with_it()
    {
        var created = tree.Run("lint", "--create-baseline", "kmslint-baseline.json");
        var later = tree.Run("lint", "--baseline", "kmslint-baseline.json");
        var without = tree.Run("lint");

        Assert.Equal(ExitCode.Success, created.ExitCode);
        Assert.Contains("kmslint: wrote kmslint-baseline.json: 1 finding accepted", created.Stderr);
        Assert.Equal((ExitCode.Success, "0 errors, 0 warnings, 0 notes (1 suppressed) in 1 template\n", ""), (later.ExitCode, later.Stdout, later.Stderr));
        Assert.Equal(ExitCode.Findings, without.ExitCode);

        using var baseline = JsonDocument.Parse(File.ReadAllText(tree.PathOf("kmslint-baseline.json")));
        var entry = Assert.Single(baseline.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal(("KMS403", "stacks/keys.yaml", "OldKey"),
            (entry.GetProperty("ruleId").GetString(), entry.GetProperty("file").GetString(), entry.GetProperty("logicalId").GetString()));
        Assert.Matches("^[0-9a-f]{16}$", entry.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void Baseline_suppressions_are_kind_baseline_in_json_external_in_sarif_and_shown_on_request_in_text()
    {
        tree.Run("lint", "--create-baseline", "base/accepted.json");

        var json = tree.Run("lint", "--baseline", "base/accepted.json", "--format", "json");
        var sarif = tree.Run("lint", "--baseline", "base/accepted.json", "--format", "sarif");
        var text = tree.Run("lint", "--baseline", "base/accepted.json", "--show-suppressed");

        using var report = JsonDocument.Parse(json.Stdout);
        var suppression = Assert.Single(report.RootElement.GetProperty("findings")[0].GetProperty("suppressions").EnumerateArray().ToList());
        Assert.Equal(("baseline", "base/accepted.json", BaselineFile.FirstEntryLine),
            (suppression.GetProperty("kind").GetString(), suppression.GetProperty("file").GetString(), suppression.GetProperty("line").GetInt32()));

        using var log = JsonDocument.Parse(sarif.Stdout);
        var result = log.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        var sarifSuppression = result.GetProperty("suppressions")[0];
        Assert.Equal("external", sarifSuppression.GetProperty("kind").GetString());
        Assert.Equal("baseline", sarifSuppression.GetProperty("properties").GetProperty("kind").GetString());
        Assert.Equal("unchanged", result.GetProperty("baselineState").GetString());

        Assert.Equal($"stacks/keys.yaml:6:7: warning KMS403: KMS key OldKey is declared Enabled: false; a disabled key breaks everything encrypted with it. Remove the property or set it to true. [OldKey] (suppressed by the baseline base/accepted.json:{BaselineFile.FirstEntryLine})",
            text.StdoutLines[0]);
        Assert.DoesNotContain("suppressed by", tree.Run("lint", "--baseline", "base/accepted.json").Stdout);
    }

    [Fact]
    public void An_edit_above_a_finding_keeps_it_accepted_and_the_same_finding_in_another_resource_is_new()
    {
        tree.Run("lint", "--create-baseline", "kmslint-baseline.json");
        File.WriteAllText(tree.PathOf("stacks/keys.yaml"), TwoKeys
            .Replace("Resources:\n", "Description: keys of the archive\nResources:\n  # retired in 2024, kept for old backups\n")
            .Replace("  GoodKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Enabled: true\n",
                     "  GoodKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Enabled:  false   # temporarily\n"));

        var result = tree.Run("lint", "--baseline", "kmslint-baseline.json", "--format", "json");

        using var report = JsonDocument.Parse(result.Stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(new (string?, bool)[] { ("OldKey", true), ("GoodKey", false) },
            findings.Select(f => (f.GetProperty("logicalId").GetString(), f.GetProperty("suppressed").GetBoolean())));
        Assert.Equal(ExitCode.Findings, result.ExitCode);
    }

    [Fact]
    public void A_fixed_finding_leaves_a_stale_entry_that_is_warned_about_and_listed_with_verbose()
    {
        tree.Run("lint", "--create-baseline", "kmslint-baseline.json");
        File.WriteAllText(tree.PathOf("stacks/keys.yaml"), TwoKeys.Replace("Enabled: false", "Enabled: true"));

        var result = tree.Run("lint", "--baseline", "kmslint-baseline.json");
        var verbose = tree.Run("lint", "--baseline", "kmslint-baseline.json", "-v");
        var elsewhere = tree.Run("lint", "stacks/keys.yaml", "--baseline", "kmslint-baseline.json");
        tree.Write("other/k.yaml", Templates.EnabledKey);
        var notLinted = tree.Run("lint", "other", "--baseline", "kmslint-baseline.json");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Equal("kmslint: warning: 1 entry of the baseline kmslint-baseline.json accepted no finding (fixed, or changed): refresh it with --create-baseline kmslint-baseline.json, so they cannot hide a new finding\n",
            result.Stderr);
        Assert.Contains($"kmslint: stale baseline entry kmslint-baseline.json:{BaselineFile.FirstEntryLine}: KMS403 stacks/keys.yaml OldKey", verbose.Stderr);
        Assert.Contains("1 entry of the baseline", elsewhere.Stderr); // the file's repository was linted
        Assert.DoesNotContain("baseline", notLinted.Stderr);          // its file was not linted: not stale
    }

    [Fact]
    public void A_hook_naming_one_file_keeps_the_whole_repository_in_the_baseline_it_creates()
    {
        tree.Write("stacks/other.yaml", Templates.DisabledKey);

        var created = tree.Run("lint", "--repo", ".", "stacks/other.yaml", "--create-baseline", "kmslint-baseline.json");
        var hook = tree.Run("lint", "--repo", ".", "stacks/other.yaml", "--baseline", "kmslint-baseline.json");

        Assert.Contains("2 findings accepted", created.Stderr);
        Assert.Equal((ExitCode.Success, ""), (hook.ExitCode, hook.Stderr));
    }

    [Theory]
    [InlineData("missing.json", null, "--baseline 'missing.json' does not exist (write one with --create-baseline 'missing.json')")]
    [InlineData("broken.json", "{\n  \"kmslintBaseline\": 1,\n  \"findings\": [\n    {\"ruleId\": \n", "broken.json:5:1: not valid JSON")]
    [InlineData("other.json", "{\"version\": \"2.1.0\"}", "other.json:1:1: not a KmsLint baseline")]
    [InlineData("partial.json", "{\"kmslintBaseline\": 1,\n \"findings\": [\n  {\"ruleId\": \"KMS403\"}]}", "partial.json:3:1: a baseline entry needs \"file\"")]
    public void A_baseline_that_cannot_be_read_is_a_usage_error_with_its_place(string file, string? content, string expected)
    {
        if (content is not null)
            tree.Write(file, content);

        var result = tree.Run("lint", "--baseline", file);

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Fact]
    public void Creating_and_reading_in_one_run_or_creating_over_a_template_is_refused()
    {
        var both = tree.Run("lint", "--baseline", "a.json", "--create-baseline", "b.json");
        var overTemplate = tree.Run("lint", "--create-baseline", "stacks/keys.yaml");

        Assert.Contains("give --baseline or --create-baseline, not both", both.Stderr);
        Assert.Contains("--output 'stacks/keys.yaml' is a CloudFormation template", overTemplate.Stderr);
        Assert.Equal(TwoKeys, File.ReadAllText(tree.PathOf("stacks/keys.yaml")));
    }

    [Theory]
    [InlineData("      Enabled: false", "  Enabled:   false  ")]
    [InlineData("      Enabled: false", "      Enabled: false   # until the restore drill")]
    [InlineData("      \"Enabled\": false", "      \"Enabled\": false,")]
    public void The_fingerprint_ignores_indentation_spacing_comments_and_a_trailing_comma(string line, string edited) =>
        Assert.Equal(Fingerprint.Normalized(line), Fingerprint.Normalized(edited));

    [Fact]
    public void The_fingerprint_keeps_what_the_line_says_and_a_hash_inside_quotes()
    {
        Assert.NotEqual(Fingerprint.Normalized("Enabled: false"), Fingerprint.Normalized("Enabled: true"));
        Assert.Equal("Pattern: '{ $.x = \"#a\" }'", Fingerprint.Normalized("Pattern: '{ $.x = \"#a\" }'"));
    }

    /// <summary>The check on 500+ real templates: every finding accepted, then one template changed.</summary>
    [FactWhenCorpusPresent]
    public void The_baseline_round_trips_on_the_corpus_and_a_changed_template_shows_only_its_new_findings()
    {
        // The corpus at the default configuration (a config is looked up in parent folders too).
        File.Delete(tree.PathOf(".kmslint.yaml"));
        var corpus = tree.PathOf("corpus");
        CopyDirectory(CorpusDirectory.Path!, corpus);

        var created = tree.RunIn(corpus, "lint", "--create-baseline", "kmslint-baseline.json", "--format", "json");
        var accepted = tree.RunIn(corpus, "lint", "--baseline", "kmslint-baseline.json", "--format", "json");

        using var baseline = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "kmslint-baseline.json")));
        var entries = baseline.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.True(entries.Count > 100, $"the corpus gave only {entries.Count} findings");
        Assert.Equal(ExitCode.Success, created.ExitCode);
        Assert.Equal((ExitCode.Success, ""), (accepted.ExitCode, accepted.Stderr));
        Assert.Empty(Unsuppressed(accepted));
        Assert.Equal(entries.Count, Summary(accepted, "suppressed"));

        // A YAML template with a key finding: a new, untagged, disabled key at the top of its Resources moves every
        // finding of that file down; only the new key's findings may show.
        var changed = entries.Select(entry => entry.GetProperty("file").GetString()!)
            .First(file => file.EndsWith(".yaml", StringComparison.Ordinal) &&
                           entries.Any(entry => entry.GetProperty("file").GetString() == file && entry.GetProperty("ruleId").GetString() == "KMS400"));
        var path = Path.Combine(corpus, changed);
        var lines = File.ReadAllLines(path).ToList();
        var resources = lines.FindIndex(line => line.TrimEnd() == "Resources:");
        var indent = new string(' ', lines.Skip(resources + 1).First(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#')).TakeWhile(c => c == ' ').Count());
        lines.InsertRange(resources + 1, new[]
        {
            indent + "AddedKey:", indent + indent + "Type: AWS::KMS::Key", indent + indent + "Properties:", indent + indent + indent + "Enabled: false",
        });
        File.WriteAllLines(path, lines);

        var after = tree.RunIn(corpus, "lint", "--baseline", "kmslint-baseline.json", "--format", "json");

        var shown = Unsuppressed(after);
        Assert.NotEmpty(shown);
        Assert.All(shown, finding => Assert.Equal((changed, "AddedKey"), (finding.File, finding.LogicalId)));
        Assert.Contains(shown, finding => finding.RuleId == "KMS400");
        Assert.Equal(entries.Count, Summary(after, "suppressed"));
        Assert.Equal(ExitCode.Findings, after.ExitCode);
        Assert.Equal("", after.Stderr); // no entry went stale: the moved findings kept their fingerprints
    }

    private static List<(string RuleId, string File, string? LogicalId)> Unsuppressed(CliResult result)
    {
        using var report = JsonDocument.Parse(result.Stdout);
        return report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(finding => !finding.GetProperty("suppressed").GetBoolean())
            .Select(finding => (finding.GetProperty("ruleId").GetString()!, finding.GetProperty("file").GetString()!, finding.GetProperty("logicalId").GetString()))
            .ToList();
    }

    private static int Summary(CliResult result, string count)
    {
        using var report = JsonDocument.Parse(result.Stdout);
        return report.RootElement.GetProperty("summary").GetProperty(count).GetInt32();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal); // the shared copy is read-only; the test edits one
        }
    }
}

/// <summary>The shared corpus of real templates beside the repository (<c>&lt;repo&gt;/../shared/corpus</c>), if present.</summary>
public static class CorpusDirectory
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var corpus = System.IO.Path.GetFullPath(System.IO.Path.Combine(ExternalTools.RepositoryRoot, "..", "shared", "corpus"));
        return Directory.Exists(corpus) ? corpus : null;
    }
}

/// <summary>Skipped, saying why, where the shared corpus is not beside the repository.</summary>
public sealed class FactWhenCorpusPresentAttribute : FactAttribute
{
    public FactWhenCorpusPresentAttribute()
    {
        if (CorpusDirectory.Path is null)
            Skip = "the shared template corpus (<repo>/../shared/corpus) is not present on this machine";
    }
}
