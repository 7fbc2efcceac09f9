using KmsLint.Cli.Configuration;

namespace KmsLint.Cli.Discovery;

/// <summary>
/// Templates linted together, with one configuration: references are followed only within a set, so one account's
/// trail never covers another's keys. A directory holding its own <c>.kmslint.yaml</c>, or named by a config's
/// <c>sets:</c>, starts a set of its own.
/// </summary>
/// <param name="rootFullPath">The directory the set starts at, or empty for the PATHs as given (several of them).</param>
/// <param name="name">How the set is shown: its directory (<c>accounts/prod</c>), or the PATHs given.</param>
/// <param name="config">The configuration of the set.</param>
internal sealed class LintSet(string rootFullPath, string name, LintConfig config)
{
    public string RootFullPath { get; } = rootFullPath;

    public string Name { get; } = name;

    public LintConfig Config { get; } = config;

    public List<DiscoveredFile> Files { get; set; } = new();

    /// <summary>The directories (or files) walked for the set: its root, or the PATHs as given.</summary>
    public IReadOnlyList<string> Roots
    {
        get => roots ?? (RootFullPath.Length > 0 ? new[] { RootFullPath } : Array.Empty<string>());
        init => roots = value;
    }

    private readonly IReadOnlyList<string>? roots;

    public List<UnreadableDirectory> UnreadableDirectories { get; } = new();

    /// <summary>Display paths of the files whose findings are reported (the named files), or null for every file of the set.</summary>
    public HashSet<string>? ReportedFiles { get; set; }

    /// <summary>True when the path is the set's root or below it; a set of the PATHs as given holds everything.</summary>
    public bool Contains(string fullPath) =>
        RootFullPath.Length == 0
        || string.Equals(fullPath, RootFullPath, StringComparison.Ordinal)
        || fullPath.StartsWith(Path.TrimEndingDirectorySeparator(RootFullPath) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
