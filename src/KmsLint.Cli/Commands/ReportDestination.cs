namespace KmsLint.Cli.Commands;

/// <summary>Where a command's report goes: standard output, or the <c>--output</c> file written atomically.</summary>
internal sealed class ReportDestination
{
    private ReportDestination(string? filePath) => FilePath = filePath;

    /// <summary>The full path of <c>--output</c>, or null for standard output.</summary>
    public string? FilePath { get; }

    /// <summary>Reads and checks <c>--output</c> before any work is done, so a typo costs nothing.</summary>
    public static ReportDestination From(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Value("--output") is not { } output)
            return new ReportDestination(null);
        var fullPath = context.FullPath(output);
        if (Directory.Exists(fullPath))
            throw arguments.Error($"--output '{fullPath}' is a directory");
        if (!Directory.Exists(Path.GetDirectoryName(fullPath)))
            throw arguments.Error($"--output directory '{Path.GetDirectoryName(fullPath)}' does not exist");
        return new ReportDestination(fullPath);
    }

    /// <summary>Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public bool IsColourTerminal(CliContext context) =>
        FilePath is null && context.StdoutIsTerminal && string.IsNullOrEmpty(context.GetEnvironmentVariable("NO_COLOR"));

    public void Write(CliContext context, Action<TextWriter> write)
    {
        if (FilePath is null)
        {
            write(context.Stdout);
            return;
        }
        try
        {
            AtomicFile.Write(FilePath, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write --output '{FilePath}': {e.Message}");
        }
    }
}
