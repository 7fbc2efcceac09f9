using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KmsLint.Cli.Formatting;

/// <summary>
/// Writes JSON with <see cref="Utf8JsonWriter"/> (no reflection serializer, so NativeAOT stays clean). Text is escaped
/// as JSON requires and no further: the output is a report read by people and tools, never embedded in HTML, so
/// <c>&amp;&amp;</c> and <c>'</c> in a pattern stay as written.
/// </summary>
internal static class JsonOutput
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(writer);
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.WriteLine();
    }

    /// <summary>
    /// What names a set in every JSON format: its root, its config (null: the defaults), the templates it linted and,
    /// when files were named, the files it reports on (null otherwise).
    /// </summary>
    public static void WriteSetIdentity(Utf8JsonWriter json, SetRun set)
    {
        json.WriteString("root", set.Name);
        WriteStringOrNull(json, "config", set.Config);
        json.WriteNumber("templatesLinted", set.TemplatesLinted);
        if (set.ReportedFiles is null)
        {
            json.WriteNull("reportedFiles");
            return;
        }

        json.WriteStartArray("reportedFiles");
        foreach (var file in set.ReportedFiles)
            json.WriteStringValue(file);
        json.WriteEndArray();
    }

    public static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
