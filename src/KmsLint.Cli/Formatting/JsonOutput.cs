using System.Buffers;
using System.Text;
using System.Text.Json;

namespace KmsLint.Cli.Formatting;

/// <summary>Writes JSON with <see cref="Utf8JsonWriter"/> (no reflection serializer, so NativeAOT stays clean).</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(writer);
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.WriteLine();
    }
}
