namespace KmsLint.Cli;

/// <summary>
/// Standard output as the report is written to it: an IO failure there (a full disk, a device error) becomes an
/// <see cref="OutputFailedException"/>, so the CLI can tell it from a failure of its own and say it in one line.
/// </summary>
internal sealed class StandardOutputStream : Stream
{
    private const string ClosedMessage = "standard output is closed";

    private readonly Stream? inner;

    /// <param name="inner">The process's standard output, or null when it was closed: then only writing fails, so a run
    /// with <c>--output FILE</c>, which writes nothing there, is unaffected.</param>
    public StandardOutputStream(Stream? inner) => this.inner = inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            (inner ?? throw new IOException(ClosedMessage)).Write(buffer);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Failed(error);
        }
    }

    public override void Flush()
    {
        try
        {
            inner?.Flush();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Failed(error);
        }
    }

    /// <summary>.NET reports a write to a closed descriptor (EBADF) as access denied; say what it means.</summary>
    private static OutputFailedException Failed(Exception error) =>
        new(error is UnauthorizedAccessException ? ClosedMessage : error.Message, error);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>The report could not be written to standard output.</summary>
internal sealed class OutputFailedException : IOException
{
    public OutputFailedException(string message, Exception cause)
        : base(message, cause)
    {
    }
}
