using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KmsLint.Benchmarks.Structured;

/// <summary>The three ways CloudFormation templates are written.</summary>
internal enum TemplateForm
{
    /// <summary>YAML with <c>!Ref</c>, <c>!GetAtt A.B</c>, <c>!Join [...]</c> tags.</summary>
    YamlShort,

    /// <summary>YAML with <c>Ref:</c> / <c>Fn::Join:</c> single-key mappings.</summary>
    YamlLong,

    Json,
}

/// <summary>
/// Writes a generated template in one form. Layout choices (block or flow collections, quoting, literal blocks,
/// comments, JSON indentation and escapes) are drawn from the set's random source, so a seed gives the same text.
/// </summary>
internal sealed class TemplateWriter
{
    private static readonly Regex PlainText = new(@"^[A-Za-z_/$][A-Za-z0-9_./$@*+()-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex PlainKey = new(@"^[A-Za-z0-9_$][A-Za-z0-9_.$-]*(::[A-Za-z0-9_.-]+)*$", RegexOptions.CultureInvariant);
    private static readonly HashSet<string> YamlWords = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "yes", "no", "on", "off", "null", "y", "n" };

    private static readonly JsonSerializerOptions EscapeAll = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions EscapeLittle = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random random;
    private readonly TemplateForm form;
    private readonly StringBuilder text = new();

    /// <summary>Chance that a YAML collection that could be a block is written in flow style instead.</summary>
    private readonly double flowChance;

    /// <summary>YAML anchors whose node is complete, so an alias may name them: the same node object in two places.</summary>
    private readonly List<string> anchors = new();

    /// <summary>An anchored collection stays this shallow, so its aliases cannot push the nesting past the reader's limit.</summary>
    private const int MaxAnchoredHeight = 6;

    private TemplateWriter(Random random, TemplateForm form)
    {
        this.random = random;
        this.form = form;
        flowChance = random.NextDouble() * 0.5;
    }

    public static string Write(GeneratedValue root, TemplateForm form, Random random)
    {
        var writer = new TemplateWriter(random, form);
        if (form == TemplateForm.Json)
        {
            writer.Json(root, 0, pretty: random.Next(4) != 0, random.Next(3) == 0 ? EscapeAll : EscapeLittle);
            writer.text.Append('\n');
        }
        else
        {
            if (random.Next(5) == 0)
            {
                writer.text.Append("---\n");
            }

            if (root is Mapping mapping && mapping.Entries.Count > 0)
            {
                writer.BlockCollection(root, 0);
            }
            else
            {
                writer.text.Append(writer.Flow(root)).Append('\n');
            }
        }

        return writer.text.ToString();
    }

    private void Json(GeneratedValue value, int indent, bool pretty, JsonSerializerOptions escapes)
    {
        switch (value)
        {
            case Scalar { IsBare: true } bare:
                text.Append(bare.Text);
                return;
            case Scalar scalar:
                text.Append(JsonSerializer.Serialize(scalar.Text, escapes));
                return;
            case Call call:
                Json(new Mapping((call.Name, call.Argument)), indent, pretty, escapes);
                return;
            case Sequence sequence:
                JsonCollection('[', ']', sequence.Items.Select(item => (Key: (string?)null, Value: item)).ToList(), indent, pretty, escapes);
                return;
            case Mapping mapping:
                JsonCollection('{', '}', mapping.Entries.Select(entry => (Key: (string?)entry.Key, entry.Value)).ToList(), indent, pretty, escapes);
                return;
        }
    }

    private void JsonCollection(char open, char close, List<(string? Key, GeneratedValue Value)> entries, int indent, bool pretty, JsonSerializerOptions escapes)
    {
        text.Append(open);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            if (pretty)
            {
                text.Append('\n').Append(' ', indent + 2);
            }

            if (entries[i].Key is { } key)
            {
                text.Append(JsonSerializer.Serialize(key, escapes)).Append(pretty ? ": " : ":");
            }

            Json(entries[i].Value, indent + 2, pretty, escapes);
        }

        if (pretty && entries.Count > 0)
        {
            text.Append('\n').Append(' ', indent);
        }

        text.Append(close);
    }

    /// <summary>The entries of a block mapping or items of a block sequence, each line at <paramref name="indent"/>.</summary>
    private void BlockCollection(GeneratedValue collection, int indent)
    {
        switch (collection)
        {
            case Mapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    if (random.Next(40) == 0)
                    {
                        text.Append(' ', indent).Append("# ").Append(key).Append('\n');
                    }

                    text.Append(' ', indent).Append(BlockKey(key)).Append(':');
                    AfterIndicator(value, indent);
                }

                return;
            case Sequence sequence:
                foreach (var item in sequence.Items)
                {
                    text.Append(' ', indent).Append('-');
                    AfterIndicator(item, indent);
                }

                return;
            default:
                throw new ArgumentException("not a collection", nameof(collection));
        }
    }

    /// <summary>A value after <c>key:</c> or <c>-</c>: on the same line, or as a block below it.</summary>
    private void AfterIndicator(GeneratedValue value, int indent)
    {
        if (Alias() is { } alias)
        {
            text.Append(' ').Append(alias).Append('\n');
            return;
        }

        if (value is Call shortCall && UsesShortForm(shortCall))
        {
            var (tag, argument) = ShortForm(shortCall);
            text.Append(' ').Append(tag);
            if (argument is Scalar scalar)
            {
                text.Append(' ').Append(FlowScalar(scalar)).Append('\n');
            }
            else if (IsEmpty(argument) || random.NextDouble() < flowChance)
            {
                text.Append(' ').Append(Flow(argument, aliasAllowed: false)).Append('\n');
            }
            else
            {
                text.Append('\n');
                BlockCollection(argument, indent + 2);
            }

            return;
        }

        switch (value)
        {
            case Call call:
                text.Append('\n');
                BlockCollection(new Mapping((call.Name, call.Argument)), indent + 2);
                return;
            case Scalar scalar when !scalar.IsBare && CanBeLiteralBlock(scalar.Text) && random.Next(2) == 0:
                text.Append(" |-\n");
                foreach (var line in scalar.Text.Split('\n'))
                {
                    text.Append(line.Length == 0 ? string.Empty : new string(' ', indent + 2) + line).Append('\n');
                }

                return;
            case Scalar scalar:
                text.Append(' ').Append(FlowScalar(scalar)).Append('\n');
                return;
            default:
                if (IsEmpty(value) || random.NextDouble() < flowChance)
                {
                    text.Append(' ').Append(Flow(value)).Append('\n');
                }
                else
                {
                    var anchor = NewAnchor(value);
                    text.Append(anchor is null ? string.Empty : " &" + anchor).Append('\n');
                    BlockCollection(value, indent + 2);
                    Complete(anchor);
                }

                return;
        }
    }

    /// <param name="aliasAllowed">False after a tag: an alias takes no tag.</param>
    private string Flow(GeneratedValue value, bool aliasAllowed = true)
    {
        if (aliasAllowed && Alias() is { } alias)
        {
            return alias;
        }

        switch (value)
        {
            case Sequence or Mapping:
                var anchor = NewAnchor(value);
                var body = value is Sequence sequence
                    ? "[" + string.Join(", ", sequence.Items.Select(item => Flow(item))) + "]"
                    : "{" + string.Join(", ", ((Mapping)value).Entries.Select(entry => FlowKey(entry.Key) + ": " + Flow(entry.Value))) + "}";
                Complete(anchor);
                return (anchor is null ? string.Empty : "&" + anchor + " ") + body;
            case Scalar scalar:
                return FlowScalar(scalar);
            case Call call when UsesShortForm(call):
                var (tag, argument) = ShortForm(call);
                return tag + " " + Flow(argument, aliasAllowed: false);
            case Call call:
                return "{" + FlowKey(call.Name) + ": " + Flow(call.Argument) + "}";
            default:
                throw new ArgumentException("unknown value", nameof(value));
        }
    }

    /// <summary>Now and then an alias of an anchor written before (YAML forms only), instead of the value.</summary>
    private string? Alias() => form != TemplateForm.Json && anchors.Count > 0 && random.Next(50) == 0 ? "*" + anchors[random.Next(anchors.Count)] : null;

    /// <summary>Now and then an anchor name for a shallow collection about to be written; null otherwise.</summary>
    private string? NewAnchor(GeneratedValue collection) =>
        random.Next(30) == 0 && Height(collection) <= MaxAnchoredHeight ? "n" + anchors.Count + "_" + random.Next(1000) : null;

    /// <summary>The anchored node is written: from here on aliases may name it.</summary>
    private void Complete(string? anchor)
    {
        if (anchor is not null)
        {
            anchors.Add(anchor);
        }
    }

    private static int Height(GeneratedValue value) => value switch
    {
        Sequence sequence => 1 + sequence.Items.Select(Height).DefaultIfEmpty(0).Max(),
        Mapping mapping => 1 + mapping.Entries.Select(entry => Height(entry.Value)).DefaultIfEmpty(0).Max(),
        Call call => 1 + Height(call.Argument),
        _ => 0,
    };

    /// <summary>A node takes one tag, so <c>!ImportValue !Sub x</c> is not YAML: the outer call of two is written in long form, as users do.</summary>
    private bool UsesShortForm(Call call) => form == TemplateForm.YamlShort && call.Argument is not Call;

    /// <summary>The tag and what follows it: <c>!GetAtt A.B</c> is written dotted half of the time.</summary>
    private (string Tag, GeneratedValue Argument) ShortForm(Call call)
    {
        var tag = "!" + (call.Name.StartsWith("Fn::", StringComparison.Ordinal) ? call.Name.Substring(4) : call.Name);
        if (call.Name == "Fn::GetAtt" && call.Argument is Sequence { Items: [Scalar { IsBare: false } id, Scalar { IsBare: false } attribute] }
            && random.Next(2) == 0)
        {
            return (tag, new Scalar(id.Text + "." + attribute.Text));
        }

        return (tag, call.Argument);
    }

    private string FlowScalar(Scalar scalar)
    {
        if (scalar.IsBare)
        {
            return scalar.Text;
        }

        if (PlainText.IsMatch(scalar.Text) && !YamlWords.Contains(scalar.Text) && random.Next(4) != 0)
        {
            return scalar.Text;
        }

        if (scalar.Text.IndexOfAny(new[] { '\n', '\r', '\t', '\\' }) < 0 && !HasControlCharacters(scalar.Text) && random.Next(2) == 0)
        {
            return "'" + scalar.Text.Replace("'", "''") + "'";
        }

        return DoubleQuoted(scalar.Text);
    }

    private static string DoubleQuoted(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static bool HasControlCharacters(string value) => value.Any(char.IsControl);

    private static bool CanBeLiteralBlock(string value) =>
        value.Contains('\n') && value.Length > 0 && !HasControlCharacters(value.Replace("\n", string.Empty))
        && value.Split('\n').All(line => !line.StartsWith(' ') && !line.EndsWith(' ')) && !value.EndsWith('\n') && !value.StartsWith('\n');

    private string BlockKey(string key) => PlainKey.IsMatch(key) && !YamlWords.Contains(key) ? key : DoubleQuoted(key);

    private string FlowKey(string key) => PlainKey.IsMatch(key) && !key.Contains(':') && !YamlWords.Contains(key) ? key : DoubleQuoted(key);

    private static bool IsEmpty(GeneratedValue value) => value is Sequence { Items.Count: 0 } or Mapping { Entries.Count: 0 };
}
