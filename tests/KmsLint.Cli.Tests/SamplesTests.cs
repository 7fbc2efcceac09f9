using System.Text.Json;

namespace KmsLint.Cli.Tests;

/// <summary>The README's samples: the complete monitoring stack passes, the broken one shows each of its mistakes once.</summary>
public sealed class SamplesTests
{
    private static string Samples => Path.Combine(ExternalTools.RepositoryRoot, "samples", "templates");

    [Fact]
    public void Monitoring_stack_passes_with_exit_0_and_no_finding_at_any_level()
    {
        var lint = TempTree.RunWith(new CliContext(new StringWriter(), new StringWriter(), Samples),
            "lint", "monitoring-stack", "--fail-level", "note");
        Assert.True(lint.ExitCode == ExitCode.Success, lint.Stdout + lint.Stderr);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 4 templates" }, lint.StdoutLines);
    }

    [Fact]
    public void Broken_stack_reports_each_deliberate_mistake_on_its_resource()
    {
        var lint = TempTree.RunWith(new CliContext(new StringWriter(), new StringWriter(), Samples),
            "lint", "broken-stack", "--format", "json");
        Assert.Equal(ExitCode.Findings, lint.ExitCode);
        using var report = JsonDocument.Parse(lint.Stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(finding => $"{finding.GetProperty("ruleId").GetString()} {finding.GetProperty("file").GetString()} {finding.GetProperty("logicalId").GetString()}")
            .ToList();
        Assert.Equal(new[]
        {
            "KMS304 broken-stack/detection.yaml KeyLifecycleAlarm",              // no runbook link
            "KMS301 broken-stack/detection.yaml KeyLifecycleAlarm",              // threshold 2
            "KMS400 broken-stack/keys.yaml AlertTopicKey",                       // untagged key
            "KMS402 broken-stack/keys.yaml AlertTopicKey",                       // DeletionPolicy: Delete
            "KMS201 broken-stack/legacy-detection.yaml LegacyKeyDeletionFilter", // && instead of ||
            "KMS303 broken-stack/notifications.yaml AlertTopic",                 // topic without subscriber
            "KMS104 broken-stack/trail.yaml Trail",                              // no log file validation
        }, findings);
    }
}
