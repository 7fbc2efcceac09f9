namespace KmsLint.Cli;

/// <summary>
/// Standard output as the report is written to it: an IO failure there (a full disk, a device error) becomes an
/// <see cref="OutputFailedException"/>, so the CLI can tell it from a failure of its own and say it in one line.
/// </summary>
internal sealed class StandardOutputStream : Stream
{
    private readonly Stream inner;

    public StandardOutputStream(Stream inner) => this.inner = inner;

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
            inner.Write(buffer);
        }
        catch (IOException error)
        {
            throw new OutputFailedException(error);
        }
    }

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (IOException error)
        {
            throw new OutputFailedException(error);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>The report could not be written to standard output.</summary>
internal sealed class OutputFailedException : IOException
{
    public OutputFailedException(IOException cause)
        : base(cause.Message, cause)
    {
    }
}
