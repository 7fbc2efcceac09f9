using System.Diagnostics;
using System.Reflection;
using Xunit.Abstractions;

namespace KmsLint.Analyzers.Tests.Verification;

/// <summary>Runs the dotnet CLI in a child process the way a user would, and returns its exit code and output.</summary>
public static class DotnetCli
{
    /// <summary>The xunit collection of tests that build in a child process: one at a time on a small machine.</summary>
    public const string ChildBuilds = "dotnet child builds";

    /// <summary>The configuration this test assembly was built in: the analyzer projects were built alongside it.</summary>
    public static string BuildConfiguration =>
        typeof(DotnetCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static (int ExitCode, string Output) Run(
        ITestOutputHelper output,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No build servers: they would outlive the test holding its output pipes open.
        foreach (var argument in new[] { "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into the child build.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd() + standardError.Result;
        process.WaitForExit();
        output.WriteLine($"$ dotnet {string.Join(' ', arguments)} (exit {process.ExitCode})\n{text}");
        return (process.ExitCode, text);
    }
}
