using KmsLint.Cli.Discovery;
using KmsLint.Templates;

namespace KmsLint.Cli.Configuration;

/// <summary>What <c>.kmslint.yaml</c> configures: the engine's settings and the CLI's exclude globs.</summary>
/// <param name="Settings">Rule levels, tags, pending window, routes, external resources, file size limit.</param>
/// <param name="Excludes">Paths never linted, relative to the config file's directory.</param>
/// <param name="DisplayPath">The config file as shown to the user, or null when defaults are used.</param>
internal sealed record LintConfig(LintSettings Settings, ExcludeSet Excludes, string? DisplayPath)
{
    public static LintConfig Default { get; } = new(LintSettings.Default, ExcludeSet.None, null);
}
