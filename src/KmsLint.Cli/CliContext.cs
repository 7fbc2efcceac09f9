using KmsLint.Templates;

namespace KmsLint.Cli;

/// <summary>Everything a command may touch of the outside world, so tests run the CLI in-process.</summary>
/// <param name="Stdout">Where reports go (unless <c>--output</c> is given).</param>
/// <param name="Stderr">Where errors and progress go.</param>
/// <param name="WorkingDirectory">Relative paths are resolved against it, and displayed relative to it.</param>
public sealed record CliContext(TextWriter Stdout, TextWriter Stderr, string WorkingDirectory)
{
    /// <summary>True when stdout is a terminal: the text format is coloured then (unless NO_COLOR is set).</summary>
    public bool StdoutIsTerminal { get; init; }

    /// <summary>True when stderr is a terminal: long runs show progress there.</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary>Opens standard input: the template of <c>kmslint lint -</c>.</summary>
    public Func<Stream> OpenStandardInput { get; init; } = () => Stream.Null;

    /// <summary>Where <c>--verbose</c> says what the run does (on stderr); silent unless the option is given.</summary>
    internal VerboseLog Log { get; init; } = VerboseLog.Off;

    /// <summary>Reads an environment variable (NO_COLOR, TERM, KMSLINT_DEBUG).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The engine; tests put in a pipeline with a crashing rule to check a crash is reported, not hidden.</summary>
    internal Func<IEnumerable<TemplateSource>, LintSettings, LintReport> Lint { get; init; } = Linter.Lint;

    /// <summary>A path as the user gave it, made absolute against <see cref="WorkingDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>How a path is shown: relative to the working directory when under it, with '/' separators.</summary>
    public string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, fullPath);
        var outside = Path.IsPathRooted(relative) || relative == ".." ||
                      relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return (outside ? fullPath : relative).Replace('\\', '/');
    }
}
