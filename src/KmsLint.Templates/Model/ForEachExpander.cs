using KmsLint.Templates.Findings;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Model;

/// <summary>A part of a template the linter could not check (KMS902): a loop whose collection cannot be known, or one past a safety limit.</summary>
/// <param name="IsUnknowable">True when a value cannot be known (a note that says how to declare it); false for a safety limit.</param>
public sealed record UncheckedPart(string Message, SourceSpan Location, bool IsUnknowable)
{
    /// <summary>The resource types the unchecked part declares: a note matters only where some rule reads one of them.</summary>
    public IReadOnlyList<string> ResourceTypes { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Expands the <c>AWS::LanguageExtensions</c> transform's <c>Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]</c>
/// as CloudFormation does before it deploys, in Resources, Outputs and Conditions (resource properties included): for
/// each item of the collection (a list, a <c>Ref</c> to a <c>CommaDelimitedList</c> parameter, a <c>Fn::FindInMap</c>),
/// the item takes the place of <c>${Identifier}</c> and <c>&amp;{Identifier}</c> (without its non-alphanumeric
/// characters) in the OutputKey, and of <c>Ref: Identifier</c> and <c>${Identifier}</c> in <c>Fn::Sub</c> texts of the
/// OutputValue. Generated nodes keep the place of the loop body they come from, so findings point into it. Bounded:
/// loops nest at most <see cref="MaxNesting"/> deep, and one template's loops visit at most <see cref="MaxNodes"/> nodes.
/// </summary>
internal sealed class ForEachExpander
{
    public const int MaxNesting = 8;

    public const int MaxNodes = 100_000;

    private const string Transform = "AWS::LanguageExtensions";
    private const string LoopPrefix = "Fn::ForEach::";
    private static readonly string[] ExpandedSections = { "Resources", "Outputs", "Conditions" };

    private readonly MappingNode root;
    private readonly List<ParseProblem> problems = new();
    private readonly HashSet<ParseProblem> reported = new();
    private readonly List<UncheckedPart> uncheckedParts;
    private readonly List<SourceSpan> loopBodies = new();
    private int nodes;

    private ForEachExpander(MappingNode root, List<UncheckedPart> uncheckedParts)
    {
        this.root = root;
        this.uncheckedParts = uncheckedParts;
    }

    /// <summary>True when the template declares the transform (<c>Transform: AWS::LanguageExtensions</c>, alone or in a list).</summary>
    public static bool IsDeclared(MappingNode root) => root["Transform"] switch
    {
        ScalarNode name => name.Value == Transform,
        SequenceNode names => names.Items.Any(name => name.ScalarText == Transform),
        _ => false,
    };

    public static bool IsLoopKey(string key) => key.StartsWith(LoopPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The root with its loops expanded. Shape problems the front end found inside loop bodies are replaced by those of
    /// the expanded template (<c>!Ref {Fn::Sub: Subnet${Id}}</c> is a plain name there).
    /// </summary>
    public static MappingNode Expand(MappingNode root, List<ParseProblem> malformed, List<UncheckedPart> uncheckedParts)
    {
        var expander = new ForEachExpander(root, uncheckedParts);
        var expanded = new MappingNode(root.Span);
        foreach (var entry in root.Entries)
        {
            var value = Array.IndexOf(ExpandedSections, entry.Key.Value) >= 0
                ? expander.Rewrite(entry.Value, Bindings.None, 0)
                : entry.Value;
            expanded.TryAdd(entry.Key, value);
        }

        malformed.RemoveAll(problem => expander.loopBodies.Exists(body => Contains(body, problem.Location)));
        malformed.AddRange(expander.problems);
        return expanded;
    }

    private TemplateNode Rewrite(TemplateNode node, Bindings bindings, int nesting) => node switch
    {
        MappingNode mapping => RewriteMapping(mapping, bindings, nesting),
        SequenceNode list => RewriteList(list, bindings, nesting),
        IntrinsicNode call => RewriteCall(call, bindings, nesting),
        _ => node,
    };

    private TemplateNode RewriteMapping(MappingNode mapping, Bindings bindings, int nesting)
    {
        var entries = new List<KeyValuePair<ScalarNode, TemplateNode>>(mapping.Count);
        var changed = false;
        foreach (var (key, value) in mapping.Entries)
        {
            if (IsLoopKey(key.Value))
            {
                entries.AddRange(ExpandLoop(key, value, bindings, nesting + 1));
                changed = true;
                continue;
            }

            var newKey = bindings.InKey(key);
            var newValue = Rewrite(value, bindings, nesting);
            changed |= !ReferenceEquals(newKey, key) || !ReferenceEquals(newValue, value);
            entries.Add(new KeyValuePair<ScalarNode, TemplateNode>(newKey, newValue));
        }

        if (!changed)
        {
            return mapping;
        }

        var rewritten = new MappingNode(mapping.Span);
        foreach (var (key, value) in entries)
        {
            if (rewritten.TryAdd(key, value) is not null)
            {
                Problem($"{key.Value} is declared more than once once Fn::ForEach is expanded, which CloudFormation rejects: "
                    + "each OutputKey must hold ${Identifier} or &{Identifier}", key.Span);
            }
        }

        return rewritten;
    }

    private TemplateNode RewriteList(SequenceNode list, Bindings bindings, int nesting)
    {
        var items = list.Items.Select(item => Rewrite(item, bindings, nesting)).ToList();
        if (items.Select((item, i) => ReferenceEquals(item, list.Items[i])).All(same => same))
        {
            return list;
        }

        var rewritten = new SequenceNode(list.Span);
        items.ForEach(rewritten.Add);
        return rewritten;
    }

    private TemplateNode RewriteCall(IntrinsicNode call, Bindings bindings, int nesting)
    {
        if (call.Function == IntrinsicFunction.Ref && call.ReferencedName is { } name && bindings.ValueOf(name) is { } item)
        {
            return new ScalarNode(call.Span, item, isQuoted: true);
        }

        var argument = call.Function == IntrinsicFunction.Sub ? bindings.InSub(call.Argument) : call.Argument;
        argument = Rewrite(argument, bindings, nesting);
        if (call.Function is IntrinsicFunction.Ref or IntrinsicFunction.GetAtt or IntrinsicFunction.FindInMap)
        {
            argument = AsNames(argument);
        }

        var rewritten = ReferenceEquals(argument, call.Argument) ? call : new IntrinsicNode(call.Span, call.Function, argument);
        if (bindings.IsEmpty)
        {
            return rewritten;
        }

        if (Intrinsics.ShapeProblem(rewritten.Function, rewritten.Argument) is { } shape)
        {
            Problem(shape, call.Span);
        }

        // A lookup the item decides (the documented way to give each generated resource its own Condition).
        return rewritten.Function == IntrinsicFunction.FindInMap && Lookup(rewritten.Argument) is { } found ? found : rewritten;
    }

    /// <summary>Expands one loop into the entries it generates (none when it cannot be expanded).</summary>
    private List<KeyValuePair<ScalarNode, TemplateNode>> ExpandLoop(ScalarNode key, TemplateNode loop, Bindings bindings, int nesting)
    {
        var generated = new List<KeyValuePair<ScalarNode, TemplateNode>>();
        loopBodies.Add(loop.Span);
        if (loop is not SequenceNode { Count: 3 } parts || parts.Items[0] is not ScalarNode { Value.Length: > 0 } identifier || parts.Items[2] is not MappingNode body)
        {
            Problem($"{key.Value} takes [Identifier, Collection, {{OutputKey: OutputValue}}]", loop.Span);
            return generated;
        }

        if (nesting > MaxNesting)
        {
            uncheckedParts.Add(new UncheckedPart($"{key.Value} is nested in more than {MaxNesting} loops (a safety limit), so what it generates is not checked", key.Span, IsUnknowable: false));
            return generated;
        }

        var collection = Rewrite(parts.Items[1], bindings, nesting);
        var items = ItemsOf(collection, out var unknown);
        if (items is null)
        {
            uncheckedParts.Add(new UncheckedPart($"{key.Value}: {unknown}, so the resources it generates are not checked", collection.Span, IsUnknowable: true)
            {
                ResourceTypes = ResourceTypesOf(body, nesting).ToList(),
            });
            return generated;
        }

        foreach (var item in items)
        {
            if (nodes > MaxNodes)
            {
                break; // the limit is reported once, by the loop that reached it
            }

            nodes += body.ExpandedSize;
            if (nodes > MaxNodes)
            {
                uncheckedParts.Add(new UncheckedPart(
                    $"{key.Value} generates more than {MaxNodes:N0} nodes (a safety limit), so what it generates from item '{item}' on is not checked", key.Span, IsUnknowable: false));
                break;
            }

            generated.AddRange(((MappingNode)Rewrite(body, bindings.With(identifier.Value, item), nesting)).Entries);
        }

        return generated;
    }

    /// <summary>The texts of a collection, or null with why it cannot be known.</summary>
    private List<string>? ItemsOf(TemplateNode collection, out string unknown)
    {
        unknown = string.Empty;
        switch (collection)
        {
            case SequenceNode list:
                var items = new List<string>(list.Count);
                foreach (var item in list.Items)
                {
                    if (TextOf(item) is not { } text)
                    {
                        unknown = $"its collection item at line {item.Span.StartLine} cannot be known";
                        return null;
                    }

                    items.Add(text);
                }

                return items;
            case IntrinsicNode { Function: IntrinsicFunction.Ref, ReferencedName: { } name }:
                if (Parameter(name) is not { } parameter)
                {
                    unknown = $"its collection {name} is not a parameter of the template";
                    return null;
                }

                if (parameter["Type"]?.ScalarText is not { } type || !(type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal)))
                {
                    unknown = $"its collection parameter {name} is not a CommaDelimitedList";
                    return null;
                }

                if (parameter["Default"] is not { } value)
                {
                    unknown = $"its collection parameter {name} has no Default, so the items cannot be known. Give {name} a Default (the items of a typical deployment)";
                    return null;
                }

                return ItemsOf(value is ScalarNode csv ? Split(csv) : value, out unknown);
            case IntrinsicNode { Function: IntrinsicFunction.FindInMap } lookup:
                if (Lookup(lookup.Argument) is { } found)
                {
                    return ItemsOf(found is ScalarNode text ? Split(text) : found, out unknown);
                }

                unknown = "its collection Fn::FindInMap cannot be looked up (a key is not a literal or a parameter with a Default)";
                return null;
            default:
                unknown = $"its collection {(collection as IntrinsicNode)?.Name ?? "value"} is not evaluated";
                return null;
        }
    }

    /// <summary>A scalar's text, or a <c>Ref</c> to a parameter's literal Default; else null.</summary>
    private string? TextOf(TemplateNode node) => node switch
    {
        ScalarNode scalar => scalar.Value,
        IntrinsicNode { Function: IntrinsicFunction.Ref, ReferencedName: { } name } => Parameter(name)?["Default"]?.ScalarText,
        _ => null,
    };

    /// <summary>The node <c>Fn::FindInMap [Map, Key, Key, {DefaultValue}]</c> selects when its keys are known; null otherwise.</summary>
    private TemplateNode? Lookup(TemplateNode arguments)
    {
        if (arguments is not SequenceNode { Count: 3 or 4 } list
            || TextOf(list.Items[0]) is not { } map || TextOf(list.Items[1]) is not { } top || TextOf(list.Items[2]) is not { } second)
        {
            return null;
        }

        return root.At("Mappings", map, top, second)
               ?? (list.Count == 4 ? list.Items[3].At("DefaultValue") : null);
    }

    private MappingNode? Parameter(string name) => root.At("Parameters", name) as MappingNode;

    /// <summary>The resource types a loop body declares, those of the loops inside it included.</summary>
    private static IEnumerable<string> ResourceTypesOf(MappingNode body, int nesting) =>
        nesting > MaxNesting
            ? Enumerable.Empty<string>()
            : body.Entries.SelectMany(entry =>
                entry.Value.At("Type")?.ScalarText is { } type ? new[] { type }
                : IsLoopKey(entry.Key.Value) && entry.Value is SequenceNode { Count: 3 } inner && inner.Items[2] is MappingNode innerBody ? ResourceTypesOf(innerBody, nesting + 1)
                : Enumerable.Empty<string>());

    private void Problem(string message, SourceSpan location)
    {
        var problem = new ParseProblem(message, location);
        if (reported.Add(problem))
        {
            problems.Add(problem);
        }
    }

    /// <summary>A comma-separated list as CloudFormation splits a <c>CommaDelimitedList</c> value.</summary>
    private static SequenceNode Split(ScalarNode text)
    {
        var list = new SequenceNode(text.Span);
        foreach (var item in text.Value.Split(','))
        {
            list.Add(new ScalarNode(text.Span, item, isQuoted: true));
        }

        return list;
    }

    /// <summary>Where a name is expected (Ref, GetAtt, FindInMap keys), a <c>Fn::Sub</c> left without placeholders is that name.</summary>
    private static TemplateNode AsNames(TemplateNode argument) => argument switch
    {
        IntrinsicNode { Function: IntrinsicFunction.Sub, Argument: ScalarNode text } when !text.Value.Contains("${") => new ScalarNode(argument.Span, text.Value, isQuoted: true),
        SequenceNode list when list.Items.Any(item => item is IntrinsicNode { Function: IntrinsicFunction.Sub }) => RebuiltList(list, list.Items.Select(AsNames)),
        _ => argument,
    };

    private static SequenceNode RebuiltList(SequenceNode list, IEnumerable<TemplateNode> items)
    {
        var rebuilt = new SequenceNode(list.Span);
        foreach (var item in items)
        {
            rebuilt.Add(item);
        }

        return rebuilt;
    }

    private static bool Contains(SourceSpan outer, SourceSpan inner) =>
        outer.File == inner.File
        && (inner.StartLine, inner.StartColumn).CompareTo((outer.StartLine, outer.StartColumn)) >= 0
        && (inner.StartLine, inner.StartColumn).CompareTo((outer.EndLine, outer.EndColumn)) <= 0;

    /// <summary>The loop identifiers in force and their items.</summary>
    private sealed class Bindings
    {
        public static readonly Bindings None = new(new Dictionary<string, string>(StringComparer.Ordinal));

        private readonly Dictionary<string, string> items;

        private Bindings(Dictionary<string, string> items) => this.items = items;

        public bool IsEmpty => items.Count == 0;

        public string? ValueOf(string identifier) => items.TryGetValue(identifier, out var item) ? item : null;

        public Bindings With(string identifier, string item) =>
            new(new Dictionary<string, string>(items, StringComparer.Ordinal) { [identifier] = item });

        /// <summary>An OutputKey with <c>${Id}</c> replaced by the item and <c>&amp;{Id}</c> by its letters and digits.</summary>
        public ScalarNode InKey(ScalarNode key)
        {
            var text = key.Value;
            foreach (var (identifier, item) in items)
            {
                text = text.Replace("${" + identifier + "}", item).Replace("&{" + identifier + "}", new string(item.Where(IsAsciiLetterOrDigit).ToArray()));
            }

            return text == key.Value ? key : new ScalarNode(key.Span, text, key.IsQuoted);
        }

        /// <summary>A <c>Fn::Sub</c> argument (text, or [text, variables]) with <c>${Id}</c> replaced in its text.</summary>
        public TemplateNode InSub(TemplateNode argument)
        {
            switch (argument)
            {
                case ScalarNode text when Replaced(text.Value) is var replaced && replaced != text.Value:
                    return new ScalarNode(text.Span, replaced, isQuoted: true);
                case SequenceNode { Count: 2 } list when list.Items[0] is ScalarNode text && Replaced(text.Value) is var replaced && replaced != text.Value:
                    return RebuiltList(list, new[] { new ScalarNode(text.Span, replaced, isQuoted: true), list.Items[1] });
                default:
                    return argument;
            }
        }

        private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

        private string Replaced(string text)
        {
            foreach (var (identifier, item) in items)
            {
                text = text.Replace("${" + identifier + "}", item);
            }

            return text;
        }
    }
}
