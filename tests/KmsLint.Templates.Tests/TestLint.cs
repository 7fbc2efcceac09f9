using System.Text;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Tests;

/// <summary>Lints in-memory files the way the CLI lints real ones.</summary>
internal static class TestLint
{
    internal static TemplateSource Source(string path, string text) => Source(path, Encoding.UTF8.GetBytes(text));

    internal static TemplateSource Source(string path, byte[] bytes) => new(path, () => new MemoryStream(bytes, writable: false));

    /// <summary>
    /// The engine's own tests use KMS403 as their example rule: every other linter rule is off, so that adding a
    /// rule (e.g. the repository-wide KMS100/KMS200) does not change what they check. Engine findings (KMS900-999) stay on.
    /// </summary>
    internal static LintSettings ExampleRuleOnly { get; } = ExampleRuleAnd();

    /// <summary><see cref="ExampleRuleOnly"/> with some levels changed (null turns a rule off).</summary>
    internal static LintSettings ExampleRuleAnd(params (string RuleId, Level? Level)[] overrides)
    {
        var levels = new Dictionary<string, Level?>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in RuleCatalog.All.Where(r => r.Id != "KMS403" && !r.Id.StartsWith("KMS9", StringComparison.Ordinal)))
        {
            levels[rule.Id] = null;
        }

        foreach (var (ruleId, level) in overrides)
        {
            levels[ruleId] = level;
        }

        return LintSettings.Default with { RuleLevels = levels };
    }

    internal static LintReport Lint(string text, string path = "template.yaml", LintSettings? settings = null) =>
        Linter.Lint(new[] { Source(path, text) }, settings ?? LintSettings.Default);

    internal static LintReport Lint(byte[] bytes, string path = "template.yaml") =>
        Linter.Lint(new[] { Source(path, bytes) }, LintSettings.Default);

    internal static LintReport LintSet(params (string Path, string Text)[] files) =>
        Linter.Lint(files.Select(f => Source(f.Path, f.Text)), LintSettings.Default);

    /// <summary>Lints with <see cref="ExampleRuleOnly"/> unless other settings are given.</summary>
    internal static LintReport LintExampleRule(string text, string path = "template.yaml", LintSettings? settings = null) =>
        Lint(text, path, settings ?? ExampleRuleOnly);

    internal static LintReport LintExampleRule(byte[] bytes, string path = "template.yaml") =>
        Linter.Lint(new[] { Source(path, bytes) }, ExampleRuleOnly);

    internal static LintReport LintExampleRuleSet(params (string Path, string Text)[] files) =>
        Linter.Lint(files.Select(f => Source(f.Path, f.Text)), ExampleRuleOnly);

    /// <summary>The template model of one text (which must be a template).</summary>
    internal static Template ModelOf(string text, string path = "template.yaml") => GraphOf((path, text)).Templates.Single();

    /// <summary>The repository graph of a set of texts.</summary>
    internal static RepoGraph GraphOf(params (string Path, string Text)[] files) => GraphOf(ExternalResources.None, files);

    internal static RepoGraph GraphOf(ExternalResources external, params (string Path, string Text)[] files) =>
        GraphOf(external, DeploymentFacts.None, files);

    internal static RepoGraph GraphOf(ExternalResources external, DeploymentFacts facts, params (string Path, string Text)[] files)
    {
        var templates = new List<Template>();
        foreach (var (path, text) in files)
        {
            var parsed = TemplateReader.Read(path, text);
            Assert.Null(parsed.ParseError);
            Assert.True(TemplateBuilder.IsTemplate(parsed.Root), path + " is not a template");
            templates.Add(TemplateBuilder.Build(path, (MappingNode)parsed.Root!, new List<ParseProblem>(), RepoGraph.ReadsPropertiesOf));
        }

        return new RepoGraph(templates, external, facts);
    }

    /// <summary>"KMS403 3:5 Key" per finding: what the fixture .expected files hold.</summary>
    internal static string Describe(Finding finding) =>
        $"{finding.RuleId} {finding.Location.StartLine}:{finding.Location.StartColumn}{(finding.LogicalId is null ? string.Empty : " " + finding.LogicalId)}";

    internal static IEnumerable<Finding> OfRule(this LintReport report, RuleDescriptor rule) =>
        report.Findings.Where(f => f.RuleId == rule.Id);
}
