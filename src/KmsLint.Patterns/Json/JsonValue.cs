using System.Globalization;

namespace KmsLint.Patterns;

/// <summary>A neutral JSON value tree; the linter converts YAML event patterns into it.</summary>
public abstract class JsonValue
{
    /// <summary>The value as compact JSON, member order kept.</summary>
    public string ToCompactJson() => JsonWriter.Compact(this);

    private protected JsonValue()
    {
    }

    /// <summary>
    /// 1-based line of the value in the text it came from (set by <see cref="Json.Parse"/>, or by a caller converting
    /// YAML); 0 when unknown. Event-pattern errors point here.
    /// </summary>
    public int Line { get; init; }

    /// <summary>1-based column, see <see cref="Line"/>.</summary>
    public int Column { get; init; }
}

public sealed class JsonObject : JsonValue
{
    public JsonObject(IReadOnlyList<KeyValuePair<string, JsonValue>> members)
    {
        Members = members;
    }

    /// <summary>Members in source order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; }

    /// <summary>The value of the first member named <paramref name="name"/>, or null.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            foreach (var member in Members)
            {
                if (member.Key == name) return member.Value;
            }

            return null;
        }
    }
}

public sealed class JsonArray : JsonValue
{
    public JsonArray(IReadOnlyList<JsonValue> items)
    {
        Items = items;
    }

    public IReadOnlyList<JsonValue> Items { get; }
}

public sealed class JsonString : JsonValue
{
    public JsonString(string value)
    {
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}

public sealed class JsonNumber : JsonValue
{
    public JsonNumber(double value, string text)
    {
        Value = value;
        Text = text;
    }

    public JsonNumber(double value)
        : this(value, value.ToString("R", CultureInfo.InvariantCulture))
    {
    }

    public double Value { get; }

    /// <summary>The number as written, e.g. <c>1.50</c> or <c>1e3</c>.</summary>
    public string Text { get; }

    public override string ToString() => Text;
}

public sealed class JsonBool : JsonValue
{
    public static readonly JsonBool True = new(true);
    public static readonly JsonBool False = new(false);

    public JsonBool(bool value)
    {
        Value = value;
    }

    public bool Value { get; }

    public static JsonBool Of(bool value) => value ? True : False;

    public override string ToString() => Value ? "true" : "false";
}

public sealed class JsonNull : JsonValue
{
    public static readonly JsonNull Instance = new();

    /// <summary>Prefer <see cref="Instance"/>; a new instance is only needed to carry a position.</summary>
    public JsonNull()
    {
    }

    public override string ToString() => "null";
}
