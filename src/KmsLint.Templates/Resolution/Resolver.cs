using System.Text;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

/// <summary>
/// Works out what a value node can be: literals (with pseudo parameters left symbolic), parameter
/// defaults, resources by Ref/GetAtt, both branches of Fn::If, Sub/Join of resolvable parts, FindInMap
/// with literal keys, Select of a list (written, Fn::Split or a list parameter), and Fn::ImportValue
/// through the exports of every template in the set.
/// What cannot be known is <see cref="UnknownValue"/>, never a guess.
/// </summary>
public sealed class Resolver
{
    /// <summary>Bounds nesting of functions and chains of imports, so cycles end.</summary>
    private const int MaxDepth = 24;

    /// <summary>Bounds the combinations of Sub/Join parts (each Fn::If doubles them).</summary>
    private const int MaxPossibilities = 32;

    private readonly Dictionary<string, List<(Template Template, Output Output)>> exports = new(StringComparer.Ordinal);

    public Resolver(IEnumerable<Template> templates)
    {
        foreach (var template in templates)
        {
            foreach (var output in template.Outputs)
            {
                if (output.ExportName is null)
                {
                    continue;
                }

                foreach (var name in Resolve(template, output.ExportName).Literals)
                {
                    if (!exports.TryGetValue(name.Text, out var list))
                    {
                        exports[name.Text] = list = new List<(Template, Output)>();
                    }

                    list.Add((template, output));
                }
            }
        }
    }

    /// <summary>The outputs exported under this exact name (symbolic names only match identical text).</summary>
    public IReadOnlyList<(Template Template, Output Output)> ExportsNamed(string name) =>
        exports.TryGetValue(name, out var list) ? list : (IReadOnlyList<(Template, Output)>)Array.Empty<(Template, Output)>();

    /// <summary>What <paramref name="node"/> (a value in <paramref name="template"/>) can be; empty for a missing value.</summary>
    public ResolvedValue Resolve(Template template, TemplateNode? node)
    {
        var possibilities = new List<PossibleValue>();
        Add(template, node, possibilities, 0);
        return possibilities.Count == 0 ? ResolvedValue.Empty : new ResolvedValue(possibilities);
    }

    /// <summary>
    /// For list-valued properties (AlarmActions, Targets' ARNs): the union over every item, and over both
    /// branches of an Fn::If that picks a list.
    /// </summary>
    public ResolvedValue ResolveList(Template template, TemplateNode? node)
    {
        var possibilities = new List<PossibleValue>();
        AddListItems(template, node, possibilities, 0);
        return possibilities.Count == 0 ? ResolvedValue.Empty : new ResolvedValue(possibilities);
    }

    private void AddListItems(Template template, TemplateNode? node, List<PossibleValue> into, int depth)
    {
        foreach (var list in ListsOf(template, node, depth))
        {
            if (list.Unknown is { } unknown)
            {
                into.Add(unknown);
                continue;
            }

            foreach (var item in list.Items!)
            {
                into.AddRange(item);
            }
        }
    }

    /// <summary>
    /// The lists a list-valued expression can be: a written list, each result of <c>Fn::Split</c>, the default of a
    /// <c>CommaDelimitedList</c>/<c>List&lt;...&gt;</c> parameter, both branches of <c>Fn::If</c>. Any other value counts as
    /// a list of itself alone.
    /// </summary>
    private List<PossibleList> ListsOf(Template template, TemplateNode? node, int depth)
    {
        var lists = new List<PossibleList>();
        AddLists(template, node, lists, depth);
        return lists;
    }

    private void AddLists(Template template, TemplateNode? node, List<PossibleList> into, int depth)
    {
        if (depth > MaxDepth)
        {
            into.Add(PossibleList.NotKnown(new UnknownValue("references nest too deeply")));
            return;
        }

        switch (node)
        {
            case null:
                return;
            case SequenceNode list:
                var items = new List<List<PossibleValue>>(list.Count);
                foreach (var item in list.Items)
                {
                    var possibilities = new List<PossibleValue>();
                    Add(template, item, possibilities, depth + 1);
                    items.Add(possibilities);
                }

                into.Add(PossibleList.Of(items));
                return;
            case IntrinsicNode { Function: IntrinsicFunction.If, Argument: SequenceNode { Count: 3 } branches }:
                AddLists(template, branches.Items[1], into, depth + 1);
                AddLists(template, branches.Items[2], into, depth + 1);
                return;
            case IntrinsicNode { Function: IntrinsicFunction.Split, Argument: SequenceNode { Count: 2 } split } when split.Items[0] is ScalarNode { Value.Length: > 0 } delimiter:
                AddSplits(template, split.Items[1], delimiter.Value, into, depth);
                return;
            case IntrinsicNode { Function: IntrinsicFunction.Ref } reference
                when reference.ReferencedName is { } name && template.ParametersByName.TryGetValue(name, out var parameter) && IsListType(parameter.Type):
                // A list parameter's value is one comma-separated text.
                AddSplits(template, reference, ",", into, depth);
                return;
            default:
                var value = new List<PossibleValue>();
                Add(template, node, value, depth + 1);
                into.Add(value.Count == 1 && value[0] is UnknownValue unknown ? PossibleList.NotKnown(unknown) : PossibleList.Of(new[] { value }));
                return;
        }
    }

    private void AddSplits(Template template, TemplateNode source, string delimiter, List<PossibleList> into, int depth)
    {
        var texts = new List<PossibleValue>();
        Add(template, source, texts, depth + 1);
        foreach (var text in texts)
        {
            into.Add(text switch
            {
                LiteralValue literal when !literal.IsSymbolic || !PlaceholderContains(literal.Text, delimiter) => PossibleList.Of(
                    literal.Text.Split(new[] { delimiter }, StringSplitOptions.None)
                        .Select(part => new List<PossibleValue> { new LiteralValue(part, literal.IsSymbolic && part.Contains("${")) })
                        .ToList()),
                LiteralValue literal => PossibleList.NotKnown(new UnknownValue($"Fn::Split of {literal.Text}, whose unknown parts may hold the delimiter")),
                UnknownValue unknown => PossibleList.NotKnown(unknown),
                _ => PossibleList.NotKnown(new UnknownValue($"Fn::Split of {text} is not evaluated")),
            });
        }
    }

    /// <summary>True when a <c>${...}</c> placeholder of a symbolic text contains <paramref name="delimiter"/>, so splitting would cut it.</summary>
    private static bool PlaceholderContains(string text, string delimiter) =>
        SubTemplate.Split(text).Exists(part => part.IsVariable && ("${" + part.Text + "}").Contains(delimiter));

    private static bool IsListType(string? type) =>
        type is not null && (type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal));

    private void Add(Template template, TemplateNode? node, List<PossibleValue> into, int depth)
    {
        if (node is null)
        {
            return;
        }

        if (depth > MaxDepth)
        {
            into.Add(new UnknownValue("references nest too deeply"));
            return;
        }

        switch (node)
        {
            case ScalarNode scalar:
                into.Add(new LiteralValue(scalar.Value, isSymbolic: false));
                return;
            case IntrinsicNode call:
                AddCall(template, call, into, depth);
                return;
            case SequenceNode:
                into.Add(new UnknownValue("a list where one value is expected"));
                return;
            default:
                into.Add(new UnknownValue("a mapping where one value is expected"));
                return;
        }
    }

    private void AddCall(Template template, IntrinsicNode call, List<PossibleValue> into, int depth)
    {
        var list = call.Argument as SequenceNode;
        switch (call.Function)
        {
            case IntrinsicFunction.Ref when call.ReferencedName is { } name:
                AddReference(template, name, null, into, depth);
                return;
            case IntrinsicFunction.GetAtt when call.TryGetAttTarget(out var id, out var attribute):
                AddReference(template, id, attribute, into, depth);
                return;
            case IntrinsicFunction.If when list is { Count: 3 }:
                Add(template, list.Items[1], into, depth + 1);
                Add(template, list.Items[2], into, depth + 1);
                return;
            case IntrinsicFunction.Sub:
                AddSub(template, call, into, depth);
                return;
            case IntrinsicFunction.Join when list is { Count: 2 } && list.Items[0] is ScalarNode delimiter && list.Items[1] is SequenceNode parts:
                AddConcatenation(template, delimiter.Value, parts.Items, into, depth);
                return;
            case IntrinsicFunction.Select when list is { Count: 2 } && int.TryParse(list.Items[0].ScalarText, out var index):
                foreach (var options in ListsOf(template, list.Items[1], depth + 1))
                {
                    if (options.Unknown is { } unknown)
                    {
                        into.Add(unknown);
                    }
                    else if (index >= 0 && index < options.Items!.Count)
                    {
                        into.AddRange(options.Items[index]);
                    }
                    else
                    {
                        into.Add(new UnknownValue($"Fn::Select index {index} is out of range"));
                    }
                }

                return;
            case IntrinsicFunction.FindInMap when list is { Count: 3 or 4 }:
                AddFindInMap(template, list, into, depth);
                return;
            case IntrinsicFunction.ImportValue:
                AddImport(template, call, into, depth);
                return;
            default:
                into.Add(new UnknownValue($"{call.Name} is not evaluated"));
                return;
        }
    }

    private void AddReference(Template template, string name, string? attribute, List<PossibleValue> into, int depth)
    {
        if (attribute is null && name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            if (name != "AWS::NoValue")
            {
                into.Add(new LiteralValue("${" + name + "}", isSymbolic: true));
            }

            return;
        }

        if (attribute is null && template.ParametersByName.TryGetValue(name, out var parameter))
        {
            if (parameter.Type?.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal) == true)
            {
                // The Default names a Systems Manager parameter; the value is read from it at deploy time.
                into.Add(new UnknownValue($"parameter {name} takes its value from Systems Manager"));
            }
            else if (parameter.Default is null)
            {
                into.Add(new UnknownValue($"parameter {name} has no Default"));
            }
            else
            {
                Add(template, parameter.Default, into, depth + 1);
            }

            return;
        }

        if (template.FindResource(name) is { } resource)
        {
            into.Add(new ResourceValue(resource, attribute));
            return;
        }

        into.Add(new UnknownValue($"{name} is not a parameter or resource of {template.Path}"));
    }

    private void AddSub(Template template, IntrinsicNode call, List<PossibleValue> into, int depth)
    {
        var list = call.Argument as SequenceNode;
        var text = call.Argument.ScalarText ?? (list is { Count: 2 } ? list.Items[0].ScalarText : null);
        if (text is null || SubTemplate.FindUnclosedVariable(text) >= 0)
        {
            into.Add(new UnknownValue("malformed Fn::Sub"));
            return;
        }

        var variables = list is { Count: 2 } ? list.Items[1] as MappingNode : null;
        var parts = SubTemplate.Split(text);
        var pieces = new List<List<PossibleValue>>(parts.Count);
        foreach (var part in parts)
        {
            var piece = new List<PossibleValue>();
            if (!part.IsVariable)
            {
                piece.Add(new LiteralValue(part.Text, isSymbolic: false));
            }
            else if (variables?[part.Text] is { } variable)
            {
                Add(template, variable, piece, depth + 1);
            }
            else
            {
                var dot = part.Text.IndexOf('.');
                AddReference(
                    template,
                    dot > 0 ? part.Text.Substring(0, dot) : part.Text,
                    dot > 0 ? part.Text.Substring(dot + 1) : null,
                    piece,
                    depth + 1);
            }

            pieces.Add(piece);
        }

        // "${Topic}" alone is the reference itself, not a text containing it.
        if (pieces.Count == 1)
        {
            into.AddRange(pieces[0]);
            return;
        }

        Concatenate(pieces, string.Empty, into);
    }

    private void AddConcatenation(Template template, string delimiter, IReadOnlyList<TemplateNode> items, List<PossibleValue> into, int depth)
    {
        var pieces = new List<List<PossibleValue>>(items.Count);
        foreach (var item in items)
        {
            var piece = new List<PossibleValue>();
            Add(template, item, piece, depth + 1);
            pieces.Add(piece);
        }

        Concatenate(pieces, delimiter, into);
    }

    /// <summary>Every combination of the pieces' texts; a resource inside a text becomes the symbolic <c>${Id}</c> / <c>${Id.Attr}</c>.</summary>
    private static void Concatenate(List<List<PossibleValue>> pieces, string delimiter, List<PossibleValue> into)
    {
        var texts = new List<(string Text, bool Symbolic)> { (string.Empty, false) };
        for (var i = 0; i < pieces.Count; i++)
        {
            var next = new List<(string, bool)>();
            foreach (var (prefix, prefixSymbolic) in texts)
            {
                foreach (var possibility in pieces[i])
                {
                    var joined = new StringBuilder(prefix);
                    if (i > 0)
                    {
                        joined.Append(delimiter);
                    }

                    switch (possibility)
                    {
                        case LiteralValue literal:
                            next.Add((joined.Append(literal.Text).ToString(), prefixSymbolic || literal.IsSymbolic));
                            break;
                        case ResourceValue resource:
                            joined.Append("${").Append(resource.Resource.LogicalId);
                            if (resource.Attribute is not null)
                            {
                                joined.Append('.').Append(resource.Attribute);
                            }

                            next.Add((joined.Append('}').ToString(), true));
                            break;
                        case UnknownValue unknown:
                            into.Add(unknown);
                            return;
                    }
                }
            }

            if (next.Count > MaxPossibilities)
            {
                into.Add(new UnknownValue($"more than {MaxPossibilities} combinations"));
                return;
            }

            texts = next;
        }

        foreach (var (text, symbolic) in texts)
        {
            into.Add(new LiteralValue(text, symbolic));
        }
    }

    private void AddFindInMap(Template template, SequenceNode arguments, List<PossibleValue> into, int depth)
    {
        var mapName = Resolve(template, arguments.Items[0]).SingleLiteral;
        var topKey = Resolve(template, arguments.Items[1]).SingleLiteral;
        var secondKey = Resolve(template, arguments.Items[2]).SingleLiteral;
        if (mapName is null || topKey is null || secondKey is null)
        {
            into.Add(new UnknownValue("Fn::FindInMap with keys that are not literal"));
            return;
        }

        var value = ((template.Mappings?[mapName] as MappingNode)?[topKey] as MappingNode)?[secondKey];
        if (value is null)
        {
            into.Add(new UnknownValue($"Fn::FindInMap finds nothing at {mapName}.{topKey}.{secondKey}"));
            return;
        }

        Add(template, value, into, depth + 1);
    }

    private void AddImport(Template template, IntrinsicNode call, List<PossibleValue> into, int depth)
    {
        foreach (var name in Resolve(template, call.Argument).Possibilities)
        {
            if (name is not LiteralValue literal)
            {
                into.Add(new UnknownValue("Fn::ImportValue of a name that cannot be resolved"));
                continue;
            }

            var exported = ExportsNamed(literal.Text);
            if (exported.Count == 0)
            {
                into.Add(new UnknownValue($"no template in the linted set exports {literal.Text}"));
                continue;
            }

            foreach (var (exportingTemplate, output) in exported)
            {
                Add(exportingTemplate, output.Value, into, depth + 1);
            }
        }
    }

    /// <summary>One list a list-valued expression can be: the possibilities of each item, or why it cannot be known.</summary>
    private sealed class PossibleList
    {
        private PossibleList(IReadOnlyList<List<PossibleValue>>? items, UnknownValue? unknown)
        {
            Items = items;
            Unknown = unknown;
        }

        public IReadOnlyList<List<PossibleValue>>? Items { get; }

        public UnknownValue? Unknown { get; }

        public static PossibleList Of(IReadOnlyList<List<PossibleValue>> items) => new(items, null);

        public static PossibleList NotKnown(UnknownValue reason) => new(null, reason);
    }
}
