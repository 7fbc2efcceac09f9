namespace KmsLint.Cli.Discovery;

/// <summary>
/// The template of <c>kmslint lint -</c>, read from standard input once, when the engine first opens it, and kept: a
/// baseline's fingerprints read its lines again. At most the size limit plus one byte is read, as from a file.
/// </summary>
internal sealed class StandardInput(Func<Stream> open)
{
    /// <summary>How <c>-</c> is shown without <c>--stdin-name</c>.</summary>
    public const string DisplayName = "<stdin>";

    private byte[]? bytes;

    public Stream Open(long maxBytes)
    {
        if (bytes is null)
        {
            using var input = open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while (buffer.Length <= maxBytes && (read = input.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
                buffer.Write(chunk, 0, read);
            bytes = buffer.ToArray();
        }
        return new MemoryStream(bytes, writable: false);
    }
}
