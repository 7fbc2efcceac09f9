using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

/// <summary>
/// The change-control engine on in-memory versions: how the base is paired with the linted set (renames, files shared
/// as unchanged, removed templates), change requests from the configuration and commit trailers, and base files that
/// cannot be read.
/// </summary>
public sealed class ChangeSetTests
{
    private const string Keys =
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources:\n" +
        "  DataKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    Properties: { EnableKeyRotation: true }\n" +
        "  LedgerKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    DeletionPolicy: Retain\n" +
        "    Properties: { EnableKeyRotation: true }\n";

    private const string LedgerOnly =
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources:\n" +
        "  LedgerKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    DeletionPolicy: Retain\n" +
        "    Properties: { EnableKeyRotation: true }\n";

    /// <summary>Only the change-control rules, at their default levels.</summary>
    private static LintSettings ChangeRulesOnly(Baseline baseline, ChangeRequestPolicy? policy = null)
    {
        var levels = RuleCatalog.All.Where(rule => !RuleCatalog.ChangeControl.Contains(rule) && rule != RuleCatalog.InternalError)
            .ToDictionary(rule => rule.Id, _ => (Level?)null, StringComparer.OrdinalIgnoreCase);
        return LintSettings.Default with { RuleLevels = levels, Baseline = baseline, ChangeRequests = policy ?? ChangeRequestPolicy.Default };
    }

    private static IReadOnlyList<string> Lint(IEnumerable<(string Path, string Text)> linted, LintSettings settings) =>
        Linter.Lint(linted.Select(file => Source(file.Path, file.Text)), settings).Findings
            .Select(finding => $"{finding.RuleId} {finding.Level} {finding.Location.File}:{finding.Location.StartLine}:{finding.Location.StartColumn} {finding.LogicalId}")
            .ToList();

    private static Baseline BaseOf(params (string Path, string Text)[] files) =>
        new("main", files.Select(file => Source(file.Path, file.Text)).ToList());

    [Fact]
    public void A_file_marked_unchanged_shares_the_linted_model_and_gives_what_parsing_it_again_gives()
    {
        var linted = new[] { ("keys.yaml", LedgerOnly), ("other.yaml", Keys) };

        var parsedAgain = Lint(linted, ChangeRulesOnly(BaseOf(("keys.yaml", Keys), ("other.yaml", Keys))));
        var shared = Lint(linted, ChangeRulesOnly(BaseOf(("keys.yaml", Keys)) with { Unchanged = new[] { "other.yaml" } }));

        Assert.Equal(new[] { "KMS410 Error keys.yaml:1:1 DataKey" }, parsedAgain);
        Assert.Equal(parsedAgain, shared);
    }

    [Fact]
    public void A_rename_pairs_the_files_and_without_it_the_old_file_is_a_removed_template()
    {
        var linted = new[] { ("payments.yaml", Keys) };

        Assert.Empty(Lint(linted, ChangeRulesOnly(BaseOf(("keys.yaml", Keys)) with { Renames = new Dictionary<string, string> { ["keys.yaml"] = "payments.yaml" } })));
        Assert.Equal(new[] { "KMS410 Error keys.yaml:3:3 DataKey" }, Lint(linted, ChangeRulesOnly(BaseOf(("keys.yaml", Keys)))));
    }

    [Fact]
    public void Two_files_that_swapped_names_are_paired_by_the_renames_not_by_their_paths()
    {
        var linted = new[] { ("a.yaml", LedgerOnly), ("b.yaml", Keys) };
        var baseline = BaseOf(("a.yaml", Keys), ("b.yaml", LedgerOnly)) with
        {
            Renames = new Dictionary<string, string> { ["a.yaml"] = "b.yaml", ["b.yaml"] = "a.yaml" },
        };

        Assert.Empty(Lint(linted, ChangeRulesOnly(baseline)));
    }

    [Fact]
    public void A_change_request_of_the_configuration_covers_its_key_and_a_trailer_covers_every_change()
    {
        var linted = new[] { ("keys.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n") };
        var configured = new ChangeRequestPolicy(ChangeRequestPolicy.DefaultPattern, new[] { new DeclaredChangeRequest("CHG-7", ".kmslint.yaml changes", null, "DataKey") });
        var keysWithTwoUnretained = Keys.Replace("    DeletionPolicy: Retain\n", string.Empty);

        Assert.Equal(new[] { "KMS410 Note keys.yaml:1:1 DataKey", "KMS410 Error keys.yaml:1:1 LedgerKey" },
            Lint(linted, ChangeRulesOnly(BaseOf(("keys.yaml", keysWithTwoUnretained)), configured)));

        var trailer = BaseOf(("keys.yaml", keysWithTwoUnretained)) with { ChangeRequests = new[] { new DeclaredChangeRequest("CHG-8", "the Change-Request trailer of commit 1234567890", null) } };
        Assert.Equal(new[] { "KMS410 Note keys.yaml:1:1 DataKey", "KMS410 Note keys.yaml:1:1 LedgerKey" }, Lint(linted, ChangeRulesOnly(trailer)));

        // A malformed trailer is reported once, on the first change it would cover, and authorizes nothing.
        var malformed = BaseOf(("keys.yaml", keysWithTwoUnretained)) with { ChangeRequests = new[] { new DeclaredChangeRequest("TBD", "the Change-Request trailer of commit 1234567890", null) } };
        Assert.Equal(new[] { "KMS410 Error keys.yaml:1:1 DataKey", "KMS410 Error keys.yaml:1:1 LedgerKey", "KMS414 Error keys.yaml:1:1 DataKey" },
            Lint(linted, ChangeRulesOnly(malformed)));
    }

    [Fact]
    public void A_value_imported_from_another_template_is_compared_as_each_version_exports_it()
    {
        const string exporter = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Flag:\n    Type: AWS::SSM::Parameter\n    Properties: {{ Type: String, Value: x }}\n" +
                                "Outputs:\n  KeysEnabled:\n    Value: \"{0}\"\n    Export: {{ Name: keys-enabled }}\n";
        const string importer = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  DataKey:\n    Type: AWS::KMS::Key\n    DeletionPolicy: Retain\n" +
                                "    Properties:\n      Enabled: !ImportValue keys-enabled\n";
        var baseline = BaseOf(("shared.yaml", string.Format(exporter, "true"))) with { Unchanged = new[] { "keys.yaml" } };

        var findings = Lint(new[] { ("shared.yaml", string.Format(exporter, "false")), ("keys.yaml", importer) }, ChangeRulesOnly(baseline));

        Assert.Equal(new[] { "KMS411 Error keys.yaml:7:7 DataKey" }, findings);
    }

    [Fact]
    public void A_base_file_that_cannot_be_read_is_a_note_and_its_shape_problems_are_not_this_change_s()
    {
        var unreadable = new TemplateSource("keys.yaml", () => throw new IOException("object missing"));
        var baseline = new Baseline("main", new[] { unreadable, Source("odd.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  X:\n    Type: AWS::KMS::Key\n    DeletionPolicy: Retain\n    DependsOn: { a: b }\n") });

        var findings = Linter.Lint(new[] { Source("keys.yaml", LedgerOnly), Source("odd.yaml", LedgerOnly) }, ChangeRulesOnly(baseline)).Findings;

        var note = Assert.Single(findings);
        Assert.Equal(("KMS410", Level.Note), (note.RuleId, note.Level));
        Assert.StartsWith("cannot check whether this change deletes keys of keys.yaml: its version at main was not read (cannot read the file (IOException: object missing), skipped)", note.Message);
    }

    [Fact]
    public void A_binary_base_file_is_not_a_template_and_gives_nothing()
    {
        var binary = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE };
        var baseline = new Baseline("main", new[] { Source("logo.yaml", binary) });

        Assert.Empty(Linter.Lint(new[] { Source("keys.yaml", LedgerOnly) }, ChangeRulesOnly(baseline)).Findings);
    }

    [Fact]
    public void A_near_miss_of_a_kmslint_metadata_setting_is_reported_rather_than_silently_ignored()
    {
        var report = TestLint.Lint("AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n  kmslint:\n    change_request: CHG-1\n    owner: payments\nResources: {}\n");

        var findings = report.Findings.Where(f => f.RuleId == "KMS901").ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal("kmslint metadata has no setting 'change_request'; did you mean 'change-request'? It does nothing as written (the settings are ignore and change-request).", findings[0].Message);
        Assert.Equal((4, 5), (findings[0].Location.StartLine, findings[0].Location.StartColumn));
        Assert.StartsWith("kmslint metadata has no setting 'owner'. It does nothing as written", findings[1].Message);
    }
}
