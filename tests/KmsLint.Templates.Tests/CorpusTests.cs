using KmsLint.Templates.Graph;
using KmsLint.Templates.Pipeline;
using KmsLint.Templates.Rules;

namespace KmsLint.Templates.Tests;

public class CorpusTests
{
    /// <summary>
    /// The files SOURCES.md lists as deliberately broken except bad/duplicate.json (duplicate keys parse: KMS901), and
    /// cfn-lint's bad/core/parse_invalid_map.yaml (<c>[ !ImportValue Fn::Sub: "..." ]</c> makes a function a mapping key).
    /// </summary>
    private static readonly string[] ExpectedParseFailures =
    {
        "cfn-lint/bad/core/config_invalid_json.json",
        "cfn-lint/bad/core/config_invalid_yaml.yaml",
        "cfn-lint/bad/core/parse_invalid_map.yaml",
        "cfn-lint/bad/json_parse.json",
        "cfn-lint/bad/template.yaml",
    };

    [CorpusFact]
    public void The_whole_corpus_lints_without_crash_and_only_the_broken_files_fail_to_parse()
    {
        var files = Corpus.Files();
        var report = Linter.Lint(
            files.Select(f => new TemplateSource(Corpus.Relative(f), () => File.OpenRead(f))),
            LintSettings.Default);

        Assert.True(files.Length >= 540, $"only {files.Length} corpus files found");
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "KMS999" or "KMS902");
        var parseFailures = report.Findings.Where(f => f.RuleId == "KMS900").OrderBy(f => f.Location.File, StringComparer.Ordinal).ToList();
        Assert.True(
            ExpectedParseFailures.SequenceEqual(parseFailures.Select(f => f.Location.File)),
            string.Join("\n", parseFailures.Select(f => $"{f.Location.File}:{f.Location.StartLine}:{f.Location.StartColumn} {f.Message}")));
        // cfn-lint's duplicate fixtures (a topic written two and three times) are linted, each repetition reported where it is.
        var duplicates = report.Findings.Where(f => f.Location.File.StartsWith("cfn-lint/bad/duplicate.", StringComparison.Ordinal) && f.RuleId == "KMS901")
            .Select(f => $"{f.Location.File}:{f.Location.StartLine}:{f.Location.StartColumn} {f.Message.Split(':')[0]}");
        Assert.Equal(
            new[]
            {
                "cfn-lint/bad/duplicate.json:17:3 duplicate key 'MySNSTopic' (first at line 5, column 3)",
                "cfn-lint/bad/duplicate.json:23:3 duplicate key 'MySNSTopic' (first at line 17, column 3)",
                "cfn-lint/bad/duplicate.yaml:9:3 duplicate key 'mySnsTopic' (first at line 3, column 3)",
                "cfn-lint/bad/duplicate.yaml:13:3 duplicate key 'mySnsTopic' (first at line 9, column 3)",
            },
            duplicates);
        Assert.True(report.TemplatesLinted >= 520, $"only {report.TemplatesLinted} templates linted");
    }

    /// <summary>Linted as one set, the corpus resolves across hundreds of templates; models that drop unread properties must agree.</summary>
    [CorpusFact]
    public void Dropping_unread_properties_changes_no_finding_on_the_whole_corpus()
    {
        var files = Corpus.Files();
        IEnumerable<TemplateSource> Sources() => files.Select(f => new TemplateSource(Corpus.Relative(f), () => File.OpenRead(f)));

        var whole = LintPipeline.Run(Sources(), LintSettings.Default, RuleRegistry.All, readsPropertiesOf: null);
        var pruned = LintPipeline.Run(Sources(), LintSettings.Default, RuleRegistry.All, RepoGraph.ReadsPropertiesOf);

        Assert.Contains(whole.Findings, f => f.RuleId.StartsWith("KMS4", StringComparison.Ordinal));
        Assert.Equal(whole.Findings, pruned.Findings);
    }
}

public class JsonYamlTwinTests
{
    /// <summary>
    /// aws-cloudformation-templates keeps most templates as a JSON and a YAML twin: linted alone, each twin must get
    /// the same rule findings (rule and resource; lines differ between the forms). Structure findings (KMS9xx) are
    /// left out: several YAML twins use rain's <c>!Rain::Embed</c> preprocessor tag (KMS901, unknown tag) where the
    /// JSON twin holds the embedded text, so those files really differ.
    /// </summary>
    [CorpusFact]
    public void Json_and_yaml_twins_of_a_template_get_the_same_findings()
    {
        var twins = Corpus.Files()
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) && Corpus.Relative(f).StartsWith("aws-cloudformation-templates/", StringComparison.Ordinal))
            .Select(json => (json, yaml: Path.ChangeExtension(json, ".yaml")))
            .Where(pair => File.Exists(pair.yaml))
            .ToList();

        Assert.True(twins.Count >= 50, $"only {twins.Count} JSON/YAML twins found");
        var differing = twins
            .Select(pair => (pair.json, jsonFindings: FindingsOf(pair.json), yamlFindings: FindingsOf(pair.yaml)))
            .Where(result => !result.jsonFindings.SequenceEqual(result.yamlFindings))
            .Select(result => $"{Corpus.Relative(result.json)}:\n  json {string.Join(", ", result.jsonFindings)}\n  yaml {string.Join(", ", result.yamlFindings)}")
            .ToList();
        Assert.True(differing.Count == 0, string.Join("\n", differing));
    }

    private static IReadOnlyList<string> FindingsOf(string file) =>
        Linter.Lint(new[] { new TemplateSource(Corpus.Relative(file), () => File.OpenRead(file)) }, LintSettings.Default)
            .Findings.Where(f => !f.RuleId.StartsWith("KMS9", StringComparison.Ordinal))
            .Select(f => $"{f.RuleId} {f.LogicalId}").OrderBy(s => s, StringComparer.Ordinal).ToList();
}
