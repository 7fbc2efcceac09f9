using System.Text;

namespace KmsLint.Cli;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one: the text goes to a
/// temporary file in the same directory (same file system), which is then renamed over the target.
/// A run killed half-way leaves at most a stray temporary file, never a truncated report.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string fullPath, Action<TextWriter> write)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 65536, leaveOpen: true))
                    write(writer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary); // no-op when it was never created
            throw;
        }
    }
}
