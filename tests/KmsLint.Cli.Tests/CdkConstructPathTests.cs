using System.Text.Json;

namespace KmsLint.Cli.Tests;

/// <summary>A synthesized CDK template names resources by hashed logical ids; findings name the construct path too.</summary>
public sealed class CdkConstructPathTests : IDisposable
{
    private const string Synthesized = """
        {
          "Resources": {
            "ArchiveKey1A2B3C4D": {
              "Type": "AWS::KMS::Key",
              "Properties": { "Enabled": false },
              "Metadata": { "aws:cdk:path": "KeysStack/ArchiveKey/Resource" }
            },
            "PlainKey": {
              "Type": "AWS::KMS::Key",
              "Properties": { "Enabled": false }
            }
          }
        }
        """;

    private readonly TempTree tree = new();

    public CdkConstructPathTests()
    {
        tree.ConfigEnabling(("KMS403", "warning"));
        tree.Write("cdk.out/KeysStack.template.json", Synthesized);
    }

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Text_json_and_sarif_name_the_construct_path_beside_the_logical_id()
    {
        var text = tree.Run("lint");
        var json = tree.Run("lint", "--format", "json");
        var sarif = tree.Run("lint", "--format", "sarif");

        Assert.EndsWith("[ArchiveKey1A2B3C4D (KeysStack/ArchiveKey/Resource)]", text.StdoutLines[0]);
        Assert.EndsWith("[PlainKey]", text.StdoutLines[1]);

        using var report = JsonDocument.Parse(json.Stdout);
        Assert.Equal(new[] { "KeysStack/ArchiveKey/Resource", null },
            report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("constructPath").GetString()));

        using var log = JsonDocument.Parse(sarif.Stdout);
        var location = log.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0];
        Assert.Contains(location.GetProperty("logicalLocations").EnumerateArray(),
            logical => logical.TryGetProperty("fullyQualifiedName", out var name) && name.GetString() == "KeysStack/ArchiveKey/Resource");
    }
}
