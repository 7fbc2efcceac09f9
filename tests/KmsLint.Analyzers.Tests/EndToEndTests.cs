using KmsLint.Analyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;

namespace KmsLint.Analyzers.Tests;

/// <summary>
/// What a user does: add the packed KmsLint.Analyzers package to a project, build it, read the warnings — and make
/// one an error from .editorconfig. Runs outside the repository so its Directory.Build.props cannot interfere,
/// with a unique package version and a private package folder so a stale cached package cannot fake a pass.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(DotnetCli.ChildBuilds)]
public sealed class EndToEndTests : IDisposable
{
    private const string AwsSdkVersion = "4.1.0";

    private const string SampleSource = """
        using System.Threading.Tasks;
        using Amazon.KeyManagementService;
        using Amazon.KeyManagementService.Model;
        using KmsLint;

        namespace Sample;

        public class KeyJanitor(IAmazonKeyManagementService kms)
        {
            public Task RetireAsync(string keyId) => kms.ScheduleKeyDeletionAsync(keyId);

            public Task DisableAsync(string keyId) => kms.DisableKeyAsync(keyId);

            [KeyLifecycleChange("CHG-1234")]
            public Task ApprovedRetireAsync(string keyId) =>
                kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 7 });
        }
        """;

    private readonly ITestOutputHelper _output;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kmslint-e2e-" + Guid.NewGuid().ToString("N"));

    public EndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the OS cleans the temp folder.
        }
    }

    [Fact]
    public void Packed_package_reports_the_warnings_with_file_and_line_and_editorconfig_makes_KMS001_fail_the_build()
    {
        var version = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;
        var feed = Path.Combine(_root, "feed");
        var project = Path.Combine(_root, "sample");
        Directory.CreateDirectory(project);

        var pack = Dotnet(RepositoryRoot.Path,
            "pack", Path.Combine("src", "KmsLint.Analyzers.Package", "KmsLint.Analyzers.Package.csproj"),
            "-c", DotnetCli.BuildConfiguration, "--no-build", "-o", feed, $"-p:Version={version}");
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"KmsLint.Analyzers.{version}.nupkg")), pack.Output);

        WriteSampleProject(project, feed, version);
        var build = Dotnet(project, "build", "-c", "Debug");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("KeyJanitor.cs(10,50): warning KMS001: 'ScheduleKeyDeletionAsync' schedules deletion of a KMS key", build.Output);
        Assert.Contains("KeyJanitor.cs(12,51): warning KMS002: 'DisableKeyAsync' disables a KMS key", build.Output);
        Assert.Contains("KeyJanitor.cs(16,108): warning KMS005:", build.Output);
        Assert.DoesNotMatch(@"KeyJanitor\.cs\(1[456],\d+\): warning KMS00[1-4]", build.Output); // the guarded call

        File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.KMS001.severity = error\n");
        var failing = Dotnet(project, "build", "-c", "Debug");
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Contains("KeyJanitor.cs(10,50): error KMS001:", failing.Output);
        Assert.Contains("KeyJanitor.cs(12,51): warning KMS002:", failing.Output);
    }

    private void WriteSampleProject(string project, string feed, string version)
    {
        // Isolation from anything above the temp folder, and restore from the fresh feed into a private cache.
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_root, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" />
              </config>
              <packageSources>
                <add key="kmslint-e2e" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-cache" value="{UserPackageCache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KmsLint.Analyzers" Version="{version}" PrivateAssets="all" />
                <PackageReference Include="AWSSDK.KeyManagementService" Version="{AwsSdkVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "KeyJanitor.cs"), SampleSource);
    }

    /// <summary>AWSSDK comes from the machine's package cache when it is there (no download), else from the feed.</summary>
    private static string UserPackageCache =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] arguments) =>
        DotnetCli.Run(_output, workingDirectory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") }, arguments);
}
