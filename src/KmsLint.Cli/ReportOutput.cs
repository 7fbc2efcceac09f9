using System.Text;
using KmsLint.Cli.Commands;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Cli;

/// <summary>
/// Where a command's <c>--output</c> goes: standard output (no option, or <c>-</c>), or a path. Only a regular file is
/// replaced atomically (<see cref="AtomicFile"/>); a symbolic link, a device, a pipe or an empty file is written in place,
/// so <c>/dev/stdout</c> stays a link and a FIFO's reader gets the text. Missing parent folders are created.
/// </summary>
internal sealed class ReportOutput
{
    public const string Option = "--output";

    private ReportOutput(string? given, string? fullPath)
    {
        Given = given;
        FullPath = fullPath;
    }

    public static ReportOutput StandardOutput { get; } = new(null, null);

    /// <summary>The path as the user wrote it, or null for standard output.</summary>
    public string? Given { get; }

    public string? FullPath { get; }

    public bool IsStandardOutput => FullPath is null;

    /// <summary>
    /// True when writing would replace a file's content: an existing non-empty file, or one a symbolic link leads to.
    /// Devices and pipes have no length, so they are never "replaced".
    /// </summary>
    public bool ReplacesContent => FullPath is not null && FileWithContent(FullPath) is not null;

    /// <summary>
    /// Reads <c>--output</c> (absent: <paramref name="defaultPath"/>, or standard output when that is null); <c>-</c> is
    /// standard output; an empty value or a directory is a usage error.
    /// </summary>
    public static ReportOutput Parse(ParsedArguments arguments, CliContext context, string? defaultPath = null)
    {
        var given = arguments.Value(Option) ?? defaultPath;
        if (given is null or "-")
            return StandardOutput;
        if (given.Length == 0)
            throw arguments.Error($"{Option} is empty (an unset variable?): name a file, or '-' for standard output");
        var fullPath = context.FullPath(given);
        if (Directory.Exists(fullPath))
            throw arguments.Error($"{Option} '{given}' is a directory");
        return new ReportOutput(given, fullPath);
    }

    /// <summary>
    /// Refuses (a usage error) an output that is one of <paramref name="inputs"/> (full paths of the files named) or an
    /// existing file that is a CloudFormation template, even a broken one: a report never takes the place of what it reports on.
    /// </summary>
    public void RefuseInputs(ParsedArguments arguments, IEnumerable<string> inputs, long maxTemplateBytes)
    {
        if (FullPath is null)
            return;
        if (FileWithContent(FullPath) is { } existing && existing.Length <= maxTemplateBytes && IsTemplate(existing))
            throw arguments.Error($"{Option} '{Given}' is a CloudFormation template; the report would overwrite it. Name another file (an unset variable after {Option} takes the next argument)");
        var target = FinalTarget(FullPath);
        if (inputs.Any(input => string.Equals(FinalTarget(input), target, StringComparison.Ordinal)))
            throw arguments.Error($"{Option} '{Given}' is one of the files to lint; the report would overwrite it. Name another file");
    }

    /// <summary>Writes the text to standard output or to the path; a file that cannot be written is a usage error.</summary>
    public void Write(CliContext context, Action<TextWriter> write)
    {
        if (FullPath is null)
        {
            write(context.Stdout);
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FullPath)!);
            if (IsReplacedAtomically(FullPath))
                AtomicFile.Write(FullPath, write);
            else
                WriteInPlace(FullPath, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {Option} '{Given}': {e.Message}");
        }
    }

    /// <summary>A new file, or an existing regular one with content: nothing else may be renamed over.</summary>
    private static bool IsReplacedAtomically(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.LinkTarget is null && (!info.Exists || info.Length > 0);
    }

    /// <summary>Opens what is there (following a link) and writes into it: a device or pipe ignores the truncation.</summary>
    private static void WriteInPlace(string fullPath, Action<TextWriter> write)
    {
        using var stream = new FileStream(fullPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 65536);
        write(writer);
    }

    /// <summary>The regular file with content at the path or at the end of its links, or null (missing, empty, device, pipe).</summary>
    private static FileInfo? FileWithContent(string fullPath)
    {
        try
        {
            var info = new FileInfo(FinalTarget(fullPath));
            return info.Exists && info.LinkTarget is null && info.Length > 0 ? info : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The path a chain of symbolic links ends at (the path itself when it is none).</summary>
    private static string FinalTarget(string fullPath)
    {
        try
        {
            return File.ResolveLinkTarget(fullPath, returnFinalTarget: true)?.FullName ?? fullPath;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return fullPath; // a link loop or an unreadable link: compared as written
        }
    }

    private static bool IsTemplate(FileInfo file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // what cannot be read here cannot be linted either
        }

        var parsed = TemplateReader.Read(file.FullName, bytes, bytes.Length);
        return parsed.Root is { } root ? TemplateBuilder.IsTemplate(root) : parsed.ParseError is not null && parsed.LooksLikeTemplate;
    }
}
