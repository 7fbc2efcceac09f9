namespace KmsLint.Cli.Tests;

/// <summary>
/// The README's install path, for real: the packed KmsLint.Cli nupkg is a dotnet tool that
/// <c>dotnet tool install</c> accepts, and the installed <c>kmslint</c> command runs and lints.
/// </summary>
public sealed class PackagingTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Packed_tool_installs_from_a_local_feed_and_the_installed_kmslint_reports_its_version_and_lints()
    {
        var tool = InstalledTool.Get();
        Assert.True(tool.Succeeded, tool.Log);
        Assert.True(File.Exists(Path.Combine(tool.FeedDirectory, $"KmsLint.Cli.{tool.PackageVersion}.nupkg")), tool.Log);

        var version = ExternalTools.Run(tree.Root, null, tool.Executable, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Equal("kmslint " + Cli.Version, version.Output.Trim());

        tree.ConfigEnabling(("KMS403", "warning"));
        tree.Write("keys.yaml", Templates.DisabledKey);
        var lint = ExternalTools.Run(tree.Root, null, tool.Executable, "lint");
        Assert.Equal(ExitCode.Findings, lint.ExitCode);
        Assert.Contains("keys.yaml:6:7: warning KMS403:", lint.Output);
        Assert.Contains("[DisabledKey]", lint.Output);

        tree.Write("keys.yaml", Templates.EnabledKey);
        var clean = ExternalTools.Run(tree.Root, null, tool.Executable, "lint");
        Assert.Equal(ExitCode.Success, clean.ExitCode);
        Assert.Contains("0 errors, 0 warnings, 0 notes", clean.Output);
    }
}
