using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Tests;

/// <summary>What one in-process run of kmslint printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A scratch directory tree for one test, deleted afterwards (permissions restored first).</summary>
public sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "kmslint-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public string Write(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs kmslint with this tree as the working directory.</summary>
    public CliResult Run(params string[] args) => RunIn(Root, args);

    /// <summary>
    /// Runs the built kmslint.dll (the CLI project is referenced, so it sits beside this assembly) in a child process in
    /// this tree, for input that could crash a process: a crash or a run longer than a minute fails the calling test only.
    /// </summary>
    public ProcessResult RunProcess(params string[] args) =>
        ExternalTools.Run(Root, null, "dotnet", TimeSpan.FromMinutes(1), args.Prepend(Path.Combine(AppContext.BaseDirectory, "kmslint.dll")).ToArray());

    public CliResult RunIn(string workingDirectory, params string[] args) =>
        RunWith(new CliContext(new StringWriter(), new StringWriter(), workingDirectory), args);

    public static CliResult RunWith(CliContext context, params string[] args)
    {
        var exitCode = Cli.Run(args, context);
        return new CliResult(exitCode, context.Stdout.ToString()!.Replace("\r\n", "\n"), context.Stderr.ToString()!);
    }

    /// <summary>
    /// Writes a <c>.kmslint.yaml</c> that turns every rule off except <paramref name="enabled"/>, so a test sees only
    /// the findings it is about however many repository-level rules the engine grows.
    /// </summary>
    public void ConfigEnabling(params (string RuleId, string Level)[] enabled) =>
        Write(".kmslint.yaml", ConfigText(enabled));

    public static string ConfigText(params (string RuleId, string Level)[] enabled)
    {
        var lines = RuleCatalog.All
            .Where(rule => rule != RuleCatalog.InternalError)
            .Select(rule => $"  {rule.Id}: {enabled.FirstOrDefault(e => e.RuleId == rule.Id).Level ?? "off"}");
        return "rules:\n" + string.Join("\n", lines) + "\n";
    }

    private readonly List<string> madeUnreadable = new();

    /// <summary>chmod 000 (only meaningful where <see cref="Permissions.AreEnforced"/>); undone on dispose.</summary>
    public void MakeUnreadable(string relativePath)
    {
        if (OperatingSystem.IsWindows())
            return;
        File.SetUnixFileMode(PathOf(relativePath), UnixFileMode.None);
        madeUnreadable.Add(PathOf(relativePath));
    }

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
            foreach (var path in madeUnreadable)
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>Templates that drive the formatters while the engine has few rules: KMS403 and KMS900.</summary>
public static class Templates
{
    /// <summary>A KMS key declared <c>Enabled: false</c>: KMS403 (warning) on <c>DisabledKey</c>.</summary>
    public const string DisabledKey =
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources:\n" +
        "  DisabledKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    Properties:\n" +
        "      Enabled: false\n";

    /// <summary>The same key, suppressed on the resource with a reason.</summary>
    public const string SuppressedDisabledKey =
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources:\n" +
        "  DisabledKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    Metadata:\n" +
        "      kmslint:\n" +
        "        ignore:\n" +
        "          - id: KMS403\n" +
        "            reason: retired key kept for old backups\n" +
        "    Properties:\n" +
        "      Enabled: false\n";

    /// <summary>A template whose YAML does not parse: KMS900 (error).</summary>
    public const string Broken =
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources: {\n" +
        "  Key: [\n";

    /// <summary>A template with no finding of the rules the tests enable.</summary>
    public const string EnabledKey =
        "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
        "Resources:\n" +
        "  GoodKey:\n" +
        "    Type: AWS::KMS::Key\n" +
        "    Properties:\n" +
        "      Enabled: true\n";
}

/// <summary>Whether chmod 000 really stops this process from reading (it does not for root, as in CI).</summary>
public static class Permissions
{
    public static bool AreEnforced { get; } = Probe();

    private static bool Probe()
    {
        if (OperatingSystem.IsWindows())
            return false;
        var path = Path.Combine(Path.GetTempPath(), "kmslint-permission-probe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "x");
        try
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
            File.ReadAllBytes(path);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Delete(path);
        }
    }
}

/// <summary>A fact that is skipped, saying why, where file permissions do not stop reads (root, Windows).</summary>
public sealed class FactWhenPermissionsEnforcedAttribute : FactAttribute
{
    public FactWhenPermissionsEnforcedAttribute()
    {
        if (!Permissions.AreEnforced)
            Skip = "chmod 000 does not stop reads here (running as root or on Windows), so an unreadable path cannot be made";
    }
}

/// <summary>A fact that needs a Unix shell (<c>sh</c>, <c>ulimit</c>); skipped, saying why, on Windows.</summary>
public sealed class FactOnUnixAttribute : FactAttribute
{
    public FactOnUnixAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "needs a Unix shell (sh, ulimit); on Windows the main thread has 1 MiB of stack anyway";
    }
}
