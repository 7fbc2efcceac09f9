using System.Text.Json;
using System.Xml;
using System.Xml.Schema;

namespace KmsLint.Cli.Tests;

/// <summary>The formats CI reads: GitHub workflow commands, JUnit XML, SARIF severities, JSON as written, a readable text layout.</summary>
public sealed class CiFormatsTests : IDisposable
{
    private const string Filter = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Filter:
            Type: AWS::Logs::MetricFilter
            Properties:
              LogGroupName: app-logs
              FilterPattern: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }'
              MetricTransformations: [{ MetricNamespace: CIS, MetricName: KeyLifecycle, MetricValue: "1" }]
        """;

    private readonly TempTree tree = new();

    public CiFormatsTests()
    {
        tree.Write("keys.yaml", Templates.DisabledKey);
        tree.Write("filter,1.yaml", Filter);
    }

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Github_annotates_each_finding_with_file_line_and_escaped_properties()
    {
        var result = tree.Run("lint", "--format", "github");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        var annotation = Assert.Single(result.StdoutLines, line => line.StartsWith("::warning file=keys.yaml,", StringComparison.Ordinal) && line.Contains("KMS403"));
        Assert.Matches(@"^::warning file=keys\.yaml,line=\d+,col=\d+,endLine=\d+,title=KMS403 DisabledKey::.*Enabled: false", annotation);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("::error file=filter%2C1.yaml,", StringComparison.Ordinal));
        Assert.Matches(@"^\d+ errors?, \d+ warnings?", result.StdoutLines[^1]);
    }

    [Fact]
    public void Junit_validates_against_the_JUnit_schema_and_fails_on_errors_and_warnings()
    {
        var result = tree.Run("lint", "--format", "junit");

        var document = Validate(result.Stdout);
        var failures = document.SelectNodes("//testcase/failure")!.Cast<XmlElement>().Select(f => f.GetAttribute("type")).ToList();
        Assert.Contains("KMS403", failures);
        Assert.Contains("KMS203", failures);
        Assert.Equal(document.SelectNodes("//testcase")!.Count.ToString(), document.DocumentElement!.GetAttribute("tests"));
    }

    [Fact]
    public void Junit_of_a_clean_run_is_one_passing_case()
    {
        using var clean = new TempTree();
        clean.Write("key.yaml", Templates.EnabledKey);
        clean.ConfigEnabling(("KMS403", "warning"));

        var document = Validate(clean.Run("lint", "--format", "junit").Stdout);

        Assert.Equal(1, document.SelectNodes("//testcase")!.Count);
        Assert.Equal(0, document.SelectNodes("//failure")!.Count);
    }

    [Fact]
    public void Sarif_rules_carry_tags_and_a_security_severity_GitHub_ranks_by()
    {
        var sarif = JsonDocument.Parse(tree.Run("lint", "--format", "sarif").Stdout).RootElement;

        var rules = sarif.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var kms200 = rules.Single(rule => rule.GetProperty("id").GetString() == "KMS200").GetProperty("properties");
        Assert.Equal("8.0", kms200.GetProperty("security-severity").GetString());
        Assert.Contains("security", kms200.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.All(rules, rule => Assert.True(double.Parse(rule.GetProperty("properties").GetProperty("security-severity").GetString()!, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 10));
    }

    [Fact]
    public void Json_keeps_patterns_as_written()
    {
        var result = tree.Run("lint", "--format", "json");

        Assert.Contains("use exactly: {($.eventSource=kms.amazonaws.com)&&", result.Stdout);
        Assert.Contains("key's deletion", result.Stdout);
        Assert.DoesNotContain("\\u0026", result.Stdout);
        Assert.DoesNotContain("\\u0027", result.Stdout);
    }

    [Fact]
    public void Pretty_puts_the_location_first_and_wraps_the_message_under_it()
    {
        var result = tree.Run("lint", "--format", "pretty");

        var lines = result.Stdout.Split('\n');
        var at = Array.FindIndex(lines, line => line.StartsWith("keys.yaml:", StringComparison.Ordinal) && line.Contains("KMS403"));
        Assert.Contains("warning KMS403 (DisabledKey)", lines[at]);
        Assert.All(lines.Skip(at + 1).TakeWhile(line => line.Length > 0), line => Assert.True(line.StartsWith("    ", StringComparison.Ordinal) && line.Length <= 100, line));
        Assert.Contains(lines, line => line.Trim() == "see https://github.com/kmslint/kmslint/blob/main/rules/KMS403.md");
    }

    private static XmlDocument Validate(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "junit-10.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} {e.Exception?.LineNumber}:{e.Exception?.LinePosition} {e.Message}");
        var document = new XmlDocument();
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
        {
            document.Load(reader);
        }

        Assert.Empty(errors);
        return document;
    }
}
