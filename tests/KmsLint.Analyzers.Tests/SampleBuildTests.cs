using System.Text.RegularExpressions;
using KmsLint.Analyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;

namespace KmsLint.Analyzers.Tests;

/// <summary>
/// What the README shows: <c>dotnet build samples/csharp</c> and <c>dotnet build samples/cdk</c> report each rule at
/// its line, and nothing else. The samples reference the analyzer project, built with these tests, so the child
/// build does not build it again (no writes to src/ while tests run).
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(DotnetCli.ChildBuilds)]
public sealed class SampleBuildTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string[]> Samples => new()
    {
        {
            "csharp", "KmsLint.Sample.csproj", new[]
            {
                "KeyJanitor.cs(12,13): warning KMS001:",
                "KeyJanitor.cs(16,13): warning KMS002:",
                "KeyJanitor.cs(20,13): warning KMS003:",
                "KeyJanitor.cs(25,13): warning KMS004:",
                "KeyJanitor.cs(30,108): warning KMS005:",
                "KeyJanitor.cs(44,13): warning KMS009:",
            }
        },
        {
            "cdk", "KmsLint.CdkSample.csproj", new[]
            {
                "DataStack.cs(19,52): warning KMS006: 'RemovalPolicy' is RemovalPolicy.DESTROY:",
                "DataStack.cs(23,51): warning KMS006: 'RemovalPolicy' can be RemovalPolicy.DESTROY through 'removal':",
                "DataStack.cs(27,9): warning KMS006: 'CfnOptions.DeletionPolicy' is CfnDeletionPolicy.DELETE:",
                "DataStack.cs(30,50): warning KMS007: 'PendingWindow' gives the KMS key a pending window of 7 days, below the minimum of 30 days",
                "DataStack.cs(33,52): warning KMS008: 'Enabled' is false:",
                "DataStack.cs(42,53): warning KMS004: 'RemovalPolicy' is not guarded:",
            }
        },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_build_reports_each_rule_at_its_line_and_nothing_else(string sample, string project, string[] expected)
    {
        var build = DotnetCli.Run(
            output,
            RepositoryRoot.Path,
            new Dictionary<string, string>(),
            "build", Path.Combine("samples", sample, project),
            "-c", DotnetCli.BuildConfiguration, "--no-incremental", "-p:BuildProjectReferences=false");

        Assert.True(build.ExitCode == 0, build.Output);
        // MSBuild repeats each warning in its summary: distinct lines are the findings.
        var findings = Regex.Matches(build.Output, @"[\w.]+\.cs\(\d+,\d+\): warning KMS\d{3}:[^\[\r\n]*")
            .Select(match => match.Value.Trim())
            .Distinct()
            .ToList();
        foreach (var finding in expected)
        {
            Assert.Contains(findings, actual => actual.StartsWith(finding, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, findings.Count);
    }
}
