using System.Text.Json;

namespace KmsLint.Cli.Tests;

public sealed class OutputTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void LintingChangesNothingInTheLintedTree()
    {
        tree.Write("stacks/key.yaml", Templates.DisabledKey);
        tree.Write("stacks/broken.yaml", Templates.Broken);
        tree.Write("stacks/key.json", "{\"Resources\": {\"K\": {\"Type\": \"AWS::KMS::Key\"}}}");
        tree.Write("README.txt", "not a template");
        tree.Write(".kmslint.yaml", "exclude: [nothing/**]\n");
        var before = Snapshot(tree.Root);

        foreach (var format in new[] { "text", "json", "sarif" })
            tree.Run("lint", "--format", format);

        Assert.Equal(before, Snapshot(tree.Root));
    }

    [Fact]
    public void OutputFileHoldsTheReportAndNothingElseIsLeftBeside()
    {
        tree.Write("stacks/key.yaml", Templates.DisabledKey);
        tree.ConfigEnabling(("KMS403", "warning"));
        Directory.CreateDirectory(tree.PathOf("out"));
        File.WriteAllText(tree.PathOf("out/kmslint.sarif"), "old report");

        var result = tree.Run("lint", "stacks", "--config", ".kmslint.yaml", "--format", "sarif", "--output", "out/kmslint.sarif");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(new[] { tree.PathOf("out/kmslint.sarif") }, Directory.GetFiles(tree.PathOf("out")));
        using var sarif = JsonDocument.Parse(File.ReadAllText(tree.PathOf("out/kmslint.sarif")));
        Assert.Equal("KMS403", sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("ruleId").GetString());
    }

    [Fact]
    public void AWriteThatFailsHalfWayLeavesTheOldFileWholeAndNoTemporaryFile()
    {
        var target = tree.Write("report.sarif", "previous complete report");

        var failure = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, writer =>
        {
            writer.Write(new string('x', 100_000));
            throw new InvalidOperationException("killed half-way");
        }));

        Assert.Equal("killed half-way", failure.Message);
        Assert.Equal("previous complete report", File.ReadAllText(target));
        Assert.Equal(new[] { target }, Directory.GetFiles(tree.Root));
    }

    [Fact]
    public void OutputThatIsADirectoryIsAUsageError()
    {
        tree.Write("key.yaml", Templates.DisabledKey);
        Directory.CreateDirectory(tree.PathOf("out"));

        var result = tree.Run("lint", "--output", "out");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("is a directory", result.Stderr);
    }

    /// <summary>Every entry of a tree with its bytes (files) or marker (directories), in a stable order.</summary>
    private static List<(string Path, string Content)> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(root, path),
                Directory.Exists(path) ? "<dir>" : Convert.ToBase64String(File.ReadAllBytes(path))))
            .ToList();
}
