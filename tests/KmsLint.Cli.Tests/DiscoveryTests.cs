using KmsLint.Cli.Commands;
using KmsLint.Cli.Discovery;
using KmsLint.Templates;

namespace KmsLint.Cli.Tests;

/// <summary>Which files get linted. Broken templates (KMS900) are the probes: a linted one always reports.</summary>
public sealed class DiscoveryTests : IDisposable
{
    private readonly TempTree tree = new();

    public DiscoveryTests() => tree.ConfigEnabling(("KMS900", "error"), ("KMS902", "warning"));

    public void Dispose() => tree.Dispose();

    private string[] ReportedFiles(params string[] args) =>
        tree.Run(new[] { "lint", "--format", "json" }.Concat(args).ToArray()).Stdout
            .Split('\n')
            .Where(line => line.Contains("\"file\":", StringComparison.Ordinal))
            .Select(line => line.Split('"')[3])
            .ToArray();

    [Fact]
    public void WalksTemplateExtensionsInOrdinalOrderAndSkipsToolFolders()
    {
        foreach (var path in new[]
                 {
                     "b.yaml", "a.yml", "c.json", "d.template", "Z/e.YAML", "notes.txt",
                     ".git/x.yaml", "node_modules/pkg/x.yaml", "src/bin/x.yaml", "src/obj/x.json",
                     "cdk.out/asset.1234/x.json", "cdk.out/App.template.json", "asset.5/kept.yaml",
                 })
            tree.Write(path, Templates.Broken);

        Assert.Equal(
            new[] { "Z/e.YAML", "a.yml", "asset.5/kept.yaml", "b.yaml", "c.json", "cdk.out/App.template.json", "d.template" },
            ReportedFiles());
    }

    [Fact]
    public void ExcludeGlobsAreRelativeToTheConfigFile()
    {
        tree.Write("legacy/old.yaml", Templates.Broken);
        tree.Write("stacks/generated/x.json", Templates.Broken);
        tree.Write("stacks/main.yaml", Templates.Broken);
        tree.Write("stacks/legacy/kept.yaml", Templates.Broken);
        tree.Write(".kmslint.yaml", TempTree.ConfigText(("KMS900", "error")) + "exclude:\n  - legacy/**\n  - '**/generated/*.json'\n");

        Assert.Equal(new[] { "stacks/legacy/kept.yaml", "stacks/main.yaml" }, ReportedFiles());
    }

    [Fact]
    public void AnExcludedFileIsSkippedEvenWhenNamed()
    {
        tree.Write("legacy/old.yaml", Templates.Broken);
        tree.Write(".kmslint.yaml", TempTree.ConfigText(("KMS900", "error")) + "exclude: [legacy/**]\n");

        Assert.Empty(ReportedFiles("legacy/old.yaml"));
    }

    [Fact]
    public void ANamedFileIsLintedWhateverItsExtensionAndANamedFolderEvenIfSkippedByName()
    {
        tree.Write("stack.cfn", Templates.Broken);
        tree.Write("bin/x.yaml", Templates.Broken);

        Assert.Equal(new[] { "bin/x.yaml", "stack.cfn" }, ReportedFiles("stack.cfn", "bin"));
    }

    [Fact]
    public void AFileNamedTwiceIsLintedOnce()
    {
        tree.Write("a.yaml", Templates.Broken);

        Assert.Equal(new[] { "a.yaml" }, ReportedFiles("a.yaml", ".", tree.PathOf("a.yaml")));
    }

    [Fact]
    public void PathsAreShownRelativeToTheWorkingDirectoryWithSlashes()
    {
        tree.Write("infra/stacks/a.yaml", Templates.Broken);

        Assert.Equal(new[] { "infra/stacks/a.yaml" }, ReportedFiles(tree.PathOf("infra")));
        Assert.Equal(new[] { "stacks/a.yaml" },
            tree.RunIn(tree.PathOf("infra"), "lint", "--config", "../.kmslint.yaml").StdoutLines
                .Where(line => line.Contains("KMS900")).Select(line => line.Split(':')[0]));
    }

    [Fact]
    public void SymlinkLoopsEndAndDirectoryLinksAreNotFollowed()
    {
        tree.Write("stacks/a.yaml", Templates.Broken);
        tree.Write("elsewhere/b.yaml", Templates.Broken);
        Directory.CreateSymbolicLink(tree.PathOf("stacks/loop"), tree.PathOf("stacks"));
        Directory.CreateSymbolicLink(tree.PathOf("stacks/up"), "..");
        Directory.CreateSymbolicLink(tree.PathOf("stacks/other"), tree.PathOf("elsewhere"));
        File.CreateSymbolicLink(tree.PathOf("stacks/linked.yaml"), tree.PathOf("elsewhere/b.yaml"));
        File.CreateSymbolicLink(tree.PathOf("stacks/dangling.yaml"), tree.PathOf("gone.yaml"));

        Assert.Equal(new[] { "stacks/a.yaml", "stacks/linked.yaml" }, ReportedFiles("stacks"));
    }

    [Fact]
    public void AWalkedFileThatVanishesBeforeReadingIsSkippedButANamedOneIsReported()
    {
        tree.Write("walked/a.yaml", Templates.Broken);
        var named = tree.Write("named.yaml", Templates.Broken);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, tree.Root);
        var discovered = new TemplateDiscovery(context, ExcludeSet.None)
            .Discover(new[] { tree.PathOf("walked"), named }).Files;
        File.Delete(tree.PathOf("walked/a.yaml"));
        File.Delete(named);

        var report = Linter.Lint(
            discovered.Select(file => new TemplateSource(file.DisplayPath, () => LintCommand.Open(file))), LintSettings.Default);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("KMS902", "named.yaml"), (finding.RuleId, finding.Location.File));
    }

    [FactWhenPermissionsEnforced]
    public void AnUnreadableFileIsReportedAndTheRunGoesOn()
    {
        tree.Write("a.yaml", Templates.Broken);
        tree.Write("secret.yaml", Templates.Broken);
        tree.MakeUnreadable("secret.yaml");

        var result = tree.Run("lint");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("a.yaml:") && line.Contains("KMS900"));
        Assert.Contains(result.StdoutLines, line => line.StartsWith("secret.yaml:") && line.Contains("KMS902"));
    }

    [FactWhenPermissionsEnforced]
    public void AnUnreadableDirectoryIsReportedAndTheRunGoesOn()
    {
        tree.Write("a.yaml", Templates.Broken);
        tree.Write("locked/b.yaml", Templates.Broken);
        tree.MakeUnreadable("locked");

        var result = tree.Run("lint");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("a.yaml:") && line.Contains("KMS900"));
        Assert.Contains(result.StdoutLines, line => line.StartsWith("locked:1:1: warning KMS902: Directory 'locked' could not be read"));
    }
}
