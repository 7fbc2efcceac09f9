using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

/// <summary>KMS901: a template that parses but has a shape CloudFormation rejects; the rest of it is still linted.</summary>
public class MalformedTemplateTests
{
    /// <summary>Each case adds one malformed line to a template whose disabled key (KMS403) must still be found.</summary>
    [Theory]
    [InlineData("Bad: !GetAtt [A, B, C]", "Fn::GetAtt takes [LogicalId, Attribute], not 3 items")]
    [InlineData("Bad: !GetAtt NoDot", "must be LogicalId.Attribute")]
    [InlineData("Bad: !Sub 'arn:${AWS::Region:${Name}'", "Fn::Sub has a '${' without a closing '}'")]
    [InlineData("Bad: !Sub 'arn:aws:${Name'", "Fn::Sub has a '${' without a closing '}' at character 9")]
    [InlineData("Bad: !If [IsProd, a]", "Fn::If takes [ConditionName, value if true, value if false]")]
    [InlineData("Bad: !Foo bar", "unknown tag !Foo")]
    [InlineData("Bad: { \"Fn::Foo\": bar }", "unknown function Fn::Foo")]
    [InlineData("Bad: !Join [',']", "Fn::Join takes [delimiter, [values]]")]
    [InlineData("Bad: !Ref [a, b]", "Ref takes a name")]
    [InlineData("Bad: !FindInMap [Map, Key]", "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]")]
    public void Malformed_intrinsic_is_KMS901_where_it_is_written(string line, string message)
    {
        var report = LintExampleRule($"""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  {line}
                  Enabled: false
            """);

        var malformed = Assert.Single(report.Findings, f => f.RuleId == "KMS901");
        Assert.Contains(message, malformed.Message);
        Assert.Equal((6, 12), (malformed.Location.StartLine, malformed.Location.StartColumn));
        Assert.Contains(report.Findings, f => f.RuleId == "KMS403");
    }

    [Fact]
    public void Nested_attribute_GetAtt_is_well_formed()
    {
        var template = ModelOf("""
            Resources:
              Db: { Type: AWS::RDS::DBInstance }
              Key: { Type: AWS::KMS::Key, Properties: { Description: !GetAtt Db.Endpoint.Address } }
            """);

        Assert.True(template.FindResource("Key")!.Property("Description")!.AsIntrinsic!.TryGetAttTarget(out var id, out var attribute));
        Assert.Equal("Db", id);
        Assert.Equal("Endpoint.Address", attribute);
    }

    [Theory]
    [InlineData("Resources:\n  - Type: AWS::KMS::Key\n", "Resources must be a mapping", 2, 3)]
    [InlineData("Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: enabled\n", "resource Key: Properties must be a mapping", 4, 17)]
    [InlineData("Resources:\n  Key:\n    Properties: {}\n", "resource Key has no Type", 2, 3)]
    [InlineData("Resources:\n  Key: AWS::KMS::Key\n", "resource Key must be a mapping with Type", 2, 8)]
    [InlineData("Resources:\n  Key:\n    Type: [AWS::KMS::Key]\n", "resource Key: Type must be a string", 3, 11)]
    [InlineData("Parameters: [a]\nResources: {}\n", "Parameters must be a mapping", 1, 13)]
    [InlineData("Outputs:\n  Arn: just-a-string\nResources: {}\n", "output Arn must be a mapping", 2, 8)]
    public void Wrong_section_shapes_are_KMS901(string body, string message, int line, int column)
    {
        var report = LintExampleRule("AWSTemplateFormatVersion: \"2010-09-09\"\n" + body);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("KMS901", finding.RuleId);
        Assert.Contains(message, finding.Message);
        Assert.Equal((line + 1, column), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Equal(1, report.TemplatesLinted);
    }

    [Fact]
    public void A_broken_resource_does_not_hide_the_others()
    {
        var report = LintExampleRule("""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Broken: 42
              Key:
                Type: AWS::KMS::Key
                Properties: { Enabled: false }
            """);

        Assert.Equal(new[] { "KMS901 3:11", "KMS403 6:19 Key" }, report.Findings.Select(Describe));
    }

    [Fact]
    public void Unknown_suppression_entries_are_KMS901()
    {
        var report = LintExampleRule("""
            AWSTemplateFormatVersion: "2010-09-09"
            Metadata:
              kmslint:
                ignore: [KMS4O3, { reason: forgot the id }]
            Resources:
              Key: { Type: AWS::KMS::Key }
            """);

        Assert.Equal(new[] { "KMS901 4:14", "KMS901 4:22" }, report.Findings.Select(Describe));
        Assert.Contains("unknown rule KMS4O3", report.Findings[0].Message);
    }
}
