using System.Text.Json;
using KmsLint.Cli.Formatting;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Tests;

/// <summary>The formats render exactly the finding they are given (no engine involved).</summary>
public sealed class RenderingTests
{
    private static readonly Finding KeyFinding = new(
        "KMS403", Level.Warning, "Key 'DisabledKey' is declared Enabled: false", new SourceSpan("a/key.yaml", 7, 5, 7, 19), "DisabledKey");

    private static readonly LintRun Run = new(new[] { KeyFinding }, 1, 2, "/repo");

    [Fact]
    public void TextRendersPathLineColumnLevelRuleMessageAndLogicalId()
    {
        var output = new StringWriter();
        new TextFormatter(TextLayout.Plain).Write(Run, output);

        Assert.Equal(
            "a/key.yaml:7:5: warning KMS403: Key 'DisabledKey' is declared Enabled: false [DisabledKey]\n" +
            "0 errors, 1 warning, 0 notes (0 suppressed) in 1 template\n",
            output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void SarifRegionIsTheFindingSpanAndMessagesEndWithAPeriod()
    {
        var output = new StringWriter();
        new SarifFormatter().Write(Run, output);

        using var document = JsonDocument.Parse(output.ToString());
        var result = document.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("Key 'DisabledKey' is declared Enabled: false.", result.GetProperty("message").GetProperty("text").GetString());
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal((7, 5, 7, 19), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(),
            region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
        Assert.Equal(RuleCatalog.All.ToList().IndexOf(RuleCatalog.KeyDeclaredDisabled), result.GetProperty("ruleIndex").GetInt32());
        Assert.Equal("file:///repo/", document.RootElement.GetProperty("runs")[0].GetProperty("originalUriBaseIds")
            .GetProperty("%SRCROOT%").GetProperty("uri").GetString());
    }

    [Fact]
    public void SarifLeavesOutAnEndThatComesBeforeTheStart()
    {
        var backwards = KeyFinding with { Location = new SourceSpan("a/key.yaml", 7, 5, 6, 1) };
        var output = new StringWriter();
        new SarifFormatter().Write(Run with { Findings = new[] { backwards } }, output);

        using var document = JsonDocument.Parse(output.ToString());
        var region = document.RootElement.GetProperty("runs")[0].GetProperty("results")[0]
            .GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(7, region.GetProperty("startLine").GetInt32());
        Assert.False(region.TryGetProperty("endLine", out _));
    }

    [Fact]
    public void JsonRendersEveryField()
    {
        var output = new StringWriter();
        new JsonFormatter().Write(Run, output);

        using var document = JsonDocument.Parse(output.ToString());
        var finding = document.RootElement.GetProperty("findings")[0];
        Assert.Equal("a/key.yaml", finding.GetProperty("file").GetString());
        Assert.Equal((7, 5, 7, 19), (finding.GetProperty("startLine").GetInt32(), finding.GetProperty("startColumn").GetInt32(),
            finding.GetProperty("endLine").GetInt32(), finding.GetProperty("endColumn").GetInt32()));
        Assert.Equal("Key 'DisabledKey' is declared Enabled: false", finding.GetProperty("message").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("summary").GetProperty("filesNotTemplates").GetInt32());
        Assert.Empty(finding.GetProperty("suppressions").EnumerateArray());
    }
}
