using KmsLint.Cli.Configuration;
using KmsLint.Cli.Discovery;
using KmsLint.Templates;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>
/// The templates a command reads, found the way every command finds them: the PATHs checked, <c>.kmslint.yaml</c>
/// loaded (or <c>--config</c>), the directories walked. <c>kmslint lint</c> and <c>kmslint report</c> share it, so
/// they read the same set with the same settings.
/// </summary>
internal sealed class TemplateInputs
{
    private TemplateInputs(LintConfig config, DiscoveryResult discovery)
    {
        Config = config;
        Discovery = discovery;
        Settings = config.SettingsFor(discovery.Files.Select(file => (file.FullPath, file.DisplayPath)));
    }

    public LintConfig Config { get; }

    public DiscoveryResult Discovery { get; }

    /// <summary>The engine's settings, with the stack names of the discovered files.</summary>
    public LintSettings Settings { get; }

    /// <summary>The PATH arguments (default <c>.</c>), each checked to exist and made absolute.</summary>
    public static List<string> GivenPaths(ParsedArguments arguments, CliContext context) =>
        (arguments.Positionals.Count == 0 ? new List<string> { "." } : arguments.Positionals)
            .Select(path => CheckExists(arguments, path, context.FullPath(path)))
            .ToList();

    /// <summary>Loads the configuration for <paramref name="paths"/> (absolute, existing) and walks them.</summary>
    public static TemplateInputs Load(ParsedArguments arguments, CliContext context, IReadOnlyList<string> paths)
    {
        var config = LoadConfig(arguments, context, paths[0]);
        return new TemplateInputs(config, new TemplateDiscovery(context, config.Excludes).Discover(paths));
    }

    /// <summary>Runs the engine over the discovered files, with progress on a terminal's stderr for long runs.</summary>
    public T Run<T>(CliContext context, Func<IEnumerable<TemplateSource>, LintSettings, T> engine)
    {
        var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, Discovery.Files.Count);
        var sources = Discovery.Files.Select(file => new TemplateSource(file.DisplayPath, () =>
        {
            progress.FileOpened();
            return Open(file);
        }));
        var result = engine(sources, Settings);
        progress.Done();
        return result;
    }

    /// <summary>Directories the walk could not list become KMS902 findings, at the configured level, in sorted place.</summary>
    public IReadOnlyList<Finding> WithUnreadableDirectories(IReadOnlyList<Finding> findings)
    {
        if (Discovery.UnreadableDirectories.Count == 0 || Settings.EffectiveLevel(RuleCatalog.FileSkipped) is not { } level)
            return findings;
        var all = findings.ToList();
        all.AddRange(Discovery.UnreadableDirectories.Select(directory => new Finding(
            RuleCatalog.FileSkipped.Id, level,
            $"Directory '{directory.DisplayPath}' could not be read ({directory.Reason}), so its templates were not linted.",
            SourceSpan.StartOf(directory.DisplayPath))));
        all.Sort(Formatting.LintRun.Compare);
        return all;
    }

    /// <summary>
    /// A file found by walking that vanished before it was read has nothing to lint: an empty stream makes the
    /// engine skip it as "not a template". A file the user named is opened plainly, so the engine reports it (KMS902).
    /// </summary>
    internal static Stream Open(DiscoveredFile file)
    {
        try
        {
            return File.OpenRead(file.FullPath);
        }
        catch (Exception e) when (!file.NamedExplicitly && e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Stream.Null;
        }
    }

    private static string CheckExists(ParsedArguments arguments, string given, string fullPath) =>
        File.Exists(fullPath) || Directory.Exists(fullPath)
            ? fullPath
            : throw arguments.Error($"path '{given}' does not exist");

    /// <summary>--config if given; else .kmslint.yaml in the first PATH when it is a directory, else in the working directory.</summary>
    private static LintConfig LoadConfig(ParsedArguments arguments, CliContext context, string firstPath)
    {
        if (arguments.Value("--config") is { } given)
        {
            var fullPath = context.FullPath(given);
            if (!File.Exists(fullPath))
                throw arguments.Error($"config file '{given}' does not exist");
            return ConfigLoader.Load(fullPath, context.DisplayPath(fullPath));
        }
        var directory = Directory.Exists(firstPath) ? firstPath : context.WorkingDirectory;
        var candidate = Path.Combine(directory, ConfigLoader.FileName);
        return File.Exists(candidate) ? ConfigLoader.Load(candidate, context.DisplayPath(candidate)) : LintConfig.Default;
    }
}
