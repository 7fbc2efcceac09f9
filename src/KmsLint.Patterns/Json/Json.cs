using System.Globalization;
using System.Text;

namespace KmsLint.Patterns;

/// <summary>
/// A strict RFC 8259 JSON reader (no comments, no trailing commas, no duplicate member names) for event patterns,
/// log event messages and the embedded corpus. Nesting deeper than <see cref="PatternLimits.MaxNestingDepth"/>
/// is rejected so hostile input cannot overflow the stack.
/// </summary>
public static class Json
{
    public static JsonValue Parse(string text)
    {
        if (text is null) throw new PatternSyntaxException("JSON text is null", 1, 1);
        var reader = new Reader(text);
        var value = reader.ReadDocument();
        return value;
    }

    /// <summary>Parses or returns null; used where non-JSON input is an ordinary case (log messages).</summary>
    internal static JsonValue? TryParse(string text)
    {
        try
        {
            return Parse(text);
        }
        catch (PatternSyntaxException)
        {
            return null;
        }
    }

    private sealed class Reader
    {
        private readonly string _text;
        private int _pos;
        private int _depth;
        private int _line = 1;
        private int _lineStart;

        public Reader(string text)
        {
            _text = text;
        }

        public JsonValue ReadDocument()
        {
            SkipWhitespace();
            var value = ReadValue();
            SkipWhitespace();
            if (_pos < _text.Length) throw Error("unexpected text after the JSON value");
            return value;
        }

        private JsonValue ReadValue()
        {
            if (_pos >= _text.Length) throw Error("expected a JSON value but the text ended");
            int line = _line, column = _pos - _lineStart + 1;
            var c = _text[_pos];
            switch (c)
            {
                case '{': return new JsonObject(ReadMembers()) { Line = line, Column = column };
                case '[': return new JsonArray(ReadItems()) { Line = line, Column = column };
                case '"': return new JsonString(ReadString()) { Line = line, Column = column };
                case 't': ReadKeyword("true"); return new JsonBool(true) { Line = line, Column = column };
                case 'f': ReadKeyword("false"); return new JsonBool(false) { Line = line, Column = column };
                case 'n': ReadKeyword("null"); return new JsonNull { Line = line, Column = column };
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber(line, column);
                    }

                    throw Error($"unexpected character '{Printable(c)}'");
            }
        }

        private List<KeyValuePair<string, JsonValue>> ReadMembers()
        {
            Enter();
            _pos++; // {
            var members = new List<KeyValuePair<string, JsonValue>>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                _depth--;
                return members;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"') throw Error("expected a member name in double quotes");
                var nameStart = _pos;
                var name = ReadString();
                if (!names.Add(name)) throw PatternSyntaxException.At(_text, nameStart, $"duplicate member name \"{name}\"");
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue()));
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                Expect('}');
                _depth--;
                return members;
            }
        }

        private List<JsonValue> ReadItems()
        {
            Enter();
            _pos++; // [
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                _depth--;
                return items;
            }

            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                Expect(']');
                _depth--;
                return items;
            }
        }

        private void Enter()
        {
            if (++_depth > PatternLimits.MaxNestingDepth)
                throw Error($"nesting deeper than {PatternLimits.MaxNestingDepth} levels");
        }

        private string ReadString()
        {
            _pos++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length) throw Error("unterminated string");
                var c = _text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return sb.ToString();
                }

                if (c < 0x20) throw Error("control character in string; escape it");
                if (c != '\\')
                {
                    sb.Append(c);
                    _pos++;
                    continue;
                }

                if (_pos + 1 >= _text.Length) throw Error("unterminated escape");
                var escaped = _text[_pos + 1];
                switch (escaped)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        sb.Append(ReadHex4(_pos + 2));
                        _pos += 4;
                        break;
                    default: throw Error($"invalid escape '\\{Printable(escaped)}'");
                }

                _pos += 2;
            }
        }

        private char ReadHex4(int start)
        {
            if (start + 4 > _text.Length) throw PatternSyntaxException.At(_text, start, "\\u needs four hex digits");
            var value = 0;
            for (var i = start; i < start + 4; i++)
            {
                var c = _text[i];
                int digit = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : -1;
                if (digit < 0) throw PatternSyntaxException.At(_text, i, "\\u needs four hex digits");
                value = (value * 16) + digit;
            }

            return (char)value;
        }

        private JsonNumber ReadNumber(int line, int column)
        {
            var start = _pos;
            if (Peek() == '-') _pos++;
            if (Peek() == '0') _pos++;
            else if (IsDigit(Peek())) SkipDigits();
            else throw Error("expected a digit");
            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek())) throw Error("expected a digit after the decimal point");
                SkipDigits();
            }

            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-') _pos++;
                if (!IsDigit(Peek())) throw Error("expected a digit in the exponent");
                SkipDigits();
            }

            var text = _text.Substring(start, _pos - start);
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value)) throw PatternSyntaxException.At(_text, start, "number out of range");
            return new JsonNumber(value, text) { Line = line, Column = column };
        }

        private void SkipDigits()
        {
            while (IsDigit(Peek())) _pos++;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private void ReadKeyword(string keyword)
        {
            if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) != 0)
                throw Error($"unexpected character '{Printable(_text[_pos])}'");
            _pos += keyword.Length;
        }

        /// <summary>Skips JSON whitespace, counting lines (raw newlines can only occur here) for value positions.</summary>
        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == '\n' || (c == '\r' && (_pos + 1 >= _text.Length || _text[_pos + 1] != '\n')))
                {
                    _line++;
                    _lineStart = _pos + 1;
                }
                else if (c != ' ' && c != '\t' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void Expect(char c)
        {
            if (_pos >= _text.Length) throw Error($"expected '{c}' but the text ended");
            if (_text[_pos] != c) throw Error($"expected '{c}' but found '{Printable(_text[_pos])}'");
            _pos++;
        }

        private PatternSyntaxException Error(string message) => PatternSyntaxException.At(_text, _pos, message);

        private static string Printable(char c) => c < 0x20 || c == 0x7f ? $"\\u{(int)c:x4}" : c.ToString();
    }
}
