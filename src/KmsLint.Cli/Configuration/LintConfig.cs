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

    /// <summary>The <c>sets:</c> globs: directories (relative to the config file) that are linted as sets of their own.</summary>
    public ExcludeSet SetRoots { get; init; } = ExcludeSet.None;

    /// <summary>The <c>stacks:</c> map: a template's full path → the stack it is deployed as.</summary>
    public IReadOnlyDictionary<string, string> StackNamesByFullPath { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The settings with the stack names keyed by the paths the linted files are shown as.</summary>
    public LintSettings SettingsFor(IEnumerable<(string FullPath, string DisplayPath)> files)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fullPath, displayPath) in files)
        {
            if (StackNamesByFullPath.TryGetValue(fullPath, out var name))
                names[displayPath] = name;
        }
        return names.Count == 0 ? Settings : Settings with { Deployment = Settings.Deployment with { StackNames = names } };
    }
}
