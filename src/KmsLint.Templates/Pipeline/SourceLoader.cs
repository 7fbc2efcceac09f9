using KmsLint.Templates.Findings;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Pipeline;

/// <summary>Reads a source's bytes within the size limit; IO failures become a KMS902 finding for that file.</summary>
internal static class SourceLoader
{
    internal static ParsedFile? Load(TemplateSource source, long maxFileBytes, List<Finding> findings)
    {
        if (source.Length > maxFileBytes)
        {
            findings.Add(TooLarge(source.Path, maxFileBytes));
            return null;
        }

        try
        {
            using var stream = source.Open();
            var limit = (int)Math.Min(Math.Max(0, maxFileBytes), int.MaxValue - 1);
            if (!TryReadAtMost(stream, limit, out var bytes, out var length))
            {
                findings.Add(TooLarge(source.Path, maxFileBytes));
                return null;
            }

            return TemplateReader.Read(source.Path, bytes, length);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            // FileNotFound/DirectoryNotFound (a path that vanished mid-run) are IOExceptions too.
            findings.Add(Skipped(source.Path, $"cannot read the file ({error.GetType().Name}: {error.Message}), skipped"));
            return null;
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> + 1 bytes; false when the stream holds more than the limit.</summary>
    private static bool TryReadAtMost(Stream stream, int limit, out byte[] bytes, out int length)
    {
        var capacity = stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position + 1, (long)limit + 1) : Math.Min(limit + 1, 81920);
        bytes = new byte[Math.Max(1, capacity)];
        length = 0;
        while (true)
        {
            if (length == bytes.Length)
            {
                if (length > limit)
                {
                    return false;
                }

                Array.Resize(ref bytes, (int)Math.Min((long)bytes.Length * 2, (long)limit + 1));
            }

            var read = stream.Read(bytes, length, bytes.Length - length);
            if (read <= 0)
            {
                return length <= limit;
            }

            length += read;
        }
    }

    private static Finding TooLarge(string path, long maxFileBytes) =>
        Skipped(path, $"file is larger than the limit of {maxFileBytes:N0} bytes, skipped");

    private static Finding Skipped(string path, string message) =>
        new(RuleCatalog.FileSkipped.Id, RuleCatalog.FileSkipped.DefaultLevel, message, SourceSpan.StartOf(path));
}
