namespace KmsLint.Patterns;

/// <summary>
/// One log event message with the views the pattern forms need, each computed at most once:
/// the parsed JSON (JSON patterns) and the space-delimited fields (<c>[...]</c> patterns).
/// Lazily filled instances are single-threaded; <see cref="Prepared"/> ones are immutable and shareable.
/// </summary>
internal sealed class LogEvent
{
    private JsonValue? _json;
    private bool _jsonParsed;
    private IReadOnlyList<string>? _fields;

    public LogEvent(string message)
    {
        Message = message;
    }

    public string Message { get; }

    /// <summary>An event with every view computed up front, safe to share between threads (the corpus).</summary>
    public static LogEvent Prepared(string message, JsonValue json)
    {
        var prepared = new LogEvent(message) { _json = json, _jsonParsed = true };
        prepared._fields = DelimitedFilter.SplitFields(message);
        return prepared;
    }

    /// <summary>The message parsed as JSON, or null when it is not JSON (JSON patterns then never match).</summary>
    public JsonValue? Json
    {
        get
        {
            if (!_jsonParsed)
            {
                _json = Patterns.Json.TryParse(Message);
                _jsonParsed = true;
            }

            return _json;
        }
    }

    public IReadOnlyList<string> DelimitedFields => _fields ??= DelimitedFilter.SplitFields(Message);
}
