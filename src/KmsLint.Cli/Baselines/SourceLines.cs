using System.Text;
using KmsLint.Cli.Discovery;

namespace KmsLint.Cli.Baselines;

/// <summary>The lines of the files of a set, read when a fingerprint first asks for one and kept for the next.</summary>
internal sealed class SourceLines(LintSet set)
{
    private readonly Dictionary<string, string[]?> linesByFile = new(StringComparer.Ordinal);

    /// <summary>The text of 1-based line <paramref name="line"/> of the file shown as <paramref name="displayPath"/>, or null.</summary>
    public string? Line(string displayPath, int line)
    {
        if (!linesByFile.TryGetValue(displayPath, out var lines))
            linesByFile[displayPath] = lines = Read(displayPath);
        return lines is not null && line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    private string[]? Read(string displayPath)
    {
        if (set.Files.Find(file => file.DisplayPath == displayPath) is not { } file)
            return null;
        try
        {
            // A file over the size limit was not linted (KMS902): it is not read for a fingerprint either.
            if (file.Contents is null && new FileInfo(file.FullPath).Length > set.Config.Settings.MaxFileBytes)
                return null;
            using var stream = Commands.LintCommand.Open(file, set.Config.Settings.MaxFileBytes);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd().Split('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the file is reported (KMS902); its findings get the fingerprint of an empty line
        }
    }
}
