using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Xml.Linq;

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

    [Fact]
    public void The_pack_makes_a_pointer_package_a_ReadyToRun_linux_x64_package_and_a_portable_fallback()
    {
        var tool = InstalledTool.Get();
        Assert.True(tool.Succeeded, tool.Log);
        var pointer = Path.Combine(tool.FeedDirectory, $"KmsLint.Cli.{tool.PackageVersion}.nupkg");

        using (var package = ZipFile.OpenRead(pointer))
        {
            var settings = package.Entries.Single(entry => entry.Name == "DotnetToolSettings.xml");
            using var stream = settings.Open();
            var packages = XDocument.Load(stream).Descendants("RuntimeIdentifierPackage")
                .Select(element => (string?)element.Attribute("RuntimeIdentifier") + "=" + (string?)element.Attribute("Id"));
            Assert.Equal(new[] { "linux-x64=KmsLint.Cli.linux-x64", "any=KmsLint.Cli.any" }, packages);
        }

        Assert.True(IsReadyToRun(PackedAssembly(tool, "linux-x64")), "the linux-x64 package holds precompiled code");
        Assert.False(IsReadyToRun(PackedAssembly(tool, "any")), "the fallback is the portable IL build");
    }

    [FactOnLinuxX64]
    public void On_linux_x64_the_installed_tool_is_the_precompiled_build()
    {
        var tool = InstalledTool.Get();
        Assert.True(tool.Succeeded, tool.Log);
        var installed = Directory.GetFiles(Path.Combine(tool.ToolDirectory, ".store"), "kmslint.dll", SearchOption.AllDirectories);
        Assert.True(IsReadyToRun(Assert.Single(installed)), installed[0]);
    }

    /// <summary>Extracts kmslint.dll of the RID package <paramref name="rid"/> into the test's folder.</summary>
    private string PackedAssembly(InstalledTool.Installation tool, string rid)
    {
        using var package = ZipFile.OpenRead(Path.Combine(tool.FeedDirectory, $"KmsLint.Cli.{rid}.{tool.PackageVersion}.nupkg"));
        var path = Path.Combine(tree.Root, rid + "-kmslint.dll");
        package.Entries.Single(entry => entry.FullName == $"tools/net10.0/{rid}/kmslint.dll").ExtractToFile(path);
        return path;
    }

    /// <summary>A ReadyToRun image carries a managed native header beside its IL.</summary>
    private static bool IsReadyToRun(string assemblyPath)
    {
        using var reader = new PEReader(File.OpenRead(assemblyPath));
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }
}

/// <summary>A fact about the linux-x64 tool package, skipped elsewhere (other platforms install the portable fallback).</summary>
public sealed class FactOnLinuxX64Attribute : FactAttribute
{
    public FactOnLinuxX64Attribute()
    {
        if (RuntimeInformation.RuntimeIdentifier != "linux-x64")
            Skip = $"this machine is {RuntimeInformation.RuntimeIdentifier}: dotnet tool install picks the portable KmsLint.Cli.any here";
    }
}
