namespace KmsLint.Patterns;

/// <summary>
/// A validated EventBridge event pattern. Fields AND, values in a field's array OR, an event array matches when
/// any element matches; <c>$or</c> gives alternatives at any object level. Matching follows EventBridge
/// (open-source Event Ruler) semantics, see <see cref="EventValueMatcher"/> for the value operators.
/// </summary>
public sealed class EventPattern
{
    private readonly PatternObject _root;

    private EventPattern(JsonValue source, PatternObject root)
    {
        Source = source;
        _root = root;
    }

    /// <summary>The pattern as given.</summary>
    public JsonValue Source { get; }

    /// <summary>Parses a JSON pattern string (at most <see cref="PatternLimits.MaxEventPatternLength"/> characters).</summary>
    public static EventPattern Parse(string json)
    {
        if (json is null) throw new PatternSyntaxException("the event pattern is null", 1, 1);
        if (json.Length > PatternLimits.MaxEventPatternLength)
        {
            throw PatternSyntaxException.At(json, PatternLimits.MaxEventPatternLength,
                $"event pattern is {json.Length} characters long; EventBridge allows at most {PatternLimits.MaxEventPatternLength}");
        }

        return FromValue(Json.Parse(json));
    }

    /// <summary>
    /// Validates a pattern value tree (e.g. converted from YAML); throws <see cref="PatternSyntaxException"/> when
    /// invalid, positioned at the offending value (line 1, column 1 when the value carries no position).
    /// </summary>
    public static EventPattern FromValue(JsonValue pattern)
    {
        if (pattern is null) throw new PatternSyntaxException("the event pattern is null", 1, 1);
        return new EventPattern(pattern, PatternObject.Compile(pattern, "", depth: 0));
    }

    public bool Matches(JsonValue evt) => evt is not null && _root.Matches(evt);

    /// <summary>
    /// Whether a value list of the field <paramref name="path"/> (<c>detail.eventName</c>, in any <c>$or</c> branch)
    /// accepts <paramref name="value"/> (exactly, by prefix, wildcard, anything-but, exists); null when the pattern does
    /// not test that field. Says what the author meant, not what an event matches.
    /// </summary>
    public bool? Admits(string path, string value) => _root.Admits(path.Split('.'), 0, new JsonString(value));

    internal static PatternSyntaxException Error(JsonValue at, string path, string message) =>
        new(path.Length == 0 ? message : $"{path}: {message}", Math.Max(at.Line, 1), Math.Max(at.Column, 1));
}

/// <summary>One object level of a pattern: fields (nested objects or value lists) and <c>$or</c> groups.</summary>
internal sealed class PatternObject
{
    private readonly List<(string Name, PatternObject? Nested, EventValueMatcher[]? Values)> _fields = new();
    private readonly List<PatternObject[]> _orGroups = new();

    public static PatternObject Compile(JsonValue value, string path, int depth)
    {
        if (depth > PatternLimits.MaxNestingDepth)
            throw EventPattern.Error(value, path, $"pattern nested deeper than {PatternLimits.MaxNestingDepth} levels");
        if (value is not JsonObject obj)
            throw EventPattern.Error(value, path, "an event pattern must be a JSON object, e.g. {\"source\": [\"aws.kms\"]}");
        if (obj.Members.Count == 0)
            throw EventPattern.Error(value, path, "empty pattern object: it would test nothing");

        var compiled = new PatternObject();
        foreach (var member in obj.Members)
        {
            var memberPath = path.Length == 0 ? member.Key : path + "." + member.Key;
            if (member.Key == "$or" && IsOrGroup(member.Value))
            {
                var alternatives = ((JsonArray)member.Value).Items
                    .Select(alternative => Compile(alternative, memberPath, depth + 1))
                    .ToArray();
                compiled._orGroups.Add(alternatives);
            }
            else if (member.Value is JsonObject)
            {
                compiled._fields.Add((member.Key, Compile(member.Value, memberPath, depth + 1), null));
            }
            else if (member.Value is JsonArray array)
            {
                if (array.Items.Count == 0)
                    throw EventPattern.Error(array, memberPath, "empty value list: it would never match; list at least one value");
                var matchers = array.Items.Select(item => EventValueMatcher.Compile(item, memberPath)).ToArray();
                compiled._fields.Add((member.Key, null, matchers));
            }
            else
            {
                throw EventPattern.Error(member.Value, memberPath,
                    "a pattern value must be a list (e.g. [\"DisableKey\"]) or a nested object, not a single value");
            }
        }

        return compiled;
    }

    /// <summary>As Event Ruler: <c>$or</c> is an operator only when it holds an array of two or more objects.</summary>
    private static bool IsOrGroup(JsonValue value) =>
        value is JsonArray array && array.Items.Count >= 2 && array.Items.All(item => item is JsonObject);

    /// <summary>Matches an event value at this level; null means the field is absent.</summary>
    public bool Matches(JsonValue? value)
    {
        if (value is JsonArray array)
        {
            // An array of objects matches when one element satisfies the whole level.
            return array.Items.Any(item => item is JsonObject && Matches(item)) || MatchesObject(null);
        }

        return MatchesObject(value as JsonObject);
    }

    internal bool? Admits(string[] path, int at, JsonValue value)
    {
        bool? admits = null;
        foreach (var (name, nested, values) in _fields)
        {
            if (name != path[at])
            {
                continue;
            }

            var field = at == path.Length - 1
                ? (values is null ? (bool?)null : EventValueMatcher.MatchesAny(values, value))
                : nested?.Admits(path, at + 1, value);
            admits = field == true || admits == true ? true : field ?? admits;
        }

        foreach (var alternative in _orGroups.SelectMany(group => group))
        {
            var field = alternative.Admits(path, at, value);
            admits = field == true || admits == true ? true : field ?? admits;
        }

        return admits;
    }

    private bool MatchesObject(JsonObject? obj)
    {
        foreach (var (name, nested, values) in _fields)
        {
            var child = obj?[name];
            var ok = nested != null ? nested.Matches(child) : EventValueMatcher.MatchesAny(values!, child);
            if (!ok) return false;
        }

        foreach (var alternatives in _orGroups)
        {
            if (!alternatives.Any(alternative => alternative.MatchesObject(obj))) return false;
        }

        return true;
    }
}
