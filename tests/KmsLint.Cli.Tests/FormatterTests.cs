using System.Text.Json;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Tests;

/// <summary>Every format, driven by a disabled key (KMS403 warning) and a broken template (KMS900 error).</summary>
public sealed class FormatterTests : IDisposable
{
    private readonly TempTree tree = new();

    public FormatterTests()
    {
        tree.Write("stacks/key.yaml", Templates.DisabledKey);
        tree.Write("stacks/broken.yaml", Templates.Broken);
        tree.Write("stacks/suppressed.yaml", Templates.SuppressedDisabledKey);
        tree.ConfigEnabling(("KMS403", "warning"), ("KMS900", "error"));
    }

    public void Dispose() => tree.Dispose();

    [Fact]
    public void TextListsFindingsSortedInCompilerFormatThenASummary()
    {
        var result = tree.Run("lint");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        var lines = result.StdoutLines;
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^stacks/broken\.yaml:\d+:\d+: error KMS900: .+$", lines[0]);
        Assert.Matches(@"^stacks/key\.yaml:\d+:\d+: warning KMS403: .+ \[DisabledKey\]$", lines[1]);
        Assert.Equal("1 error, 1 warning, 0 notes (1 suppressed) in 2 templates", lines[2]);
        Assert.DoesNotContain('\u001b', result.Stdout);
    }

    [Fact]
    public void TextIsColouredOnlyOnATerminalWithoutNoColor()
    {
        CliResult RunOnTerminal(string? noColor) => TempTree.RunWith(
            new CliContext(new StringWriter(), new StringWriter(), tree.Root)
            {
                StdoutIsTerminal = true,
                GetEnvironmentVariable = name => name == "NO_COLOR" ? noColor : null,
            },
            "lint");

        Assert.Contains("\u001b[1;33mwarning\u001b[0m KMS403", RunOnTerminal(noColor: null).Stdout, StringComparison.Ordinal);
        Assert.Contains("\u001b[1;31merror\u001b[0m KMS900", RunOnTerminal(noColor: "").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', RunOnTerminal(noColor: "1").Stdout);
    }

    [Fact]
    public void JsonHoldsTheSummaryAndEveryFindingIncludingSuppressedOnes()
    {
        var result = tree.Run("lint", "--format", "json");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal("kmslint", root.GetProperty("tool").GetString());
        Assert.Equal(Cli.Version, root.GetProperty("version").GetString());
        var summary = root.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("errors").GetInt32());
        Assert.Equal(1, summary.GetProperty("warnings").GetInt32());
        Assert.Equal(0, summary.GetProperty("notes").GetInt32());
        Assert.Equal(1, summary.GetProperty("suppressed").GetInt32());
        Assert.Equal(2, summary.GetProperty("templatesLinted").GetInt32()); // the broken file is not counted as linted

        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(new[] { "stacks/broken.yaml", "stacks/key.yaml", "stacks/suppressed.yaml" },
            findings.Select(f => f.GetProperty("file").GetString()));

        var key = findings[1];
        Assert.Equal("KMS403", key.GetProperty("ruleId").GetString());
        Assert.Equal("warning", key.GetProperty("level").GetString());
        Assert.Equal("DisabledKey", key.GetProperty("logicalId").GetString());
        Assert.InRange(key.GetProperty("startLine").GetInt32(), 3, 6);
        Assert.True(key.GetProperty("startColumn").GetInt32() >= 1);
        Assert.True(key.GetProperty("endLine").GetInt32() >= key.GetProperty("startLine").GetInt32());
        Assert.False(key.GetProperty("suppressed").GetBoolean());
        Assert.Equal(RuleCatalog.KeyDeclaredDisabled.HelpUri, key.GetProperty("helpUri").GetString());
        Assert.False(string.IsNullOrWhiteSpace(key.GetProperty("message").GetString()));

        var suppressed = findings[2];
        Assert.True(suppressed.GetProperty("suppressed").GetBoolean());
        var suppression = Assert.Single(suppressed.GetProperty("suppressions").EnumerateArray().ToList());
        Assert.Equal(("inSource", "retired key kept for old backups", "stacks/suppressed.yaml"),
            (suppression.GetProperty("kind").GetString(), suppression.GetProperty("reason").GetString(), suppression.GetProperty("file").GetString()));
        Assert.Empty(key.GetProperty("suppressions").EnumerateArray());

        Assert.Equal(JsonValueKind.Null, findings[0].GetProperty("logicalId").ValueKind);
        Assert.Equal("error", findings[0].GetProperty("level").GetString());
    }

    [Fact]
    public void SarifFollowsTheSpecification()
    {
        var result = tree.Run("lint", "--format", "sarif");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.StartsWith("https://", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray().ToList());

        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("kmslint", driver.GetProperty("name").GetString());
        Assert.Equal(Cli.Version, driver.GetProperty("version").GetString());
        Assert.Equal(Cli.Version, driver.GetProperty("semanticVersion").GetString());
        Assert.True(Uri.IsWellFormedUriString(driver.GetProperty("informationUri").GetString(), UriKind.Absolute));
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), rules.Select(r => r.GetProperty("id").GetString()));
        foreach (var (rule, descriptor) in rules.Zip(RuleCatalog.All))
        {
            Assert.Equal(descriptor.Name, rule.GetProperty("name").GetString());
            Assert.EndsWith(".", rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.EndsWith(".", rule.GetProperty("fullDescription").GetProperty("text").GetString());
            Assert.Equal(descriptor.HelpUri, rule.GetProperty("helpUri").GetString());
            Assert.True(Uri.IsWellFormedUriString(descriptor.HelpUri, UriKind.Absolute));
            Assert.Equal(descriptor.DefaultLevel.ToString().ToLowerInvariant(),
                rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        }

        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
        var sourceRoot = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.Equal(new Uri(tree.Root + "/").AbsoluteUri, sourceRoot);

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        foreach (var finding in results)
        {
            var ruleIndex = finding.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(finding.GetProperty("ruleId").GetString(), rules[ruleIndex].GetProperty("id").GetString());
            Assert.EndsWith(".", finding.GetProperty("message").GetProperty("text").GetString());
        }

        var key = results[1];
        Assert.Equal("KMS403", key.GetProperty("ruleId").GetString());
        Assert.Equal("warning", key.GetProperty("level").GetString());
        var location = Assert.Single(key.GetProperty("locations").EnumerateArray().ToList());
        var physical = location.GetProperty("physicalLocation");
        Assert.Equal("stacks/key.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        var region = physical.GetProperty("region");
        Assert.InRange(region.GetProperty("startLine").GetInt32(), 3, 6);
        Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
        Assert.True(region.GetProperty("endLine").GetInt32() >= region.GetProperty("startLine").GetInt32());
        Assert.Equal("DisabledKey",
            Assert.Single(location.GetProperty("logicalLocations").EnumerateArray().ToList()).GetProperty("name").GetString());
        Assert.False(key.TryGetProperty("suppressions", out _));

        var suppression = Assert.Single(results[2].GetProperty("suppressions").EnumerateArray().ToList());
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Equal("retired key kept for old backups", suppression.GetProperty("justification").GetString());
    }

    [Fact]
    public void SarifEscapesPathsAndGivesFilesOutsideTheWorkingDirectoryAbsoluteUris()
    {
        using var outside = new TempTree();
        var file = outside.Write("my stacks/key.yaml", Templates.DisabledKey);
        tree.Write("in dir/key.yaml", Templates.DisabledKey);

        var result = tree.Run("lint", "--format", "sarif", "in dir", file, "--config", ".kmslint.yaml");

        using var document = JsonDocument.Parse(result.Stdout);
        var uris = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation"))
            .ToList();
        Assert.Equal(2, uris.Count);
        Assert.Contains(uris, u => u.GetProperty("uri").GetString() == "in%20dir/key.yaml" &&
                                   u.GetProperty("uriBaseId").GetString() == "%SRCROOT%");
        Assert.Contains(uris, u => u.GetProperty("uri").GetString() == new Uri(file).AbsoluteUri &&
                                   !u.TryGetProperty("uriBaseId", out _));
    }
}
