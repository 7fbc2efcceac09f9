using System.Text.Json;

namespace KmsLint.Cli.Tests;

/// <summary>
/// Our SARIF, checked by the official SARIF Multitool (npm <c>@microsoft/sarif-multitool@5.7.0</c>, installed by
/// <c>.ci/run</c> into <c>$KMSLINT_SARIF_MULTITOOL</c>, default <c>~/.cache/kmslint/sarif-multitool</c>).
/// </summary>
public sealed class SarifValidationTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [FactWhenMultitoolInstalled]
    public void Report_of_the_broken_sample_validates_with_zero_errors_and_zero_warnings()
    {
        // Beside the broken sample: a file outside the working directory (absolute URI), one that does not parse
        // (KMS900) and a suppressed finding with a justification, so every shape of result is validated.
        tree.Write("outside/keys.yaml", Templates.SuppressedDisabledKey);
        tree.Write("outside/broken.template", Templates.Broken);
        var sarif = tree.PathOf("kmslint.sarif");
        var lint = tree.RunIn(ExternalTools.RepositoryRoot,
            "lint", "samples/templates/broken-stack", tree.PathOf("outside"), "--format", "sarif", "--output", sarif);
        Assert.True(lint.ExitCode == ExitCode.Findings, lint.Stderr);
        using (var document = JsonDocument.Parse(File.ReadAllText(sarif)))
        {
            var results = document.RootElement.GetProperty("runs")[0].GetProperty("results");
            Assert.Contains(results.EnumerateArray(), result => result.TryGetProperty("suppressions", out _));
            Assert.Contains(results.EnumerateArray(), result => result.GetProperty("ruleId").GetString() == "KMS900");
        }

        var report = tree.PathOf("report.sarif");
        var validation = ExternalTools.Run(MultitoolDirectory.Path!, null, "npx", "--no-install", "sarif-multitool", "validate", sarif, "-o", report);
        Assert.True(validation.ExitCode == 0, validation.Output);
        var problems = Problems(report);
        Assert.True(problems.Count == 0, "SARIF Multitool: " + string.Join("\n", problems) + "\n" + validation.Output);
    }

    /// <summary>The multitool's own results at level error or warning (warning when no level is given).</summary>
    private static List<string> Problems(string reportPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(reportPath));
        return document.RootElement.GetProperty("runs").EnumerateArray()
            .SelectMany(run => run.TryGetProperty("results", out var results) ? results.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(result => !result.TryGetProperty("level", out var level) || level.GetString() is "error" or "warning")
            .Select(result => result.GetProperty("ruleId").GetString() + ": " + result.GetProperty("message").ToString())
            .ToList();
    }
}

/// <summary>Where the SARIF Multitool is installed, if it is.</summary>
public static class MultitoolDirectory
{
    public static string? Path { get; } = Find();

    public static string Expected =>
        Environment.GetEnvironmentVariable("KMSLINT_SARIF_MULTITOOL") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kmslint", "sarif-multitool");

    private static string? Find() =>
        File.Exists(System.IO.Path.Combine(Expected, "node_modules", ".bin", "sarif-multitool")) ? Expected : null;
}

/// <summary>Skipped, saying why and how to install it, where npx or the SARIF Multitool is missing.</summary>
public sealed class FactWhenMultitoolInstalledAttribute : FactAttribute
{
    public FactWhenMultitoolInstalledAttribute()
    {
        if (!ExternalTools.IsOnPath("npx"))
            Skip = "npx not found on PATH: the SARIF Multitool runs with node/npm (.ci/run installs it)";
        else if (MultitoolDirectory.Path is null)
            Skip = $"SARIF Multitool not installed in {MultitoolDirectory.Expected} (KMSLINT_SARIF_MULTITOOL): " +
                   "run 'npm install @microsoft/sarif-multitool@5.7.0' there, as .ci/run does";
    }
}
