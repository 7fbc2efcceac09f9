using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Pipeline;
using KmsLint.Templates.Rules;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

public class PipelineTests
{
    private const string DisabledKeys = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Plain:
            Type: AWS::KMS::Key
            Properties: { Enabled: false }
          WithReason:
            Type: AWS::KMS::Key
            Metadata:
              kmslint:
                ignore:
                  - { id: KMS403, reason: "archive key, CHG-42" }
            Properties: { Enabled: false }
          ById:
            Type: AWS::KMS::Key
            Metadata: { kmslint: { ignore: [kms403] } }
            Properties: { Enabled: false }
        """;

    [Fact]
    public void Resource_suppressions_mark_the_finding_with_where_and_why()
    {
        var findings = LintExampleRule(DisabledKeys).Findings;

        Assert.Equal(new[] { "Plain", "WithReason", "ById" }, findings.Select(f => f.LogicalId));
        Assert.Null(findings[0].Suppression);
        Assert.Equal("archive key, CHG-42", findings[1].Suppression!.Reason);
        Assert.Equal(11, findings[1].Suppression!.Location.StartLine);
        Assert.True(findings[2].IsSuppressed);
        Assert.Null(findings[2].Suppression!.Reason);
    }

    [Fact]
    public void Template_suppressions_cover_every_resource_of_that_template_only()
    {
        var suppressed = DisabledKeys.Replace("Resources:", "Metadata:\n  kmslint:\n    ignore: [{ id: KMS403, reason: sandbox }]\nResources:");
        var report = LintExampleRuleSet(("sandbox.yaml", suppressed), ("prod.yaml", DisabledKeys));

        Assert.All(report.Findings.Where(f => f.Location.File == "sandbox.yaml"), f => Assert.True(f.IsSuppressed));
        Assert.Equal("sandbox", report.Findings.First(f => f.LogicalId == "Plain" && f.Location.File == "sandbox.yaml").Suppression!.Reason);
        Assert.False(report.Findings.First(f => f.LogicalId == "Plain" && f.Location.File == "prod.yaml").IsSuppressed);
    }

    /// <summary>A template with no resource the rules read is kept as little more than its path; its ignore entries must survive that.</summary>
    [Fact]
    public void A_template_without_detection_resources_keeps_its_ignore_entries_and_structure_findings()
    {
        var report = Lint("""
            AWSTemplateFormatVersion: "2010-09-09"
            Metadata:
              kmslint:
                ignore: [{ id: KMS100, reason: "organization trail in the audit account" }]
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                DependsOn: { not: a list }
                Properties: { Runtime: python3.12, Handler: index.handler }
            """);

        var noTrail = Assert.Single(report.Findings, f => f.RuleId == "KMS100");
        Assert.Equal("organization trail in the audit account", noTrail.Suppression?.Reason);
        Assert.Contains(report.Findings, f => f.RuleId == "KMS901" && f.Location.StartLine == 8);
    }

    [Fact]
    public void Configured_levels_replace_the_default_and_off_drops_the_rule()
    {
        var raised = ExampleRuleAnd(("KMS403", Level.Error));
        var off = ExampleRuleAnd(("kms403", null));

        Assert.All(LintExampleRule(DisabledKeys, settings: raised).Findings, f => Assert.Equal(Level.Error, f.Level));
        Assert.All(LintExampleRule(DisabledKeys).Findings, f => Assert.Equal(Level.Warning, f.Level));
        Assert.Empty(LintExampleRule(DisabledKeys, settings: off).Findings);
    }

    [Fact]
    public void Parse_findings_take_configured_levels_too()
    {
        var settings = ExampleRuleAnd(("KMS900", Level.Note));

        var finding = Assert.Single(LintExampleRule("Resources: [", "t.template", settings).Findings);

        Assert.Equal(("KMS900", Level.Note), (finding.RuleId, finding.Level));
    }

    [Fact]
    public void A_crashing_rule_is_KMS999_on_the_file_it_was_on_and_the_other_rules_still_run()
    {
        var rules = new LintRule[] { new CrashAfterFirstKey(), new KeyDeclaredDisabledRule() };
        var report = LintPipeline.Run(
            new[] { Source("a.yaml", DisabledKeys), Source("b.yaml", DisabledKeys) },
            LintSettings.Default,
            rules);

        var crash = Assert.Single(report.Findings, f => f.RuleId == "KMS999");
        Assert.Equal(("a.yaml", 1, 1, Level.Error), (crash.Location.File, crash.Location.StartLine, crash.Location.StartColumn, crash.Level));
        Assert.Contains("rule KMS400 failed (InvalidOperationException: boom)", crash.Message);
        Assert.Equal(6, report.Findings.Count(f => f.RuleId == "KMS403"));
        Assert.Single(report.Findings, f => f.RuleId == "KMS400");
    }

    [Fact]
    public void A_rule_crashing_before_any_finding_is_reported_on_the_first_template()
    {
        var report = LintPipeline.Run(new[] { Source("first.yaml", DisabledKeys) }, LintSettings.Default, new LintRule[] { new CrashAtOnce() });

        Assert.Equal("KMS999 1:1", Describe(Assert.Single(report.Findings)));
        Assert.Equal("first.yaml", report.Findings[0].Location.File);
    }

    [Fact]
    public void Findings_are_sorted_by_file_line_column_and_rule()
    {
        var report = LintExampleRuleSet(("b.yaml", DisabledKeys), ("a.yaml", "Resources: [\n"), ("a.template", DisabledKeys));

        var order = report.Findings.Select(f => (f.Location.File, f.Location.StartLine, f.Location.StartColumn, f.RuleId)).ToList();
        Assert.Equal(order.OrderBy(o => o.File, StringComparer.Ordinal).ThenBy(o => o.StartLine).ThenBy(o => o.StartColumn).ThenBy(o => o.RuleId, StringComparer.Ordinal), order);
        Assert.Equal(new[] { "a.template", "a.yaml", "b.yaml" }, report.Findings.Select(f => f.Location.File).Distinct());
    }

    [Fact]
    public void The_report_counts_templates_and_other_files()
    {
        var report = LintExampleRuleSet(("t.yaml", DisabledKeys), ("ci.yml", "on: push\n"), ("package.json", "{}"));

        Assert.Equal((1, 2), (report.TemplatesLinted, report.FilesNotTemplates));
    }

    [Fact]
    public void Every_registered_rule_is_in_the_catalog_once()
    {
        var ids = RuleRegistry.All.Select(r => r.Descriptor.Id).ToList();

        Assert.Equal(ids.Distinct(), ids);
        Assert.All(RuleRegistry.All, r => Assert.Same(RuleCatalog.Find(r.Descriptor.Id), r.Descriptor));
    }

    /// <summary>Reports one finding on the first key, then fails, as a buggy rule would.</summary>
    private sealed class CrashAfterFirstKey : LintRule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.KeyMissingOwnershipTags;

        public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
        {
            yield return Report(graph.Keys[0].Resource, "first");
            throw new InvalidOperationException("boom");
        }
    }

    private sealed class CrashAtOnce : LintRule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.KeyNotRetained;

        public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings) =>
            throw new NullReferenceException("bug");
    }
}
