using System.Text;
using System.Text.Json;

namespace KmsLint.Cli.Tests;

/// <summary>
/// A web of custom event buses whose rules forward to each other (five targets each, EventBridge's limit, in cycles).
/// Following every forwarding chain grows with the number of paths: 40 such buses kept kmslint busy for more than a
/// minute. Each run is the real kmslint in a child process, killed after a minute, so a hang fails the test only.
/// </summary>
public sealed class ForwardingWebProcessTests : IDisposable
{
    private const int Buses = 40;

    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    /// <summary>Bus i forwards to i+1 (a ring, so every bus is reachable) and to eight more, in two rules.</summary>
    private static string Web(bool fedFromTheDefaultBus)
    {
        var text = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
        for (var i = 0; i < Buses; i++)
            text.Append($"  Bus{i}:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: bus-{i}\n");
        for (var i = 0; i < Buses; i++)
        {
            var offsets = new[] { new[] { 1, 7, 11, 13, 17 }, new[] { 19, 23, 29, 31, 37 } };
            for (var rule = 0; rule < offsets.Length; rule++)
            {
                text.Append($"  Forward{i}x{rule}:\n    Type: AWS::Events::Rule\n    Properties:\n      EventBusName: !Ref Bus{i}\n")
                    .Append("      EventPattern: {source: [aws.kms]}\n      Targets:\n");
                foreach (var offset in offsets[rule])
                    text.Append($"        - {{Arn: !GetAtt Bus{(i + offset) % Buses}.Arn, Id: to{(i + offset) % Buses}}}\n");
            }
        }

        if (fedFromTheDefaultBus)
        {
            text.Append("  FromDefault:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {source: [aws.kms]}\n")
                .Append("      Targets: [{Arn: !GetAtt Bus1.Arn, Id: web}]\n");
        }

        return text.Append("""
              Detect:
                Type: AWS::Events::Rule
                Properties:
                  Description: 'Runbook: https://wiki.example.com/runbooks/kms-key-lifecycle'
                  EventBusName: !Ref Bus0
                  EventPattern:
                    source: [aws.kms]
                    detail-type: [AWS API Call via CloudTrail]
                    detail: {eventSource: [kms.amazonaws.com], eventName: [DisableKey, ScheduleKeyDeletion]}
                  Targets: [{Arn: !Ref Topic, Id: alerts}]
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  Subscription: [{Protocol: email, Endpoint: security@example.com}]

            """).ToString();
    }

    private const string Trail = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              IsMultiRegionTrail: true
              EnableLogFileValidation: true
              S3BucketName: audit-logs
        """;

    [Fact]
    public void A_web_of_forwarding_buses_fed_by_the_default_bus_delivers_to_the_rule_at_its_far_end()
    {
        tree.Write("trail.yaml", Trail);
        tree.Write("buses.yaml", Web(fedFromTheDefaultBus: true));

        var lint = tree.RunProcess("lint", "--format", "json", "--fail-level", "none");

        Assert.True(lint.ExitCode == 0, lint.Output);
        var detect = JsonDocument.Parse(lint.Output).RootElement.GetProperty("detections").EnumerateArray()
            .Single(detection => detection.GetProperty("logicalId").GetString() == "Detect");
        Assert.Equal("works", detect.GetProperty("events").GetProperty("DisableKey").GetString());
        Assert.Equal("works", detect.GetProperty("events").GetProperty("ScheduleKeyDeletion").GetString());

        var report = tree.RunProcess("report", "--format", "dot");
        Assert.True(report.ExitCode == 0, report.Output);
        Assert.Contains("Bus1", report.Output);
    }

    [Fact]
    public void A_web_of_forwarding_buses_that_nothing_feeds_ends_and_tells_nobody()
    {
        tree.Write("trail.yaml", Trail);
        tree.Write("buses.yaml", Web(fedFromTheDefaultBus: false));

        var lint = tree.RunProcess("lint", "--format", "json", "--fail-level", "none");

        Assert.True(lint.ExitCode == 0, lint.Output);
        var detect = JsonDocument.Parse(lint.Output).RootElement.GetProperty("detections").EnumerateArray()
            .Single(detection => detection.GetProperty("logicalId").GetString() == "Detect");
        Assert.NotEqual("works", detect.GetProperty("events").GetProperty("DisableKey").GetString());
        Assert.True(tree.RunProcess("report").ExitCode == 0);
    }
}
