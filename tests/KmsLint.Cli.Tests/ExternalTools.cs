using System.Diagnostics;
using System.Reflection;

namespace KmsLint.Cli.Tests;

/// <summary>What an external program printed (stdout and stderr interleaved as read) and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>Runs the real programs the README tells users to run: dotnet, git, pre-commit, npx.</summary>
public static class ExternalTools
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The checkout this test assembly was built from (the folder holding KmsLint.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The configuration this assembly was built in; the CLI project was built alongside it.</summary>
    public static string BuildConfiguration =>
        typeof(ExternalTools).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Runs <paramref name="program"/>; a program that is not installed gives exit code 127, as in a shell.</summary>
    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment,
        string program, params string[] arguments) =>
        Run(workingDirectory, environment, program, ToolTimeout, arguments);

    /// <summary>As above; a run longer than <paramref name="timeout"/> is killed and gives exit code 124, as <c>timeout</c> does.</summary>
    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment,
        string program, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host's MSBuild settings must not leak into a child build.
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(127, $"{program}: {e.Message}");
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = new System.Text.StringBuilder();
            var gate = new object();
            process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (gate) output.AppendLine(line.Data); };
            process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (gate) output.AppendLine(line.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // A hung tool must fail its test, not hang the suite (and CI) forever.
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                lock (gate)
                    return new ProcessResult(124, $"{program} did not finish within {timeout.TotalSeconds:N0} s and was killed\n{output}");
            }
            process.WaitForExit(); // drains the redirected output
            lock (gate)
                return new ProcessResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>True when <paramref name="program"/> is an executable file on PATH.</summary>
    public static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, program)));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "KmsLint.sln")))
                return directory.FullName;
        throw new InvalidOperationException("the test assembly does not sit inside the KmsLint checkout");
    }
}

/// <summary>
/// KmsLint.Cli packed as a dotnet tool from the build these tests run against, and installed with
/// <c>dotnet tool install --tool-path</c> from that local feed, once per test run; the packaging and
/// pre-commit tests use the installed <c>kmslint</c> as a user would.
/// </summary>
public static class InstalledTool
{
    private static readonly Lazy<Installation> Installed = new(Install);

    /// <summary>Packs and installs (first call only); the result says where, or why it failed.</summary>
    public static Installation Get() => Installed.Value;

    public sealed record Installation(string Root, string FeedDirectory, string ToolDirectory, string PackageVersion,
        ProcessResult Pack, ProcessResult Install)
    {
        public bool Succeeded => Pack.ExitCode == 0 && Install.ExitCode == 0;
        public string Executable => Path.Combine(ToolDirectory, "kmslint");
        public string Log => Pack.Output + Install.Output;
    }

    private static Installation Install()
    {
        var root = Path.Combine(Path.GetTempPath(), "kmslint-tool-" + Guid.NewGuid().ToString("N"));
        var feed = Path.Combine(root, "feed");
        var tools = Path.Combine(root, "tools");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        // A version of its own, so no package cache can hand back an older build under the same number.
        var version = Cli.Version + "-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;

        // Not --no-build: the solution build makes only the portable build, the pack builds the RID-specific ones.
        var pack = ExternalTools.Run(ExternalTools.RepositoryRoot, null, "dotnet",
            "pack", Path.Combine("src", "KmsLint.Cli", "KmsLint.Cli.csproj"),
            "-c", ExternalTools.BuildConfiguration, "-o", feed, $"-p:PackageVersion={version}");
        if (pack.ExitCode != 0)
            return new Installation(root, feed, tools, version, pack, new ProcessResult(-1, "not installed: pack failed"));

        // Only the local feed, and a private package folder: the install neither reaches a registry nor touches the user's cache.
        var config = Path.Combine(root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(root, "packages")}" /></config>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);
        var install = ExternalTools.Run(root, null, "dotnet",
            "tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", feed,
            "KmsLint.Cli", "--version", version);
        return new Installation(root, feed, tools, version, pack, install);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the OS cleans the temp folder.
        }
    }
}
