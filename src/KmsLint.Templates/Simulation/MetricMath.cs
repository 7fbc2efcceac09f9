using System.Globalization;

namespace KmsLint.Templates.Simulation;

/// <summary>
/// The part of CloudWatch metric math that alarms on a counter use: numbers, query ids, <c>+ - * /</c>, comparisons
/// and <c>AND</c>/<c>OR</c> (1 or 0), <c>FILL(x, value|REPEAT)</c>, <c>IF(c, a[, b])</c>, <c>ABS</c>, and
/// <c>SUM/AVG/MIN/MAX</c> over a series, a list <c>[a, b]</c> or <c>METRICS()</c>. A period where an operand has no
/// datapoint has none, as in CloudWatch. Anything else fails to parse: the alarm is then not simulated.
/// </summary>
public sealed class MetricMath
{
    /// <summary>Bounds nesting, so a hostile expression cannot exhaust the stack.</summary>
    private const int MaxDepth = 32;

    private const int MaxLength = 2048;

    private readonly Node root;

    private MetricMath(string text, Node root)
    {
        Text = text;
        this.root = root;
    }

    public string Text { get; }

    /// <summary>The expression, or null with the reason when it is not one the simulation evaluates.</summary>
    public static MetricMath? TryParse(string text, out string? problem)
    {
        problem = null;
        if (text.Length > MaxLength)
        {
            problem = $"the expression is longer than {MaxLength} characters";
            return null;
        }

        var parser = new Parser(text);
        var root = parser.ParseAll();
        if (root is null)
        {
            problem = parser.Problem;
            return null;
        }

        return new MetricMath(text, root);
    }

    /// <param name="inputs">The series of every query the expression may name.</param>
    /// <param name="metrics">The ids among them that are metrics, not expressions: what <c>METRICS()</c> returns.</param>
    internal double?[] Evaluate(IReadOnlyDictionary<string, double?[]> inputs, IReadOnlyList<string> metrics, int periods)
    {
        var values = root.Evaluate(new Context(inputs, metrics, periods));
        return values.Count == 1 ? values[0] : Aggregate(values, periods, Enumerable.Sum);
    }

    private static double?[] Aggregate(IReadOnlyList<double?[]> series, int periods, Func<IEnumerable<double>, double> combine)
    {
        var result = new double?[periods];
        for (var i = 0; i < periods; i++)
        {
            var present = series.Where(s => s[i] is not null).Select(s => s[i]!.Value).ToList();
            result[i] = present.Count == 0 ? null : combine(present);
        }

        return result;
    }

    private sealed class Context
    {
        internal Context(IReadOnlyDictionary<string, double?[]> inputs, IReadOnlyList<string> metrics, int periods)
        {
            Inputs = inputs;
            Metrics = metrics;
            Periods = periods;
        }

        internal IReadOnlyDictionary<string, double?[]> Inputs { get; }

        internal IReadOnlyList<string> Metrics { get; }

        internal int Periods { get; }
    }

    /// <summary>A node evaluates to one or more series (a list, <c>METRICS()</c>).</summary>
    private abstract class Node
    {
        internal abstract IReadOnlyList<double?[]> Evaluate(Context context);

        internal double?[] Single(Context context)
        {
            var values = Evaluate(context);
            return values.Count == 1 ? values[0] : Aggregate(values, context.Periods, Enumerable.Sum);
        }
    }

    private sealed class Constant : Node
    {
        private readonly double value;

        internal Constant(double value) => this.value = value;

        internal override IReadOnlyList<double?[]> Evaluate(Context context) =>
            new[] { Enumerable.Repeat<double?>(value, context.Periods).ToArray() };
    }

    private sealed class Query : Node
    {
        private readonly string id;

        internal Query(string id) => this.id = id;

        internal override IReadOnlyList<double?[]> Evaluate(Context context) =>
            new[] { context.Inputs.TryGetValue(id, out var series) ? series : new double?[context.Periods] };
    }

    private sealed class AllMetrics : Node
    {
        internal override IReadOnlyList<double?[]> Evaluate(Context context) => context.Metrics.Select(id => context.Inputs[id]).ToList();
    }

    private sealed class ListNode : Node
    {
        private readonly IReadOnlyList<Node> items;

        internal ListNode(IReadOnlyList<Node> items) => this.items = items;

        internal override IReadOnlyList<double?[]> Evaluate(Context context) => items.SelectMany(item => item.Evaluate(context)).ToList();
    }

    private sealed class Binary : Node
    {
        private readonly string op;
        private readonly Node left;
        private readonly Node right;

        internal Binary(string op, Node left, Node right)
        {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        internal override IReadOnlyList<double?[]> Evaluate(Context context)
        {
            var a = left.Single(context);
            var b = right.Single(context);
            var result = new double?[context.Periods];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = a[i] is { } x && b[i] is { } y ? Apply(x, y) : null;
            }

            return new[] { result };
        }

        private double? Apply(double x, double y) => op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => y == 0 ? null : x / y,
            ">" => x > y ? 1 : 0,
            "<" => x < y ? 1 : 0,
            ">=" => x >= y ? 1 : 0,
            "<=" => x <= y ? 1 : 0,
            "==" => x == y ? 1 : 0,
            "!=" => x != y ? 1 : 0,
            "AND" => x != 0 && y != 0 ? 1 : 0,
            _ => x != 0 || y != 0 ? 1 : 0,
        };
    }

    private sealed class Call : Node
    {
        private readonly string function;
        private readonly IReadOnlyList<Node> arguments;

        internal Call(string function, IReadOnlyList<Node> arguments)
        {
            this.function = function;
            this.arguments = arguments;
        }

        internal override IReadOnlyList<double?[]> Evaluate(Context context)
        {
            switch (function)
            {
                case "SUM":
                    return new[] { Aggregate(arguments[0].Evaluate(context), context.Periods, Enumerable.Sum) };
                case "AVG":
                    return new[] { Aggregate(arguments[0].Evaluate(context), context.Periods, Enumerable.Average) };
                case "MIN":
                    return new[] { Aggregate(arguments[0].Evaluate(context), context.Periods, Enumerable.Min) };
                case "MAX":
                    return new[] { Aggregate(arguments[0].Evaluate(context), context.Periods, Enumerable.Max) };
                case "ABS":
                    return new[] { arguments[0].Single(context).Select(v => v is { } x ? Math.Abs(x) : (double?)null).ToArray() };
                case "FILL":
                    return arguments[0].Evaluate(context).Select(series => Fill(series, arguments[1], context)).ToList();
                default: // IF
                    var condition = arguments[0].Single(context);
                    var then = arguments[1].Single(context);
                    var otherwise = arguments.Count > 2 ? arguments[2].Single(context) : new double?[context.Periods];
                    return new[] { condition.Select((c, i) => c is null ? null : c != 0 ? then[i] : otherwise[i]).ToArray() };
            }
        }

        private static double?[] Fill(double?[] series, Node with, Context context)
        {
            var filled = new double?[series.Length];
            var constant = with is Repeat ? null : with.Single(context);
            double? last = null;
            for (var i = 0; i < series.Length; i++)
            {
                last = series[i] ?? last;
                filled[i] = series[i] ?? (constant is null ? last : constant[i]);
            }

            return filled;
        }
    }

    /// <summary>The <c>REPEAT</c> argument of FILL: the last datapoint carries forward.</summary>
    private sealed class Repeat : Node
    {
        internal override IReadOnlyList<double?[]> Evaluate(Context context) => new[] { new double?[context.Periods] };
    }

    private sealed class Parser
    {
        private static readonly string[] Comparisons = { ">=", "<=", "==", "!=", ">", "<" };
        private static readonly Dictionary<string, int> Arity = new(StringComparer.Ordinal)
        {
            ["SUM"] = 1, ["AVG"] = 1, ["MIN"] = 1, ["MAX"] = 1, ["ABS"] = 1, ["FILL"] = 2, ["IF"] = 3, ["METRICS"] = 0,
        };

        private readonly string text;
        private int position;
        private int depth;

        internal Parser(string text) => this.text = text;

        internal string? Problem { get; private set; }

        internal Node? ParseAll()
        {
            var node = Logical();
            SkipSpace();
            if (node is not null && position < text.Length)
            {
                Fail($"unexpected '{text[position]}' at character {position + 1}");
            }

            return Problem is null ? node : null;
        }

        private Node? Logical()
        {
            if (!Enter())
            {
                return null;
            }

            var left = Compare();
            while (left is not null && (Word("AND") || Word("OR") || Symbol("&&") || Symbol("||")))
            {
                var op = text[position - 1] is '&' or 'D' ? "AND" : "OR";
                left = Combine(op, left, Compare());
            }

            depth--;
            return left;
        }

        private Node? Compare()
        {
            var left = Additive();
            foreach (var op in Comparisons)
            {
                if (left is not null && Symbol(op))
                {
                    return Combine(op, left, Additive());
                }
            }

            return left;
        }

        private Node? Additive()
        {
            var left = Term();
            while (left is not null && (Symbol("+") || Symbol("-")))
            {
                left = Combine(text[position - 1].ToString(), left, Term());
            }

            return left;
        }

        private Node? Term()
        {
            var left = Unary();
            while (left is not null && (Symbol("*") || Symbol("/")))
            {
                left = Combine(text[position - 1].ToString(), left, Unary());
            }

            return left;
        }

        private Node? Unary()
        {
            if (Symbol("-"))
            {
                var operand = Unary();
                return operand is null ? null : new Binary("-", new Constant(0), operand);
            }

            return Primary();
        }

        private Node? Primary()
        {
            SkipSpace();
            if (position >= text.Length)
            {
                return Fail("the expression ends early");
            }

            if (Symbol("("))
            {
                var inner = Logical();
                return Symbol(")") ? inner : Fail("a '(' is not closed");
            }

            if (Symbol("["))
            {
                var items = Arguments("]");
                return items is null ? null : new ListNode(items);
            }

            var start = position;
            if (char.IsDigit(text[position]) || text[position] == '.')
            {
                while (position < text.Length && (char.IsDigit(text[position]) || text[position] is '.' or 'e' or 'E'))
                {
                    position++;
                }

                return double.TryParse(text.Substring(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new Constant(number)
                    : Fail($"'{text.Substring(start, position - start)}' is not a number");
            }

            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            if (position == start)
            {
                return Fail($"unexpected '{text[position]}' at character {position + 1}");
            }

            var name = text.Substring(start, position - start);
            if (!Symbol("("))
            {
                return name == "REPEAT" ? new Repeat() : new Query(name);
            }

            if (!Arity.TryGetValue(name, out var arity))
            {
                return Fail($"the function {name} is not simulated");
            }

            var arguments = Arguments(")");
            if (arguments is null)
            {
                return null;
            }

            if (name == "METRICS")
            {
                return arguments.Count == 0 ? new AllMetrics() : Fail("METRICS with a filter is not simulated");
            }

            return arguments.Count == arity || (name == "IF" && arguments.Count == 2)
                ? new Call(name, arguments)
                : Fail($"{name} takes {arity} arguments");
        }

        private List<Node>? Arguments(string close)
        {
            var items = new List<Node>();
            if (Symbol(close))
            {
                return items;
            }

            do
            {
                if (Logical() is not { } item)
                {
                    return null;
                }

                items.Add(item);
            }
            while (Symbol(","));

            return Symbol(close) ? items : Fail<List<Node>>($"a list is not closed with '{close}'");
        }

        private Node? Combine(string op, Node left, Node? right) => right is null ? null : new Binary(op, left, right);

        private bool Enter()
        {
            if (++depth <= MaxDepth)
            {
                return true;
            }

            Fail($"the expression nests deeper than {MaxDepth} levels");
            return false;
        }

        private bool Symbol(string symbol)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) != 0)
            {
                return false;
            }

            position += symbol.Length;
            return true;
        }

        private bool Word(string word)
        {
            SkipSpace();
            var end = position + word.Length;
            if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0 || (end < text.Length && char.IsLetterOrDigit(text[end])))
            {
                return false;
            }

            position = end;
            return true;
        }

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private Node? Fail(string problem) => Fail<Node>(problem);

        private T? Fail<T>(string problem)
            where T : class
        {
            Problem ??= problem;
            position = text.Length;
            return null;
        }
    }
}
