namespace KmsLint.Patterns;

/// <summary>
/// The JSON form <c>{ $.a.b[0] = value &amp;&amp; (... || ...) }</c>. <c>&amp;&amp;</c> binds tighter than <c>||</c>
/// (AWS documents <c>{ a || b &amp;&amp; c }</c> as <c>a || (b &amp;&amp; c)</c>); whitespace, including newlines, may
/// stand between any two tokens.
/// </summary>
internal static class JsonFilter
{
    public static FilterExpression Parse(FilterScanner scanner)
    {
        scanner.Pos++; // {
        scanner.SkipWhitespace();
        if (scanner.Peek() == '}') throw scanner.Error("empty JSON filter pattern: write a condition such as $.eventName = DisableKey");
        var expression = ParseOr(scanner, depth: 0);
        scanner.SkipWhitespace();
        if (scanner.AtEnd) throw scanner.Error("expected '}' to close the JSON filter pattern");
        if (scanner.Peek() == ')') throw scanner.Error("unbalanced ')': no '(' is open here");
        if (scanner.Peek() != '}') throw scanner.Error($"expected '&&', '||' or '}}' but found {scanner.Found()}");
        scanner.Pos++;
        scanner.SkipWhitespace();
        if (!scanner.AtEnd) throw scanner.Error("unexpected text after the closing '}'");
        return expression;
    }

    private static FilterExpression ParseOr(FilterScanner scanner, int depth)
    {
        var left = ParseAnd(scanner, depth);
        while (true)
        {
            scanner.SkipWhitespace();
            if (!scanner.TryConsume("||")) return left;
            left = new OrExpression(left, ParseAnd(scanner, depth));
        }
    }

    private static FilterExpression ParseAnd(FilterScanner scanner, int depth)
    {
        var left = ParseOperand(scanner, depth);
        while (true)
        {
            scanner.SkipWhitespace();
            if (!scanner.TryConsume("&&")) return left;
            left = new AndExpression(left, ParseOperand(scanner, depth));
        }
    }

    private static FilterExpression ParseOperand(FilterScanner scanner, int depth)
    {
        scanner.SkipWhitespace();
        if (scanner.Peek() == '(')
        {
            var open = scanner.Pos;
            if (depth + 1 > PatternLimits.MaxNestingDepth)
                throw scanner.Error($"parentheses nested deeper than {PatternLimits.MaxNestingDepth} levels");
            scanner.Pos++;
            var inner = ParseOr(scanner, depth + 1);
            scanner.SkipWhitespace();
            if (scanner.Peek() != ')')
            {
                throw scanner.AtEnd || scanner.Peek() == '}'
                    ? scanner.ErrorAt(open, "unbalanced '(': no matching ')'")
                    : scanner.Error($"expected '&&', '||' or ')' but found {scanner.Found()}");
            }

            scanner.Pos++;
            return inner;
        }

        if (scanner.Peek() == '$') return ParseComparison(scanner);
        if (scanner.AtEnd || scanner.Peek() == '}')
            throw scanner.Error("expected a condition such as $.eventName = DisableKey");
        throw scanner.Error($"expected '(' or a selector starting with '$.' but found {scanner.Found()}");
    }

    private static FilterExpression ParseComparison(FilterScanner scanner)
    {
        var selector = JsonSelector.Parse(scanner);
        scanner.SkipWhitespace();
        var opStart = scanner.Pos;
        if (scanner.LookingAt("==")) throw scanner.Error("'==' is not a filter-pattern operator; use '='");
        var op = ReadOperator(scanner);
        if (op is JsonComparison.Op.IsNull or JsonComparison.Op.NotExists or JsonComparison.Op.IsTrue or JsonComparison.Op.IsFalse)
            return new JsonComparison(selector, op, null);

        scanner.SkipWhitespace();
        var valueStart = scanner.Pos;
        var value = scanner.ReadValue("(){}");
        if (op is JsonComparison.Op.Less or JsonComparison.Op.LessOrEqual or JsonComparison.Op.Greater or JsonComparison.Op.GreaterOrEqual
            && value.Number == null)
        {
            throw scanner.ErrorAt(valueStart, $"'{scanner.Text.Substring(opStart, valueStart - opStart).Trim()}' needs a number");
        }

        return new JsonComparison(selector, op, value);
    }

    private static JsonComparison.Op ReadOperator(FilterScanner scanner)
    {
        if (scanner.TryConsume("!=")) return JsonComparison.Op.NotEqual;
        if (scanner.TryConsume("<=")) return JsonComparison.Op.LessOrEqual;
        if (scanner.TryConsume(">=")) return JsonComparison.Op.GreaterOrEqual;
        if (scanner.TryConsume("=")) return JsonComparison.Op.Equal;
        if (scanner.TryConsume("<")) return JsonComparison.Op.Less;
        if (scanner.TryConsume(">")) return JsonComparison.Op.Greater;
        if (TryKeyword(scanner, "IS"))
        {
            scanner.SkipWhitespace();
            if (TryKeyword(scanner, "NULL")) return JsonComparison.Op.IsNull;
            if (TryKeyword(scanner, "TRUE")) return JsonComparison.Op.IsTrue;
            if (TryKeyword(scanner, "FALSE")) return JsonComparison.Op.IsFalse;
            throw scanner.Error("expected NULL, TRUE or FALSE after IS");
        }

        if (TryKeyword(scanner, "NOT"))
        {
            scanner.SkipWhitespace();
            if (TryKeyword(scanner, "EXISTS")) return JsonComparison.Op.NotExists;
            throw scanner.Error("expected EXISTS after NOT");
        }

        throw scanner.Error($"expected an operator (=, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE, NOT EXISTS) but found {scanner.Found()}");
    }

    /// <summary>Keywords are upper case, as AWS documents them; <c>is null</c> is rejected rather than guessed.</summary>
    private static bool TryKeyword(FilterScanner scanner, string keyword)
    {
        if (!scanner.LookingAt(keyword)) return false;
        var after = scanner.Peek(keyword.Length);
        if (char.IsLetterOrDigit(after) || after == '_') return false;
        scanner.Pos += keyword.Length;
        return true;
    }
}

/// <summary>A property selector: <c>$.a.b</c>, <c>$.a[0].b</c>, <c>$.a[0][1]</c>.</summary>
internal sealed class JsonSelector
{
    private readonly object[] _steps; // string = member name, int = array index

    private JsonSelector(object[] steps)
    {
        _steps = steps;
    }

    public static JsonSelector Parse(FilterScanner scanner)
    {
        scanner.Pos++; // $
        var steps = new List<object>();
        while (true)
        {
            if (scanner.Peek() == '.')
            {
                scanner.Pos++;
                var nameStart = scanner.Pos;
                while (IsNameChar(scanner.Peek())) scanner.Pos++;
                if (scanner.Pos == nameStart)
                {
                    throw scanner.Peek() == '*'
                        ? scanner.Error("wildcard selectors ($.*) are not supported; name the field")
                        : scanner.Error($"expected a field name after '.' but found {scanner.Found()}");
                }

                steps.Add(scanner.Text.Substring(nameStart, scanner.Pos - nameStart));
            }
            else if (scanner.Peek() == '[')
            {
                scanner.Pos++;
                var indexStart = scanner.Pos;
                while (scanner.Peek() >= '0' && scanner.Peek() <= '9') scanner.Pos++;
                if (scanner.Pos == indexStart || scanner.Pos - indexStart > 9)
                    throw scanner.Error("expected an array index such as [0]");
                var index = int.Parse(scanner.Text.Substring(indexStart, scanner.Pos - indexStart), System.Globalization.CultureInfo.InvariantCulture);
                if (scanner.Peek() != ']') throw scanner.Error($"expected ']' but found {scanner.Found()}");
                scanner.Pos++;
                steps.Add(index);
            }
            else
            {
                break;
            }
        }

        if (steps.Count == 0) throw scanner.Error("a selector needs a field after '$', e.g. $.eventName");
        return new JsonSelector(steps.ToArray());
    }

    /// <summary>True when the selector is exactly the member path <paramref name="path"/> (<c>eventName</c>, <c>userIdentity.type</c>).</summary>
    public bool Is(string path)
    {
        var names = path.Split('.');
        return names.Length == _steps.Length && _steps.Select((step, i) => step as string == names[i]).All(same => same);
    }

    /// <summary>The selected value, or null when the path does not exist in the event.</summary>
    public JsonValue? Select(JsonValue root)
    {
        JsonValue? current = root;
        foreach (var step in _steps)
        {
            current = step switch
            {
                string name => (current as JsonObject)?[name],
                int index => current is JsonArray array && index < array.Items.Count ? array.Items[index] : null,
                _ => null,
            };
            if (current == null) return null;
        }

        return current;
    }

    private static bool IsNameChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '@' || c == ':';
}

internal sealed class JsonComparison : FilterExpression
{
    private readonly JsonSelector _selector;
    private readonly Op _op;
    private readonly FilterValue? _value;

    public JsonComparison(JsonSelector selector, Op op, FilterValue? value)
    {
        _selector = selector;
        _op = op;
        _value = value;
    }

    public enum Op
    {
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        IsNull,
        IsTrue,
        IsFalse,
        NotExists,
    }

    public override bool Matches(LogEvent logEvent)
    {
        var root = logEvent.Json;
        if (root == null) return false; // JSON patterns only ever match JSON log events.
        var field = _selector.Select(root);
        switch (_op)
        {
            case Op.NotExists: return field == null;
            case Op.IsNull: return field is JsonNull;
            case Op.IsTrue: return field is JsonBool { Value: true };
            case Op.IsFalse: return field is JsonBool { Value: false };
            case Op.Equal: return IsComparableScalar(field) && ValueEquals(field!);

            // Choice where AWS documentation is silent: '!=' needs the field to exist with a scalar value; a missing
            // field (or null, object, array) does not match. CloudWatch Logs behaves this way (that is why NOT EXISTS
            // exists), and it is the reading under which "$.errorCode != X" on a success record makes KmsLint warn.
            case Op.NotEqual: return IsComparableScalar(field) && !ValueEquals(field!);
            default: return field is JsonNumber number && CompareNumber(number.Value);
        }
    }

    public override bool? Admits(string path, string value) =>
        !_selector.Is(path) ? null : _op == Op.Equal && _value!.MatchesText(value);

    private static bool IsComparableScalar(JsonValue? field) => field is JsonString or JsonNumber or JsonBool;

    private bool ValueEquals(JsonValue field)
    {
        var value = _value!;
        if (field is JsonNumber number && value.Number is { } literal) return number.Value == literal;
        var text = field switch
        {
            JsonString s => s.Value,
            JsonNumber n => n.Text,
            _ => field.ToString()!,
        };
        return value.MatchesText(text);
    }

    private bool CompareNumber(double field)
    {
        var literal = _value!.Number!.Value;
        return _op switch
        {
            Op.Less => field < literal,
            Op.LessOrEqual => field <= literal,
            Op.Greater => field > literal,
            _ => field >= literal,
        };
    }
}
