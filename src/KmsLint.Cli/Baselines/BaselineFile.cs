using System.Text;
using System.Text.Json;
using KmsLint.Cli.Formatting;

namespace KmsLint.Cli.Baselines;

/// <summary>
/// One accepted finding of a baseline: matched by rule, file (relative to the baseline file's folder), logical id and
/// <see cref="Fingerprint"/>, never by line. The message is there for the reader of the file and a review of it.
/// </summary>
internal sealed record BaselineEntry(string RuleId, string File, string? LogicalId, string Fingerprint, string Message)
{
    /// <summary>The line of the baseline file the entry is written on.</summary>
    public int Line { get; init; }

    public (string, string, string, string) Key => (RuleId, File, LogicalId ?? string.Empty, Fingerprint);
}

/// <summary>
/// The baseline file (<c>--create-baseline FILE</c> writes it, <c>--baseline FILE</c> reads it): JSON, one entry per
/// line, so a review shows each accepted finding and a fixed one is a deleted line.
/// <code>
/// {
///   "kmslintBaseline": 1,
///   "findings": [
///     {"ruleId": "KMS400", "file": "stacks/keys.yaml", "logicalId": "DataKey", "fingerprint": "3f2a…", "message": "…"}
///   ]
/// }
/// </code>
/// </summary>
internal static class BaselineFile
{
    public const int FormatVersion = 1;

    /// <summary>A baseline of a large repository is a few MB; the bound keeps a wrong file from exhausting memory.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Lines before the first entry: the entry of index i is on line <c>FirstEntryLine + i</c>.</summary>
    public const int FirstEntryLine = 4;

    /// <summary>The file's text for <paramref name="entries"/>, in the order given.</summary>
    public static string Text(IReadOnlyList<BaselineEntry> entries)
    {
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append($"  \"kmslintBaseline\": {FormatVersion},\n");
        text.Append("  \"findings\": [");
        for (var i = 0; i < entries.Count; i++)
            text.Append(i == 0 ? "\n    " : ",\n    ").Append(EntryJson(entries[i]));
        text.Append(entries.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
        return text.ToString();
    }

    private static string EntryJson(BaselineEntry entry)
    {
        using var writer = new StringWriter();
        JsonOutput.WriteCompact(writer, json =>
        {
            json.WriteStartObject();
            json.WriteString("ruleId", entry.RuleId);
            json.WriteString("file", entry.File);
            JsonOutput.WriteStringOrNull(json, "logicalId", entry.LogicalId);
            json.WriteString("fingerprint", entry.Fingerprint);
            json.WriteString("message", entry.Message);
            json.WriteEndObject();
        });
        return writer.ToString();
    }

    /// <summary>Reads a baseline; a file that is not one is a <see cref="UsageException"/> saying where and why.</summary>
    public static IReadOnlyList<BaselineEntry> Read(string fullPath, string displayPath)
    {
        byte[] bytes;
        try
        {
            if (new FileInfo(fullPath).Length > MaxBytes)
                throw new UsageException($"{displayPath}: larger than the {MaxBytes / 1024 / 1024} MiB a baseline may be");
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read --baseline '{displayPath}': {e.Message}");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kmslintBaseline", out var version))
                throw new UsageException($"{displayPath}:1:1: not a KmsLint baseline (no \"kmslintBaseline\"; write one with --create-baseline)");
            if (version.ValueKind != JsonValueKind.Number || version.GetInt32() != FormatVersion)
                throw new UsageException($"{displayPath}:1:1: baseline format {version} is not the {FormatVersion} this KmsLint reads");
            if (!root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
                throw new UsageException($"{displayPath}:1:1: a baseline needs a \"findings\" list");

            var lines = EntryLines(bytes);
            var entries = new List<BaselineEntry>();
            var index = 0;
            foreach (var item in findings.EnumerateArray())
            {
                var line = index < lines.Count ? lines[index] : 1;
                entries.Add(new BaselineEntry(
                    Text(item, "ruleId", displayPath, line)!, Text(item, "file", displayPath, line)!, Text(item, "logicalId", displayPath, line, optional: true),
                    Text(item, "fingerprint", displayPath, line)!, Text(item, "message", displayPath, line, optional: true) ?? string.Empty) { Line = line });
                index++;
            }
            return entries;
        }
        catch (JsonException e)
        {
            throw new UsageException($"{displayPath}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {e.Message.Split(" LineNumber", 2)[0]}");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new UsageException($"{displayPath}: not a KmsLint baseline: {e.Message}");
        }
    }

    private static string? Text(JsonElement entry, string name, string displayPath, int line, bool optional = false)
    {
        if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                return text;
            if (optional && value.ValueKind == JsonValueKind.Null)
                return null;
        }
        return optional ? null : throw new UsageException($"{displayPath}:{line}:1: a baseline entry needs \"{name}\" (a text); write the file with --create-baseline");
    }

    /// <summary>The line each entry of the findings list starts on: objects two levels deep, in order.</summary>
    private static List<int> EntryLines(byte[] bytes)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 16 });
        var line = 1;
        var counted = 0L;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.StartObject || reader.CurrentDepth != 2)
                continue;
            for (; counted < reader.TokenStartIndex; counted++)
                if (bytes[counted] == (byte)'\n')
                    line++;
            lines.Add(line);
        }
        return lines;
    }
}
