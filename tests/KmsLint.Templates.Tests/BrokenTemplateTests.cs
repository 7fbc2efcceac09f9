using KmsLint.Templates.Findings;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

/// <summary>
/// Issue 11: a template with a duplicate key is still linted, and a template that does not parse at all makes the
/// repository-wide "nothing found" rules say their result is incomplete instead of claiming the thing is absent.
/// </summary>
public class BrokenTemplateTests
{
    private static readonly string DuplicatePrincipal = Path.Combine(AppContext.BaseDirectory, "Fixtures", "KMS203", "bad", "duplicate-principal");

    private const string Trail = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Group: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: /org/cloudtrail } }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              IsMultiRegionTrail: true
              S3BucketName: audit-bucket
              CloudWatchLogsLogGroupArn: !GetAtt Group.Arn
              CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-to-logs
        """;

    /// <summary>A detection template cut off in the middle of its filter, as a bad merge leaves it.</summary>
    private const string BrokenDetection = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Filter:
            Type: AWS::Logs::MetricFilter
            Properties:
              LogGroupName: /org/cloudtrail
              FilterPattern: '{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)
        """;

    private const string BrokenNetwork = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: [10.0.0.0/16 } }
        """;

    [Fact]
    public void A_security_hub_template_with_principal_written_twice_is_still_linted_with_the_later_value()
    {
        var sources = Directory.GetFiles(DuplicatePrincipal).Order(StringComparer.Ordinal)
            .Select(file => new TemplateSource(Path.GetFileName(file), () => File.OpenRead(file)));

        var report = Linter.Lint(sources, LintSettings.Default);

        var duplicate = Assert.Single(report.Findings, f => f.RuleId == "KMS901");
        Assert.Equal(("security-hub-cis.yaml", 34, 13), (duplicate.Location.File, duplicate.Location.StartLine, duplicate.Location.StartColumn));
        Assert.StartsWith("duplicate key 'Principal' (first at line 30, column 13): the later value is linted", duplicate.Message);
        // Its filter is seen (so no "no detection" elsewhere) and judged: it watches a log group no trail delivers to.
        Assert.Equal(2, report.TemplatesLinted);
        Assert.Contains(report.Findings, f => f.RuleId == "KMS203" && f.LogicalId == "KmsKeyDisabledOrScheduledForDeletionFilter");
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "KMS900" or "KMS200" or "KMS300" or "KMS302");
    }

    [Fact]
    public void No_detection_is_an_incomplete_result_naming_the_template_that_does_not_parse()
    {
        var report = LintSet(("trail.yaml", Trail), ("detection.yaml", BrokenDetection));

        Assert.Single(report.Findings, f => f.RuleId == "KMS900" && f.Location.File == "detection.yaml" && f.Level == Level.Error);
        var noDetection = Assert.Single(report.Findings, f => f.RuleId == "KMS200");
        // KmsLint cannot know whether the detection is absent: a note, while the broken file is the error to fix.
        Assert.Equal(Level.Note, noDetection.Level);
        Assert.StartsWith("Result incomplete: detection.yaml does not parse (KMS900) and may declare the detection; fix it and lint again. "
            + "In the templates that parse: No enabled detection", noDetection.Message);
    }

    [Fact]
    public void A_broken_template_that_cannot_declare_the_missing_piece_leaves_the_finding_as_it_is()
    {
        var report = LintSet(("trail.yaml", Trail), ("network.yaml", BrokenNetwork));

        var noDetection = Assert.Single(report.Findings, f => f.RuleId == "KMS200");
        Assert.Equal(Level.Error, noDetection.Level);
        Assert.StartsWith("No enabled detection matches both DisableKey and ScheduleKeyDeletion", noDetection.Message);
    }

    [Fact]
    public void No_trail_is_an_incomplete_result_when_a_broken_template_names_a_trail()
    {
        var brokenTrail = Trail.Replace("IsLogging: true", "IsLogging: [true");

        var report = LintSet(("trail.yaml", brokenTrail), ("network.yaml", BrokenNetwork), ("detection.yaml", BrokenDetection), ("keys.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Key: { Type: AWS::KMS::Key }
            """));

        var noTrail = Assert.Single(report.Findings, f => f.RuleId == "KMS100");
        Assert.Equal(Level.Note, noTrail.Level);
        Assert.StartsWith("Result incomplete: trail.yaml does not parse (KMS900) and may declare a trail;", noTrail.Message);
        Assert.StartsWith("Result incomplete: detection.yaml does not parse", Assert.Single(report.Findings, f => f.RuleId == "KMS200").Message);
    }

    [Fact]
    public void No_trail_delivering_to_logs_is_incomplete_and_names_at_most_three_files()
    {
        var trailWithoutLogs = Trail.Replace("CloudWatchLogsLogGroupArn: !GetAtt Group.Arn", "EnableLogFileValidation: true");
        var brokenTrails = Enumerable.Range(1, 5).Select(i => ($"trail-{i}.yaml", Trail.Replace("IsLogging: true", "IsLogging: {"))).ToArray();

        var report = LintSet(brokenTrails.Prepend(("main.yaml", trailWithoutLogs)).ToArray());

        var notDelivering = Assert.Single(report.Findings, f => f.RuleId == "KMS103");
        Assert.Equal((Level.Note, "Trail"), (notDelivering.Level, notDelivering.LogicalId));
        Assert.StartsWith("Result incomplete: trail-1.yaml, trail-2.yaml, trail-3.yaml and 2 more do not parse (KMS900) and may declare a trail "
            + "that delivers to CloudWatch Logs or an EventBridge rule; fix them and lint again. In the templates that parse: Trail Trail does not deliver",
            notDelivering.Message);
    }
}
