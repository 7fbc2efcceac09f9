using System.Net;

namespace KmsLint.Patterns;

/// <summary>
/// One entry of a pattern's value list: an exact value (string, number, boolean, null) or an operator object —
/// prefix, suffix (both optionally with equals-ignore-case), equals-ignore-case, wildcard, anything-but (value,
/// list, prefix, suffix, equals-ignore-case, wildcard), numeric, exists, cidr.
/// </summary>
internal abstract class EventValueMatcher
{
    /// <summary>Event Ruler limits numeric matching to ±5.0e9.</summary>
    private const double NumericLimit = 5.0e9;

    /// <summary>Whether the field (null when absent) satisfies at least one matcher of the list.</summary>
    public static bool MatchesAny(EventValueMatcher[] matchers, JsonValue? field)
    {
        var leaves = LeafValues(field);
        foreach (var matcher in matchers)
        {
            if (matcher is ExistsMatcher exists)
            {
                if (exists.ShouldExist == (leaves.Count > 0)) return true;
                continue;
            }

            foreach (var leaf in leaves)
            {
                if (matcher.Matches(leaf)) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The scalar values a field contributes: itself, or the scalars of an array (nested arrays flattened).
    /// An object is not a leaf, so <c>exists</c> sees it as absent (Event Ruler: exists works on leaf nodes only).
    /// </summary>
    private static List<JsonValue> LeafValues(JsonValue? field)
    {
        var leaves = new List<JsonValue>();
        var pending = new Stack<JsonValue>();
        if (field != null) pending.Push(field);
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            if (value is JsonArray array)
            {
                for (var i = array.Items.Count - 1; i >= 0; i--) pending.Push(array.Items[i]);
            }
            else if (value is not JsonObject)
            {
                leaves.Add(value);
            }
        }

        return leaves;
    }

    protected abstract bool Matches(JsonValue leaf);

    public static EventValueMatcher Compile(JsonValue item, string path)
    {
        switch (item)
        {
            case JsonString or JsonNumber or JsonBool or JsonNull:
                return new ExactMatcher(item);
            case JsonArray:
                throw EventPattern.Error(item, path, "a value list cannot contain a list");
            case JsonObject obj:
                if (obj.Members.Count != 1)
                    throw EventPattern.Error(item, path, "a matcher object must have exactly one key, e.g. {\"prefix\": \"Disable\"}");
                var (op, argument) = (obj.Members[0].Key, obj.Members[0].Value);
                var opPath = path + "." + op;
                return op switch
                {
                    "prefix" => AffixMatcher.Create(argument, opPath, suffix: false),
                    "suffix" => AffixMatcher.Create(argument, opPath, suffix: true),
                    "equals-ignore-case" => new IgnoreCaseMatcher(RequireString(argument, opPath)),
                    "wildcard" => WildcardMatcher.Create(argument, opPath),
                    "anything-but" => AnythingButMatcher.Create(argument, opPath),
                    "numeric" => NumericMatcher.Create(argument, opPath),
                    "exists" => argument is JsonBool flag
                        ? new ExistsMatcher(flag.Value)
                        : throw EventPattern.Error(argument, opPath, "exists takes true or false"),
                    "cidr" => CidrMatcher.Create(argument, opPath),
                    _ => throw EventPattern.Error(item, path, $"unknown matcher \"{op}\"; EventBridge knows prefix, suffix, " +
                        "equals-ignore-case, wildcard, anything-but, numeric, exists and cidr"),
                };
            default:
                throw EventPattern.Error(item, path, "unsupported value");
        }
    }

    private static string RequireString(JsonValue value, string path) =>
        value is JsonString s ? s.Value : throw EventPattern.Error(value, path, "expects a string");

    /// <summary>Exact match: strings by ordinal equality, numbers by value (300 equals 3.0e2), booleans, null.</summary>
    private sealed class ExactMatcher : EventValueMatcher
    {
        private readonly JsonValue _expected;

        public ExactMatcher(JsonValue expected)
        {
            _expected = expected;
        }

        protected override bool Matches(JsonValue leaf) => ScalarEquals(_expected, leaf);

        public static bool ScalarEquals(JsonValue a, JsonValue b) => (a, b) switch
        {
            (JsonString x, JsonString y) => x.Value == y.Value,
            (JsonNumber x, JsonNumber y) => x.Value == y.Value,
            (JsonBool x, JsonBool y) => x.Value == y.Value,
            (JsonNull, JsonNull) => true,
            _ => false,
        };
    }

    private sealed class AffixMatcher : EventValueMatcher
    {
        private readonly string _affix;
        private readonly bool _suffix;
        private readonly StringComparison _comparison;

        private AffixMatcher(string affix, bool suffix, StringComparison comparison)
        {
            _affix = affix;
            _suffix = suffix;
            _comparison = comparison;
        }

        /// <summary><c>"Disable"</c> or <c>{"equals-ignore-case": "disable"}</c>.</summary>
        public static AffixMatcher Create(JsonValue argument, string path, bool suffix)
        {
            if (argument is JsonString s) return new AffixMatcher(s.Value, suffix, StringComparison.Ordinal);
            if (argument is JsonObject { Members.Count: 1 } obj && obj.Members[0].Key == "equals-ignore-case")
                return new AffixMatcher(RequireString(obj.Members[0].Value, path + ".equals-ignore-case"), suffix, StringComparison.OrdinalIgnoreCase);
            throw EventPattern.Error(argument, path, "expects a string or {\"equals-ignore-case\": string}");
        }

        public bool MatchesText(string text) => _suffix ? text.EndsWith(_affix, _comparison) : text.StartsWith(_affix, _comparison);

        protected override bool Matches(JsonValue leaf) => leaf is JsonString s && MatchesText(s.Value);
    }

    private sealed class IgnoreCaseMatcher : EventValueMatcher
    {
        private readonly string _expected;

        public IgnoreCaseMatcher(string expected)
        {
            _expected = expected;
        }

        public bool MatchesText(string text) => string.Equals(text, _expected, StringComparison.OrdinalIgnoreCase);

        protected override bool Matches(JsonValue leaf) => leaf is JsonString s && MatchesText(s.Value);
    }

    /// <summary><c>*</c> matches any run of characters; <c>\*</c> and <c>\\</c> are literal; <c>**</c> is rejected.</summary>
    private sealed class WildcardMatcher : EventValueMatcher
    {
        private readonly string[] _segments;

        private WildcardMatcher(string[] segments)
        {
            _segments = segments;
        }

        public static WildcardMatcher Create(JsonValue argument, string path)
        {
            var text = RequireString(argument, path);
            var segments = new List<string>();
            var current = new System.Text.StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\\')
                {
                    if (i + 1 < text.Length && (text[i + 1] == '*' || text[i + 1] == '\\'))
                    {
                        current.Append(text[++i]);
                        continue;
                    }

                    throw EventPattern.Error(argument, path, "a backslash may only escape '*' or '\\'");
                }

                if (c == '*')
                {
                    if (i + 1 < text.Length && text[i + 1] == '*')
                        throw EventPattern.Error(argument, path, "consecutive wildcard characters are not allowed");
                    segments.Add(current.ToString());
                    current.Clear();
                    continue;
                }

                current.Append(c);
            }

            segments.Add(current.ToString());
            return new WildcardMatcher(segments.ToArray());
        }

        public bool MatchesText(string text) => Wildcard.Matches(_segments, text);

        protected override bool Matches(JsonValue leaf) => leaf is JsonString s && MatchesText(s.Value);
    }

    /// <summary>Matches any present value except the given ones; never matches an absent field.</summary>
    private sealed class AnythingButMatcher : EventValueMatcher
    {
        private readonly Func<JsonValue, bool> _excluded;

        private AnythingButMatcher(Func<JsonValue, bool> excluded)
        {
            _excluded = excluded;
        }

        public static AnythingButMatcher Create(JsonValue argument, string path)
        {
            switch (argument)
            {
                case JsonString or JsonNumber:
                    return new AnythingButMatcher(leaf => ExactMatcher.ScalarEquals(argument, leaf));
                case JsonArray list:
                    if (list.Items.Count == 0) throw EventPattern.Error(argument, path, "expects a non-empty list");
                    if (!list.Items.All(v => v is JsonString) && !list.Items.All(v => v is JsonNumber))
                        throw EventPattern.Error(argument, path, "a list must hold only strings or only numbers");
                    return new AnythingButMatcher(leaf => list.Items.Any(v => ExactMatcher.ScalarEquals(v, leaf)));
                case JsonObject { Members.Count: 1 } obj:
                    var (op, inner) = (obj.Members[0].Key, obj.Members[0].Value);
                    var innerPath = path + "." + op;
                    return op switch
                    {
                        "prefix" => TextExclusion(AffixMatcher.Create(RequireStringValue(inner, innerPath), innerPath, suffix: false).MatchesText),
                        "suffix" => TextExclusion(AffixMatcher.Create(RequireStringValue(inner, innerPath), innerPath, suffix: true).MatchesText),
                        "equals-ignore-case" => TextExclusion(AnyOfStrings(inner, innerPath, s => new IgnoreCaseMatcher(s).MatchesText)),
                        "wildcard" => TextExclusion(AnyOfStrings(inner, innerPath, s => WildcardMatcher.Create(new JsonString(s) { Line = inner.Line, Column = inner.Column }, innerPath).MatchesText)),
                        _ => throw EventPattern.Error(obj, path, $"anything-but does not take \"{op}\"; it takes a value, a list, prefix, suffix, equals-ignore-case or wildcard"),
                    };
                default:
                    throw EventPattern.Error(argument, path, "expects a string, a number, a list or an object");
            }
        }

        private static JsonValue RequireStringValue(JsonValue value, string path) =>
            value is JsonString ? value : throw EventPattern.Error(value, path, "expects a string");

        /// <summary>A string or a non-empty list of strings, any of which excludes.</summary>
        private static Func<string, bool> AnyOfStrings(JsonValue value, string path, Func<string, Func<string, bool>> make)
        {
            if (value is JsonString s) return make(s.Value);
            if (value is JsonArray { Items.Count: > 0 } list && list.Items.All(v => v is JsonString))
            {
                var tests = list.Items.Select(v => make(((JsonString)v).Value)).ToArray();
                return text => tests.Any(test => test(text));
            }

            throw EventPattern.Error(value, path, "expects a string or a non-empty list of strings");
        }

        /// <summary>Text operators exclude matching strings; values that are not strings are not excluded.</summary>
        private static AnythingButMatcher TextExclusion(Func<string, bool> excludes) =>
            new(leaf => leaf is JsonString s && excludes(s.Value));

        protected override bool Matches(JsonValue leaf) => !_excluded(leaf);
    }

    /// <summary><c>["=", 5]</c>, <c>["&gt;", 0, "&lt;=", 5]</c>: matches JSON numbers only.</summary>
    private sealed class NumericMatcher : EventValueMatcher
    {
        private readonly (string Op, double Value)[] _conditions;

        private NumericMatcher((string Op, double Value)[] conditions)
        {
            _conditions = conditions;
        }

        public static NumericMatcher Create(JsonValue argument, string path)
        {
            if (argument is not JsonArray { Items.Count: 2 or 4 } list)
                throw EventPattern.Error(argument, path, "expects [operator, number] or [lower-op, number, upper-op, number]");
            var conditions = new List<(string Op, double Value)>();
            for (var i = 0; i < list.Items.Count; i += 2)
            {
                if (list.Items[i] is not JsonString { Value: "=" or "<" or "<=" or ">" or ">=" } op)
                    throw EventPattern.Error(list.Items[i], path, "operator must be one of =, <, <=, >, >=");
                if (list.Items[i + 1] is not JsonNumber number)
                    throw EventPattern.Error(list.Items[i + 1], path, "expects a number after the operator");
                if (Math.Abs(number.Value) > NumericLimit)
                    throw EventPattern.Error(number, path, "numbers must lie between -5.0e9 and 5.0e9");
                conditions.Add((op.Value, number.Value));
            }

            if (conditions.Count == 2)
            {
                var lower = conditions.FirstOrDefault(c => c.Op is ">" or ">=");
                var upper = conditions.FirstOrDefault(c => c.Op is "<" or "<=");
                if (lower.Op == null || upper.Op == null)
                    throw EventPattern.Error(argument, path, "a range needs one lower bound (> or >=) and one upper bound (< or <=)");
                if (lower.Value >= upper.Value)
                    throw EventPattern.Error(argument, path, "the lower bound must be below the upper bound");
            }

            return new NumericMatcher(conditions.ToArray());
        }

        protected override bool Matches(JsonValue leaf) =>
            leaf is JsonNumber number && _conditions.All(c => c.Op switch
            {
                "=" => number.Value == c.Value,
                "<" => number.Value < c.Value,
                "<=" => number.Value <= c.Value,
                ">" => number.Value > c.Value,
                _ => number.Value >= c.Value,
            });
    }

    private sealed class ExistsMatcher : EventValueMatcher
    {
        public ExistsMatcher(bool shouldExist)
        {
            ShouldExist = shouldExist;
        }

        public bool ShouldExist { get; }

        // Handled in MatchesAny, which sees the whole field rather than one leaf.
        protected override bool Matches(JsonValue leaf) => false;
    }

    /// <summary>IPv4 or IPv6 CIDR block; matches string values that are addresses inside it.</summary>
    private sealed class CidrMatcher : EventValueMatcher
    {
        private readonly byte[] _network;
        private readonly int _prefixLength;

        private CidrMatcher(byte[] network, int prefixLength)
        {
            _network = network;
            _prefixLength = prefixLength;
        }

        public static CidrMatcher Create(JsonValue argument, string path)
        {
            var text = RequireString(argument, path);
            var slash = text.IndexOf('/');
            if (slash > 0
                && TryParseAddress(text.Substring(0, slash), out var address)
                && int.TryParse(text.Substring(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
                && prefix <= address.Length * 8)
            {
                return new CidrMatcher(address, prefix);
            }

            throw EventPattern.Error(argument, path, "expects a CIDR block such as 10.0.0.0/24 or 2001:db8::/32");
        }

        protected override bool Matches(JsonValue leaf)
        {
            if (leaf is not JsonString s || !TryParseAddress(s.Value, out var address) || address.Length != _network.Length) return false;
            for (var bit = 0; bit < _prefixLength; bit++)
            {
                var mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (_network[bit / 8] & mask)) return false;
            }

            return true;
        }

        private static bool TryParseAddress(string text, out byte[] bytes)
        {
            // IPAddress.TryParse accepts shorthand such as "10" or "10.1"; require the dotted quad or an IPv6 colon form.
            var looksLikeAddress = text.IndexOf(':') >= 0 || text.Count(c => c == '.') == 3;
            if (looksLikeAddress && IPAddress.TryParse(text, out var address))
            {
                bytes = address.GetAddressBytes();
                return true;
            }

            bytes = Array.Empty<byte>();
            return false;
        }
    }
}
