namespace KmsLint.Templates.Tests;

public class CorpusTests
{
    /// <summary>
    /// The four files SOURCES.md lists as deliberately broken, bad/duplicate.json (duplicate keys), and two more
    /// cfn-lint fixtures that are broken on purpose: bad/duplicate.yaml (the YAML twin, key mySnsTopic three times)
    /// and bad/core/parse_invalid_map.yaml (<c>[ !ImportValue Fn::Sub: "..." ]</c> makes a function a mapping key).
    /// </summary>
    private static readonly string[] ExpectedParseFailures =
    {
        "cfn-lint/bad/core/config_invalid_json.json",
        "cfn-lint/bad/core/config_invalid_yaml.yaml",
        "cfn-lint/bad/core/parse_invalid_map.yaml",
        "cfn-lint/bad/duplicate.json",
        "cfn-lint/bad/duplicate.yaml",
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
        var duplicate = Assert.Single(report.Findings, f => f.Location.File == "cfn-lint/bad/duplicate.json");
        Assert.Contains("duplicate key 'MySNSTopic'", duplicate.Message);
        Assert.Equal((17, 3), (duplicate.Location.StartLine, duplicate.Location.StartColumn));
        Assert.True(report.TemplatesLinted >= 520, $"only {report.TemplatesLinted} templates linted");
    }
}
