using KmsLint.Cli.Discovery;
using KmsLint.Templates;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Configuration;

/// <summary>What <c>.kmslint.yaml</c> configures: the engine's settings and the CLI's exclude globs.</summary>
/// <param name="Settings">Rule levels, tags, pending window, routes, external resources, file size limit.</param>
/// <param name="Excludes">Paths never linted, relative to the config file's directory (and <c>--exclude</c>'s, to the current one).</param>
/// <param name="DisplayPath">The config file as shown to the user, or null when defaults are used.</param>
internal sealed record LintConfig(LintSettings Settings, ExcludeSet Excludes, string? DisplayPath)
{
    public static LintConfig Default { get; } = new(LintSettings.Default, ExcludeSet.None, null);

    /// <summary>The <c>sets:</c> globs: directories (relative to the config file) that are linted as sets of their own.</summary>
    public ExcludeSet SetRoots { get; init; } = ExcludeSet.None;

    /// <summary>The <c>stacks:</c> map: a template's full path → the stack it is deployed as.</summary>
    public IReadOnlyDictionary<string, string> StackNamesByFullPath { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The <c>overrides:</c> list, in order: a later one wins for a file both match.</summary>
    public IReadOnlyList<RuleOverride> Overrides { get; init; } = Array.Empty<RuleOverride>();

    /// <summary>
    /// The settings for a set's files: the stack names and the overrides' rule levels keyed by the paths the linted
    /// files are shown as.
    /// </summary>
    public LintSettings SettingsFor(IReadOnlyList<Discovery.DiscoveredFile> files)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var fileLevels = new Dictionary<string, IReadOnlyDictionary<string, Level?>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (fullPath, displayPath) = (file.FullPath, file.DisplayPath);
            if (StackNamesByFullPath.TryGetValue(fullPath, out var name))
                names[displayPath] = name;
            if (LevelsFor(fullPath) is { } levels)
                fileLevels[displayPath] = levels;
        }
        var settings = fileLevels.Count == 0 ? Settings : Settings with { FileRuleLevels = fileLevels };
        return names.Count == 0 ? settings : settings with { Deployment = settings.Deployment with { StackNames = names } };
    }

    /// <summary>The levels of every override matching the file, later ones winning; null when none matches.</summary>
    private Dictionary<string, Level?>? LevelsFor(string fullPath)
    {
        Dictionary<string, Level?>? levels = null;
        foreach (var rule in Overrides.Where(candidate => candidate.Files.Matches(fullPath)))
        {
            levels ??= new Dictionary<string, Level?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, level) in rule.Levels)
                levels[id] = level;
        }
        return levels;
    }
}

/// <summary>One entry of <c>overrides:</c>: the files it is for and the rule levels there (null: off).</summary>
internal sealed record RuleOverride(ExcludeSet Files, IReadOnlyDictionary<string, Level?> Levels);
