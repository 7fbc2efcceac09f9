namespace KmsLint.Patterns;

/// <summary>A validated EventBridge event pattern.</summary>
public sealed class EventPattern
{
    private EventPattern(JsonValue source)
    {
        Source = source;
    }

    /// <summary>The pattern as given.</summary>
    public JsonValue Source { get; }

    /// <summary>Parses a JSON pattern string; throws only <see cref="PatternSyntaxException"/>.</summary>
    public static EventPattern Parse(string json) => FromValue(Json.Parse(json));

    /// <summary>Validates a pattern value tree (e.g. converted from YAML); throws <see cref="PatternSyntaxException"/> when invalid.</summary>
    public static EventPattern FromValue(JsonValue pattern) => throw new NotImplementedException();

    public bool Matches(JsonValue evt) => throw new NotImplementedException();
}
