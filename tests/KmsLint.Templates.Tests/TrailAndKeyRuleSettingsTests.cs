using KmsLint.Templates.Findings;

namespace KmsLint.Templates.Tests;

/// <summary>What .kmslint.yaml changes for KMS100–105 and KMS400–401 (the fixtures run with the default settings).</summary>
public class TrailAndKeyRuleSettingsTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    private static readonly LintSettings WithOrganizationTrail = LintSettings.Default with
    {
        External = new ExternalResources(new[] { new ExternalTrail("org-trail", "aws-controltower/CloudTrailLogs") }, Array.Empty<string>()),
    };

    private static string Fixture(string path) => File.ReadAllText(Path.Combine(FixtureRoot, path));

    private static List<string> Findings(string text, LintSettings settings, RuleDescriptor rule) =>
        TestLint.Lint(text, settings: settings).OfRule(rule).Select(TestLint.Describe).ToList();

    [Fact]
    public void An_external_trail_is_a_trail_for_KMS100()
    {
        var keysOnly = Fixture("KMS100/bad/keys-only.yaml");

        Assert.Single(Findings(keysOnly, LintSettings.Default, RuleCatalog.NoTrail));
        Assert.Empty(Findings(keysOnly, WithOrganizationTrail, RuleCatalog.NoTrail));
    }

    [Theory]
    [InlineData("KMS101/bad/single-region-trail.yaml", "KMS101")]
    [InlineData("KMS102/bad/kms-excluded.yaml", "KMS102")]
    [InlineData("KMS103/bad/trail-writes-only-to-s3.yaml", "KMS103")]
    public void An_external_trail_with_a_log_group_covers_the_set(string fixture, string ruleId)
    {
        var rule = RuleCatalog.Find(ruleId)!;

        Assert.NotEmpty(Findings(Fixture(fixture), LintSettings.Default, rule));
        Assert.Empty(Findings(Fixture(fixture), WithOrganizationTrail, rule));
    }

    [Fact]
    public void An_external_trail_without_a_log_group_does_not_satisfy_KMS103()
    {
        var settings = LintSettings.Default with
        {
            External = new ExternalResources(new[] { new ExternalTrail("org-trail", null) }, Array.Empty<string>()),
        };

        Assert.Equal(new[] { "KMS103 46:3 ManagementTrail" }, Findings(Fixture("KMS103/bad/trail-writes-only-to-s3.yaml"), settings, RuleCatalog.TrailNotDeliveringToLogs));
    }

    [Fact]
    public void An_EventBridge_rule_does_not_excuse_KMS103_when_only_the_metric_filter_route_is_accepted()
    {
        var eventBridgeRoute = Fixture("KMS103/good/eventbridge-route.yaml");
        var metricFilterOnly = LintSettings.Default with { AcceptedRoutes = DetectionRoutes.MetricFilter };

        Assert.Empty(Findings(eventBridgeRoute, LintSettings.Default, RuleCatalog.TrailNotDeliveringToLogs));
        Assert.Equal(new[] { "KMS103 46:3 ManagementTrail" }, Findings(eventBridgeRoute, metricFilterOnly, RuleCatalog.TrailNotDeliveringToLogs));
    }

    [Fact]
    public void Required_tag_keys_come_from_the_settings()
    {
        var ownedKeys = Fixture("KMS400/good/owned-keys.yaml");
        var withCostCenter = LintSettings.Default with { RequiredTagKeys = new[] { "Owner", "CostCenter" } };

        var finding = Assert.Single(TestLint.Lint(ownedKeys, settings: withCostCenter).OfRule(RuleCatalog.KeyMissingOwnershipTags));
        Assert.Equal("OrdersKey", finding.LogicalId);
        Assert.Contains("lacks the ownership tag CostCenter,", finding.Message);
    }

    [Fact]
    public void Tag_keys_in_another_case_or_misspelt_are_named_on_the_tag_to_rename()
    {
        var findings = TestLint.Lint(Fixture("KMS400/bad/near-miss-tag-keys.yaml"), settings: LintSettings.Default).OfRule(RuleCatalog.KeyMissingOwnershipTags).ToList();

        Assert.Equal(2, findings.Count);
        Assert.Equal(
            "KMS key LowercaseTagsKey lacks the ownership tags Owner, Purpose, so nobody can be asked before it is disabled or deleted. "
            + "Its tag keys owner and purpose are not Owner and Purpose: tag keys are case-sensitive. Rename them "
            + "(tags.required in .kmslint.yaml sets the required keys).",
            findings[0].Message);
        Assert.Contains("Its tag key Ownr is not Owner. If that is what it means, rename it (tags.required in .kmslint.yaml sets the required keys).", findings[1].Message);
    }

    [Fact]
    public void An_external_detection_chain_runs_the_key_rules_only()
    {
        var external = LintSettings.Default with { DetectionIsExternal = true };
        var keysOnly = Fixture("KMS100/bad/keys-only.yaml").Replace("        - { Key: Purpose, Value: orders-table }\n", string.Empty);

        var report = TestLint.Lint(keysOnly, settings: external);

        Assert.Equal(new[] { "KMS400 11:7 DataKey" }, report.Findings.Select(TestLint.Describe));
        Assert.Contains(RuleCatalog.NoTrail.Id, TestLint.Lint(keysOnly, settings: LintSettings.Default).Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void KMS100_and_KMS200_say_how_to_declare_a_chain_that_lives_elsewhere()
    {
        var noTrail = Assert.Single(TestLint.Lint(Fixture("KMS100/bad/keys-only.yaml"), settings: LintSettings.Default).OfRule(RuleCatalog.NoTrail));
        var noDetection = Assert.Single(TestLint.Lint(Fixture("KMS200/bad/no-detection.yaml"), settings: LintSettings.Default).OfRule(RuleCatalog.NoKeyLifecycleDetection));

        Assert.Contains("set detection: {external: true}", noTrail.Message);
        Assert.Contains("`kmslint init` writes a whole detection chain", noTrail.Message);
        Assert.Contains("set detection: {external: true} in .kmslint.yaml", noDetection.Message);
        // The repository has a trail: `kmslint init` would add a second one.
        Assert.DoesNotContain("kmslint init", noDetection.Message);
    }

    [Fact]
    public void The_minimum_pending_window_comes_from_the_settings()
    {
        var tenDays = Fixture("KMS401/bad/short-window.json");

        Assert.Single(Findings(tenDays, LintSettings.Default, RuleCatalog.KeyPendingWindowTooShort));
        Assert.Empty(Findings(tenDays, LintSettings.Default with { MinPendingWindowDays = 10 }, RuleCatalog.KeyPendingWindowTooShort));
    }

    [Fact]
    public void A_missing_trail_is_one_finding_not_a_cascade()
    {
        var report = TestLint.Lint(Fixture("KMS100/bad/keys-only.yaml"), settings: LintSettings.Default);

        Assert.Single(report.Findings, f => f.RuleId.StartsWith("KMS10", StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_name_the_condition_of_the_branch_that_disables_recording()
    {
        var finding = Assert.Single(TestLint.Lint(Fixture("KMS105/bad/logging-off-in-sandbox.json"), "t.json", LintSettings.Default).OfRule(RuleCatalog.TrailNotLogging));

        Assert.Contains("IsLogging: false (when condition IsSandbox is true)", finding.Message);
    }
}
