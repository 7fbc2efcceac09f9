namespace KmsLint.Patterns;

/// <summary>
/// Space-delimited patterns <c>[ip, user, status = 4*, ..., bytes &gt; 1000]</c>: the message splits on spaces, a
/// field in <c>"..."</c> or <c>[...]</c> counts as one field (without its delimiters); <c>...</c> stands for any
/// number of fields. A field's conditions (<c>w1 = ERROR || w1 = WARN</c>) may only test that field.
/// </summary>
internal sealed class DelimitedFilter : FilterExpression
{
    private readonly Slot[] _slots;

    private DelimitedFilter(Slot[] slots)
    {
        _slots = slots;
    }

    public static DelimitedFilter Parse(FilterScanner scanner)
    {
        scanner.Pos++; // [
        var slots = new List<Slot>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            scanner.SkipWhitespace();
            if (scanner.TryConsume("..."))
            {
                slots.Add(Slot.Ellipsis);
            }
            else
            {
                var nameStart = scanner.Pos;
                var name = ReadName(scanner);
                if (!names.Add(name)) throw scanner.ErrorAt(nameStart, $"field name '{name}' is used twice");
                slots.Add(new Slot(name, ReadConditions(scanner, name)));
            }

            scanner.SkipWhitespace();
            if (scanner.Peek() == ',')
            {
                scanner.Pos++;
                continue;
            }

            if (scanner.Peek() == ']') break;
            throw scanner.Error($"expected ',' or ']' but found {scanner.Found()}");
        }

        scanner.Pos++; // ]
        scanner.SkipWhitespace();
        if (!scanner.AtEnd) throw scanner.Error("unexpected text after the closing ']'");
        return new DelimitedFilter(slots.ToArray());
    }

    private static string ReadName(FilterScanner scanner)
    {
        var start = scanner.Pos;
        while (char.IsLetterOrDigit(scanner.Peek()) || scanner.Peek() == '_' || scanner.Peek() == '-') scanner.Pos++;
        if (scanner.Pos == start) throw scanner.Error($"expected a field name or '...' but found {scanner.Found()}");
        return scanner.Text.Substring(start, scanner.Pos - start);
    }

    /// <summary>Conditions of one slot in disjunctive normal form: OR of ANDs.</summary>
    private static List<List<Condition>> ReadConditions(FilterScanner scanner, string name)
    {
        var alternatives = new List<List<Condition>>();
        scanner.SkipWhitespace();
        if (scanner.Peek() == ',' || scanner.Peek() == ']' || scanner.AtEnd) return alternatives;
        var conjunction = new List<Condition> { ReadCondition(scanner) };
        while (true)
        {
            scanner.SkipWhitespace();
            if (scanner.Peek() == ',' || scanner.Peek() == ']' || scanner.AtEnd) break;
            if (scanner.TryConsume("&&"))
            {
                conjunction.Add(ReadNamedCondition(scanner, name));
            }
            else if (scanner.TryConsume("||"))
            {
                alternatives.Add(conjunction);
                conjunction = new List<Condition> { ReadNamedCondition(scanner, name) };
            }
            else
            {
                throw scanner.Error($"expected ',', ']', '&&' or '||' but found {scanner.Found()}");
            }
        }

        alternatives.Add(conjunction);
        return alternatives;
    }

    private static Condition ReadNamedCondition(FilterScanner scanner, string name)
    {
        scanner.SkipWhitespace();
        var start = scanner.Pos;
        var other = ReadName(scanner);
        if (other != name) throw scanner.ErrorAt(start, $"a condition in field '{name}' may only test '{name}'");
        return ReadCondition(scanner);
    }

    private static Condition ReadCondition(FilterScanner scanner)
    {
        scanner.SkipWhitespace();
        var opStart = scanner.Pos;
        string op;
        if (scanner.TryConsume("!=")) op = "!=";
        else if (scanner.TryConsume("<=")) op = "<=";
        else if (scanner.TryConsume(">=")) op = ">=";
        else if (scanner.TryConsume("=")) op = "=";
        else if (scanner.TryConsume("<")) op = "<";
        else if (scanner.TryConsume(">")) op = ">";
        else throw scanner.Error($"expected an operator (=, !=, <, <=, >, >=) but found {scanner.Found()}");
        scanner.SkipWhitespace();
        var value = scanner.ReadValue(",]()");
        if (op is "<" or "<=" or ">" or ">=" && value.Number == null) throw scanner.ErrorAt(opStart, $"'{op}' needs a number");
        return new Condition(op, value);
    }

    public override bool Matches(LogEvent logEvent)
    {
        var fields = logEvent.DelimitedFields;

        // matchable[s, f]: slots s.. can consume fields f.. exactly; filled backwards, no recursion.
        var slotCount = _slots.Length;
        var fieldCount = fields.Count;
        var next = new bool[fieldCount + 1];
        next[fieldCount] = true;
        for (var s = slotCount - 1; s >= 0; s--)
        {
            var current = new bool[fieldCount + 1];
            var slot = _slots[s];
            for (var f = fieldCount; f >= 0; f--)
            {
                current[f] = slot.IsEllipsis
                    ? next[f] || (f < fieldCount && current[f + 1])
                    : f < fieldCount && next[f + 1] && slot.Matches(fields[f]);
            }

            next = current;
        }

        return next[0];
    }

    /// <summary>Splits a message into space-delimited fields, keeping "quoted" and [bracketed] runs together.</summary>
    public static IReadOnlyList<string> SplitFields(string message)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < message.Length)
        {
            if (message[i] == ' ')
            {
                i++;
                continue;
            }

            var close = message[i] == '"' ? '"' : message[i] == '[' ? ']' : '\0';
            if (close != '\0')
            {
                var end = message.IndexOf(close, i + 1);
                if (end >= 0)
                {
                    fields.Add(message.Substring(i + 1, end - i - 1));
                    i = end + 1;
                    continue;
                }
            }

            var space = message.IndexOf(' ', i);
            if (space < 0) space = message.Length;
            fields.Add(message.Substring(i, space - i));
            i = space;
        }

        return fields;
    }

    private sealed class Slot
    {
        public static readonly Slot Ellipsis = new(null, new List<List<Condition>>());

        private readonly List<List<Condition>> _alternatives;

        public Slot(string? name, List<List<Condition>> alternatives)
        {
            IsEllipsis = name == null;
            _alternatives = alternatives;
        }

        public bool IsEllipsis { get; }

        public bool Matches(string field) => _alternatives.Count == 0 || _alternatives.Any(all => all.All(c => c.Matches(field)));
    }

    private sealed class Condition
    {
        private readonly string _op;
        private readonly FilterValue _value;

        public Condition(string op, FilterValue value)
        {
            _op = op;
            _value = value;
        }

        public bool Matches(string field)
        {
            var number = FilterValue.ParseNumber(field);
            switch (_op)
            {
                case "=": return Equal(field, number);
                case "!=": return !Equal(field, number);
            }

            if (number == null) return false;
            var literal = _value.Number!.Value;
            return _op switch
            {
                "<" => number < literal,
                "<=" => number <= literal,
                ">" => number > literal,
                _ => number >= literal,
            };
        }

        private bool Equal(string field, double? number) =>
            number != null && _value.Number != null ? number == _value.Number : _value.MatchesText(field);
    }
}
