using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KmsLint.Cli.ChangeControl;

/// <summary>
/// Reads blobs through one long-lived <c>git cat-file --batch</c>: the engine opens its sources one after another,
/// and each request is one line in, one object out, so a run of thousands of files costs one process.
/// </summary>
internal sealed class GitObjectReader(string directory) : IDisposable
{
    private Process? process;

    /// <summary>The object's bytes; an IOException (the engine reports the file as KMS902) when git does not have it.</summary>
    public byte[] Read(string objectId)
    {
        process ??= Started();
        var input = process.StandardInput.BaseStream;
        var request = Encoding.ASCII.GetBytes(objectId + "\n");
        input.Write(request, 0, request.Length);
        input.Flush();

        var output = process.StandardOutput.BaseStream;
        var header = ReadLine(output).Split(' ');
        if (header.Length != 3 || !long.TryParse(header[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size > int.MaxValue)
            throw new IOException($"git has no object {objectId} ({string.Join(" ", header)})");
        var bytes = new byte[size];
        var read = 0;
        while (read < size)
        {
            var count = output.Read(bytes, read, (int)size - read);
            if (count <= 0)
                throw new IOException($"git cat-file ended while reading {objectId}");
            read += count;
        }
        ReadLine(output); // the newline after the contents
        return bytes;
    }

    public void Dispose()
    {
        if (process is null)
            return;
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
                process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone: nothing left to stop.
        }
        process.Dispose();
    }

    private Process Started()
    {
        var started = Git.Start(directory, new[] { "cat-file", "--batch" });
        started.ErrorDataReceived += (_, _) => { }; // drained, so git never blocks on a full stderr pipe
        started.BeginErrorReadLine();
        return started;
    }

    private static string ReadLine(Stream stream)
    {
        var line = new List<byte>();
        while (true)
        {
            var next = stream.ReadByte();
            if (next < 0)
                throw new IOException("git cat-file ended unexpectedly");
            if (next == '\n')
                return Encoding.UTF8.GetString(line.ToArray());
            line.Add((byte)next);
        }
    }
}
