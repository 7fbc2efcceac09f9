using System.Text;
using System.Text.RegularExpressions;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests.Hostile;

/// <summary>
/// Issue 5 cases the front-end tests do not cover: wrong shapes in every property the model, graph and rules read,
/// alias counts, mapping nesting, text without a byte-order mark, and intrinsics built to explode the resolver.
/// Each ends in located findings or a silent skip, never an internal error.
/// </summary>
public class HostileTemplateTests
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "KMS200", "good");

    /// <summary>Values of the wrong shape for almost any property: a list, a mapping, a number, nothing, broken intrinsics.</summary>
    private static readonly string[] WrongValues =
    {
        "[1, [2]]", "{ a: b }", "42", "-1e400", "''", "null", "!Ref Nowhere", "!GetAtt [A, B, C]", "!Sub 'x${'", "!If [Nope, 1]",
        "{ Fn::Select: [9, [a]] }", "!Join [',', x]",
    };

    /// <summary>A complete detection chain (both routes); each scalar property in it is replaced in turn below.</summary>
    private static readonly (string Path, string Text)[] Chain =
    {
        ("metric-filter-route.yaml", File.ReadAllText(Path.Combine(FixtureDirectory, "metric-filter-route.yaml"))),
        ("eventbridge-route.yaml", File.ReadAllText(Path.Combine(FixtureDirectory, "eventbridge-route.yaml"))),
        ("key.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Key:
                Type: AWS::KMS::Key
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
                Properties:
                  Enabled: true
                  PendingWindowInDays: 30
                  Tags:
                    - Key: Owner
                      Value: team
              KeyAlias:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: alias/app
                  TargetKeyId: !Ref Key
            """),
    };

    private static readonly Regex InlineValue = new(@"^(?<key>\s*(- )?[A-Za-z][\w-]*:) \S.*$", RegexOptions.Multiline);

    public static TheoryData<int> ChainFiles() => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(ChainFiles))]
    public void Every_property_of_a_detection_chain_given_a_wrong_shape_gives_located_findings_not_a_crash(int file)
    {
        var (path, text) = Chain[file];
        var lines = InlineValue.Matches(text).ToList();
        Assert.True(lines.Count >= 10, $"{path}: only {lines.Count} lines to replace");

        foreach (var line in lines)
        {
            foreach (var wrong in WrongValues)
            {
                var mutated = text.Remove(line.Index, line.Length).Insert(line.Index, line.Groups["key"].Value + " " + wrong);
                var files = Chain.Select((entry, index) => index == file ? (entry.Path, mutated) : entry).ToArray();

                var report = LintSet(files);

                var context = $"{path} with '{line.Groups["key"].Value.Trim()} {wrong}'";
                Assert.True(report.Findings.All(f => f.RuleId != "KMS999"), context + ": " + string.Join("; ", report.Findings.Select(f => f.Message)));
                Assert.All(report.Findings, f => Assert.True(f.Location.StartLine >= 1 && f.Location.StartColumn >= 1, context));
            }
        }
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void Deep_flow_mappings_end_in_a_located_finding(int depth)
    {
        var text = "AWSTemplateFormatVersion: x\nResources: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "\n";

        var finding = Assert.Single(Lint(text).Findings);

        Assert.Equal("KMS900", finding.RuleId);
        Assert.Contains("nesting deeper than", finding.Message);
        Assert.Equal(2, finding.Location.StartLine);
    }

    [Fact]
    public void Alias_uses_beyond_the_bound_are_KMS900_at_the_first_one_over()
    {
        var text = new StringBuilder("AWSTemplateFormatVersion: x\nv: &v 1\nuses:\n");
        for (var i = 0; i <= Yaml.TemplateReader.MaxAliases; i++)
        {
            text.Append("  - *v\n");
        }

        var finding = Assert.Single(Lint(text.ToString()).Findings);

        Assert.Equal("KMS900", finding.RuleId);
        Assert.Contains("alias", finding.Message);
        Assert.Equal(4 + Yaml.TemplateReader.MaxAliases, finding.Location.StartLine);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf16_without_a_bom_is_KMS900_not_garbage(bool bigEndian)
    {
        var bytes = new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes("AWSTemplateFormatVersion: x\nResources: {}\n");

        var finding = Assert.Single(Lint(bytes, "stack.template").Findings);

        Assert.Equal("KMS900", finding.RuleId);
        Assert.Equal(1, finding.Location.StartLine);
    }

    [Fact]
    public void Intrinsics_built_to_multiply_possible_values_are_linted()
    {
        // 40 two-way ifs joined: 2^40 possible names if nothing bounded them; 200 nested ifs: deeper than any resolution.
        var join = "!Join ['', [" + string.Join(", ", Enumerable.Repeat("!If [C, a, b]", 40)) + "]]";
        var nested = string.Concat(Enumerable.Repeat("!If [C, x, ", 200)) + "y" + new string(']', 200);
        var report = Lint($"""
            AWSTemplateFormatVersion: "2010-09-09"
            Conditions:
              C: !Equals [a, b]
            Resources:
              Group:
                Type: AWS::Logs::LogGroup
                Properties: {"{"} LogGroupName: {join} {"}"}
              Trail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  IsLogging: {nested}
                  CloudWatchLogsLogGroupArn: {join}
              Filter:
                Type: AWS::Logs::MetricFilter
                Properties:
                  LogGroupName: {join}
                  FilterPattern: {join}
                  MetricTransformations: [{"{"} MetricNamespace: {join}, MetricName: {nested}, MetricValue: '1' {"}"}]
            """);

        Assert.DoesNotContain(report.Findings, f => f.RuleId is "KMS999" or "KMS900");
        Assert.Equal(1, report.TemplatesLinted);
    }
}
