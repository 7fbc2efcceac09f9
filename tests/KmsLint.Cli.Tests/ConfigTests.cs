using KmsLint.Cli.Configuration;
using KmsLint.Templates;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Tests;

public sealed class ConfigTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData("rulez:\n  KMS400: off\n", ".kmslint.yaml:1:1: rulez: unknown key; did you mean 'rules'? (expected rules, tags, keys")]
    [InlineData("rules:\n  KMS777: off\n", ".kmslint.yaml:2:3: rules.KMS777: unknown rule id")]
    [InlineData("rules:\n  kms001: off\n", ".kmslint.yaml:2:3: rules.kms001: KMS001 is a rule of the C# analyzer: set its severity in .editorconfig (dotnet_diagnostic.KMS001.severity)")]
    [InlineData("rules:\n  KMS400: loud\n", ".kmslint.yaml:2:11: rules.KMS400: level must be off, error, warning or note, not 'loud'")]
    [InlineData("rules:\n  KMS999: off\n", ".kmslint.yaml:2:3: rules.KMS999: internal errors always fail the run")]
    [InlineData("rules: [KMS400]\n", ".kmslint.yaml:1:8: rules: must be a mapping")]
    [InlineData("tags:\n  required: Owner\n", ".kmslint.yaml:2:13: tags.required: must be a list")]
    [InlineData("tags:\n  needed: [Owner]\n", ".kmslint.yaml:2:3: tags.needed: unknown key (expected required)")]
    [InlineData("keys:\n  min_pending_window_days: 3\n", ".kmslint.yaml:2:28: keys.min_pending_window_days: must be from 7 to 30")]
    [InlineData("keys:\n  min_pending_window_days: soon\n", ".kmslint.yaml:2:28: keys.min_pending_window_days: must be a whole number")]
    [InlineData("detection:\n  routes: [metric-filter, pigeon]\n", ".kmslint.yaml:2:27: detection.routes: route must be metric-filter or eventbridge, not 'pigeon'")]
    [InlineData("detection:\n  routes: []\n", ".kmslint.yaml:2:11: detection.routes: name at least one route")]
    [InlineData("detection:\n  runbook_tags: runbook\n", ".kmslint.yaml:2:17: detection.runbook_tags: must be a list")]
    [InlineData("detection:\n  runbook_tags: [runbook, 'aws:runbook']\n", ".kmslint.yaml:2:27: detection.runbook_tags[1]: a tag key has at most 128 characters and does not start with aws:")]
    [InlineData("detection:\n  external: maybe\n", ".kmslint.yaml:2:13: detection.external: must be true or false")]
    [InlineData("external:\n  trails:\n    - log_group: org-logs\n", ".kmslint.yaml:3:7: external.trails[0].name: an external trail needs a name")]
    [InlineData("external:\n  trails:\n    - name: org\n      bucket: b\n", ".kmslint.yaml:4:7: external.trails[0].bucket: unknown key (expected name, log_group)")]
    [InlineData("external:\n  topics: [my-topic]\n", ".kmslint.yaml:2:12: external.topics[0]: 'my-topic' is not an ARN (arn:partition:sns:region:account:...)")]
    [InlineData("exclude: legacy/**\n", ".kmslint.yaml:1:10: exclude: must be a list")]
    [InlineData("max_file_bytes: 0\n", ".kmslint.yaml:1:17: max_file_bytes: must be at least 1")]
    [InlineData("rules:\n  KMS400: off\n  KMS400: error\n", ".kmslint.yaml:3:3: invalid YAML: Duplicate key")]
    [InlineData("rules: {KMS400: off\n", ".kmslint.yaml:2:1: invalid YAML: ")]
    [InlineData("- rules\n", ".kmslint.yaml:1:1: (root): must be a mapping")]
    [InlineData("change_requests:\n  pattern: \"^CHG-[0-9+$\"\n", ".kmslint.yaml:2:12: change_requests.pattern: not a valid regular expression")]
    [InlineData("change_requests:\n  regex: CHG\n", ".kmslint.yaml:2:3: change_requests.regex: unknown key (expected pattern)")]
    [InlineData("changes:\n  - change-request: CHG-1\n", ".kmslint.yaml:2:5: changes[0].key: name the logical id of the key the change request is for")]
    [InlineData("changes:\n  - key: DataKey\n", ".kmslint.yaml:2:5: changes[0].change-request: name the approved change request, e.g. CHG-1234")]
    [InlineData("changes:\n  - key: DataKey\n    change-request: [CHG-1]\n", ".kmslint.yaml:3:21: changes[0].change-request: must be a change request such as CHG-1234")]
    [InlineData("changes:\n  - key: DataKey\n    change_request: CHG-1\n", ".kmslint.yaml:3:5: changes[0].change_request: unknown key; did you mean 'change-request'? (expected key, change-request)")]
    [InlineData("changes:\n  key: DataKey\n", ".kmslint.yaml:2:3: changes: must be a list")]
    public void AnInvalidConfigNamesFileLineColumnKeyAndReasonAndExitsTwo(string config, string expected)
    {
        tree.Write(".kmslint.yaml", config);
        tree.Write("key.yaml", Templates.DisabledKey);

        var result = tree.Run("lint");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.StartsWith(expected, result.Stderr);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void EveryKeyIsReadIntoTheSettings()
    {
        var path = tree.Write("conf/.kmslint.yaml", """
            rules:
              KMS400: off
              kms104: error
            tags:
              required: [Team, CostCenter]
            keys:
              min_pending_window_days: 14
            detection:
              routes: [metric-filter]
              runbook_tags: [playbook]
            external:
              trails:
                - name: org-trail
                  log_group: aws-controltower/CloudTrailLogs
                - name: s3-only-trail
              topics:
                - arn:aws:sns:eu-west-1:123456789012:security-alerts
            exclude:
              - legacy/**
            max_file_bytes: 1000
            """);

        var config = ConfigLoader.Load(path, "conf/.kmslint.yaml");

        var settings = config.Settings;
        Assert.Null(settings.EffectiveLevel(RuleCatalog.KeyMissingOwnershipTags));
        Assert.Equal(Level.Error, settings.EffectiveLevel(RuleCatalog.LogFileValidationOff));
        Assert.Equal(Level.Warning, settings.EffectiveLevel(RuleCatalog.KeyDeclaredDisabled));
        Assert.Equal(new[] { "Team", "CostCenter" }, settings.RequiredTagKeys);
        Assert.Equal(14, settings.MinPendingWindowDays);
        Assert.Equal(DetectionRoutes.MetricFilter, settings.AcceptedRoutes);
        Assert.Equal(new[] { "playbook" }, settings.RunbookTagKeys);
        Assert.Equal(new[] { new ExternalTrail("org-trail", "aws-controltower/CloudTrailLogs"), new ExternalTrail("s3-only-trail", null) },
            settings.External.Trails);
        Assert.Equal(new[] { "arn:aws:sns:eu-west-1:123456789012:security-alerts" }, settings.External.TopicArns);
        Assert.Equal(1000, settings.MaxFileBytes);
        Assert.True(config.Excludes.IsExcluded(tree.PathOf("conf/legacy/old.yaml")));
        Assert.False(config.Excludes.IsExcluded(tree.PathOf("legacy/old.yaml")));
    }

    [Fact]
    public void AnAppTeamRepositoryOwningKeysButNotTheDetectionPassesOnceTheChainIsDeclaredExternal()
    {
        tree.Write("stacks/keys.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              OrdersKey:
                Type: AWS::KMS::Key
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
                Properties:
                  Tags:
                    - { Key: Owner, Value: orders }
                    - { Key: Purpose, Value: orders-table }
            """);

        var before = tree.Run("lint");
        tree.Write(".kmslint.yaml", "detection:\n  external: true   # Control Tower: the security account alerts\n");
        var after = tree.Run("lint");
        tree.Write("stacks/keys.yaml", File.ReadAllText(tree.PathOf("stacks/keys.yaml")).Replace("Retain", "Delete"));
        var keyRulesStillRun = tree.Run("lint");

        Assert.Equal(ExitCode.Findings, before.ExitCode);
        Assert.Contains(" error KMS100: ", before.Stdout);
        Assert.Equal((ExitCode.Success, "0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template\n"), (after.ExitCode, after.Stdout));
        Assert.Equal(ExitCode.Findings, keyRulesStillRun.ExitCode);
        Assert.Contains(" warning KMS402: ", keyRulesStillRun.Stdout);
    }

    [Fact]
    public void ChangeRequestsAreReadWithTheirPlaceAndAnEmptyOneIsKeptForKms414()
    {
        var path = tree.Write(".kmslint.yaml", """
            change_requests:
              pattern: "^OPS-[0-9]+$"
            changes:
              - key: PaymentsKey
                change-request: OPS-77
              - key: LedgerKey
                change-request:
            """);

        var policy = ConfigLoader.Load(path, ".kmslint.yaml").Settings.ChangeRequests;

        Assert.Equal("^OPS-[0-9]+$", policy.Pattern);
        Assert.Equal(2, policy.Declared.Count);
        Assert.Equal(("OPS-77", "PaymentsKey", 5, 21), (policy.Declared[0].Value, policy.Declared[0].LogicalId, policy.Declared[0].Location!.StartLine, policy.Declared[0].Location!.StartColumn));
        Assert.Null(policy.ProblemWith(policy.Declared[0]));
        Assert.Null(policy.Declared[1].Value);
        Assert.Equal("is empty", policy.ProblemWith(policy.Declared[1]));
        Assert.Equal("'CHG-1' does not match the pattern '^OPS-[0-9]+$'", policy.ProblemWith(policy.Declared[0] with { Value = "CHG-1" }));
    }

    [Fact]
    public void AnEmptyConfigMeansDefaults()
    {
        var path = tree.Write(".kmslint.yaml", "# nothing configured yet\nexclude:\n");

        var config = ConfigLoader.Load(path, ".kmslint.yaml");

        Assert.Equal(LintSettings.Default.RequiredTagKeys, config.Settings.RequiredTagKeys);
        Assert.Equal(LintSettings.Default.MaxFileBytes, config.Settings.MaxFileBytes);
        Assert.Empty(config.Settings.RuleLevels);
    }

    [Fact]
    public void TheConfigIsFoundInTheFirstDirectoryPath()
    {
        tree.Write("infra/key.yaml", Templates.DisabledKey);
        tree.Write("infra/.kmslint.yaml", TempTree.ConfigText(("KMS403", "note")));

        var result = tree.Run("lint", "infra");

        Assert.Contains("infra/key.yaml:", result.Stdout);
        Assert.Contains(": note KMS403: ", result.Stdout);
    }

    [Fact]
    public void ForAFilePathTheConfigIsFoundInTheWorkingDirectory()
    {
        tree.Write("infra/key.yaml", Templates.DisabledKey);
        tree.Write(".kmslint.yaml", TempTree.ConfigText(("KMS403", "note")));

        Assert.Contains(": note KMS403: ", tree.Run("lint", "infra/key.yaml").Stdout);
    }

    [Fact]
    public void ConfigOptionOverridesTheLookup()
    {
        tree.Write("key.yaml", Templates.DisabledKey);
        tree.ConfigEnabling(("KMS403", "warning"));
        tree.Write("strict.yaml", TempTree.ConfigText(("KMS403", "error")));

        var result = tree.Run("lint", "--config", "strict.yaml");

        Assert.Contains(": error KMS403: ", result.Stdout);
    }

    [Fact]
    public void AnInvalidConfigGivenWithTheOptionIsShownWithItsPath()
    {
        tree.Write("cfg/custom.yaml", "rules:\n  KMS400: maybe\n");

        var result = tree.Run("lint", "--config", "cfg/custom.yaml");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.StartsWith("cfg/custom.yaml:2:11: rules.KMS400: ", result.Stderr);
    }
}
