using KmsLint.Templates.Findings;

namespace KmsLint.Templates.Yaml;

/// <summary>
/// One node of a parsed template. Aliases are the same object as their anchor, so a walk over
/// the tree must not assume it is a tree; the front end bounds how much aliases can add.
/// </summary>
public abstract class TemplateNode
{
    // The place is kept inline rather than as a SourceSpan object: a run keeps every model alive until the rules have
    // run, and a span object per node was a third of a model's memory.
    private readonly string file;
    private readonly int startLine;
    private readonly int startColumn;
    private int endLine;
    private int endColumn;

    private protected TemplateNode(SourceSpan span)
    {
        file = span.File;
        startLine = span.StartLine;
        startColumn = span.StartColumn;
        endLine = span.EndLine;
        endColumn = span.EndColumn;
    }

    /// <summary>Where the node is written (1-based lines and columns).</summary>
    public SourceSpan Span => new(file, startLine, startColumn, endLine, endColumn);

    /// <summary>The node as a scalar's text, or null when it is not a scalar.</summary>
    public string? ScalarText => (this as ScalarNode)?.Value;

    /// <summary>The node as a mapping, or null.</summary>
    public MappingNode? AsMapping => this as MappingNode;

    /// <summary>The node as a sequence, or null.</summary>
    public SequenceNode? AsSequence => this as SequenceNode;

    /// <summary>The node as an intrinsic function call, or null.</summary>
    public IntrinsicNode? AsIntrinsic => this as IntrinsicNode;

    /// <summary>The value at a path of mapping keys (<c>node.At("MetricStat", "Stat")</c>), or null where a step is not a mapping or key.</summary>
    public TemplateNode? At(params string[] path)
    {
        TemplateNode? node = this;
        foreach (var key in path)
        {
            node = (node as MappingNode)?[key];
        }

        return node;
    }

    /// <summary>The items of a sequence; nothing for any other node.</summary>
    public IReadOnlyList<TemplateNode> ListItems() => (this as SequenceNode)?.Items ?? (IReadOnlyList<TemplateNode>)Array.Empty<TemplateNode>();

    /// <summary>How many nodes this one stands for when aliases are counted as copies (used to bound alias expansion).</summary>
    internal int ExpandedSize { get; private protected set; } = 1;

    /// <summary>Sets where a mapping or sequence ends, known only when its end event is read.</summary>
    internal void EndAt(int line, int column)
    {
        endLine = line;
        endColumn = column;
    }
}

/// <summary>A scalar: a string, number or boolean as written.</summary>
public class ScalarNode : TemplateNode
{
    internal ScalarNode(SourceSpan span, string value, bool isQuoted) : base(span)
    {
        Value = value;
        IsQuoted = isQuoted;
    }

    public string Value { get; }

    /// <summary>
    /// The scalar as written (quotes, escapes, block header and indentation included) where a place inside the value
    /// cannot be computed from the start alone: a one-line quoted scalar with escapes, or a block scalar. Otherwise null.
    /// </summary>
    public virtual string? Source => null;

    /// <summary>True when written in quotes (or as a block scalar): always a string, never a number or boolean.</summary>
    public bool IsQuoted { get; }

    /// <summary>The boolean CloudFormation reads from this scalar (<c>true</c>/<c>false</c> in any case), or null.</summary>
    public bool? AsBoolean =>
        string.Equals(Value, "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(Value, "false", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    public override string ToString() => Value;
}

/// <summary>A scalar that keeps its text as written (see <see cref="ScalarNode.Source"/>): a subclass, so the many other scalars carry no field for it.</summary>
internal sealed class WrittenScalarNode : ScalarNode
{
    private readonly string source;

    internal WrittenScalarNode(SourceSpan span, string value, bool isQuoted, string source) : base(span, value, isQuoted) => this.source = source;

    public override string? Source => source;
}

/// <summary>A mapping; keys are scalars and unique (a duplicate replaces the earlier entry's key and value, see <see cref="TemplateReader"/>).</summary>
public sealed class MappingNode : TemplateNode
{
    private const int LinearLookupLimit = 8;
    private readonly List<KeyValuePair<ScalarNode, TemplateNode>> entries = new();
    private Dictionary<string, int>? index;

    internal MappingNode(SourceSpan span) : base(span)
    {
    }

    public IReadOnlyList<KeyValuePair<ScalarNode, TemplateNode>> Entries => entries;

    public int Count => entries.Count;

    /// <summary>The value under <paramref name="key"/> (exact, case-sensitive as CloudFormation), or null.</summary>
    public TemplateNode? this[string key] => IndexOf(key) is var i && i >= 0 ? entries[i].Value : null;

    /// <summary>The key node under which <paramref name="key"/> is written, or null.</summary>
    public ScalarNode? KeyOf(string key) => IndexOf(key) is var i && i >= 0 ? entries[i].Key : null;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>Adds an entry unless the key exists; returns the existing key node on a duplicate.</summary>
    internal ScalarNode? TryAdd(ScalarNode key, TemplateNode value)
    {
        var existing = IndexOf(key.Value);
        if (existing >= 0)
        {
            return entries[existing].Key;
        }

        entries.Add(new KeyValuePair<ScalarNode, TemplateNode>(key, value));
        ExpandedSize += value.ExpandedSize;
        if (index is not null)
        {
            index[key.Value] = entries.Count - 1;
        }
        else if (entries.Count > LinearLookupLimit)
        {
            index = new Dictionary<string, int>(entries.Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                index[entries[i].Key.Value] = i;
            }
        }

        return null;
    }

    /// <summary>Puts <paramref name="key"/> and <paramref name="value"/> in place of the entry with the same key, keeping its position.</summary>
    internal void Replace(ScalarNode key, TemplateNode value)
    {
        var at = IndexOf(key.Value);
        ExpandedSize += value.ExpandedSize - entries[at].Value.ExpandedSize;
        entries[at] = new KeyValuePair<ScalarNode, TemplateNode>(key, value);
    }

    private int IndexOf(string key)
    {
        if (index is not null)
        {
            return index.TryGetValue(key, out var i) ? i : -1;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A sequence.</summary>
public sealed class SequenceNode : TemplateNode
{
    private readonly List<TemplateNode> items = new();

    internal SequenceNode(SourceSpan span) : base(span)
    {
    }

    public IReadOnlyList<TemplateNode> Items => items;

    public int Count => items.Count;

    internal void Add(TemplateNode item)
    {
        items.Add(item);
        ExpandedSize += item.ExpandedSize;
    }
}

/// <summary>
/// An intrinsic function call, whether written as a short-form tag (<c>!GetAtt A.Arn</c>) or as a
/// single-key mapping (<c>Fn::GetAtt: [A, Arn]</c>): both forms become this one node.
/// </summary>
public sealed class IntrinsicNode : TemplateNode
{
    internal IntrinsicNode(SourceSpan span, IntrinsicFunction function, TemplateNode argument) : base(span)
    {
        Function = function;
        Argument = argument;
        ExpandedSize = argument.ExpandedSize + 1;
    }

    public IntrinsicFunction Function { get; }

    /// <summary>What the function is applied to, as written (scalar, sequence or mapping).</summary>
    public TemplateNode Argument { get; }

    /// <summary>The long-form name, e.g. <c>Fn::GetAtt</c> or <c>Ref</c>.</summary>
    public string Name => Intrinsics.LongName(Function);

    /// <summary>For <c>Ref</c> and <c>Condition</c>: the name referred to; otherwise null.</summary>
    public string? ReferencedName =>
        Function is IntrinsicFunction.Ref or IntrinsicFunction.Condition ? Argument.ScalarText : null;

    /// <summary>
    /// For <c>Fn::GetAtt</c>: the logical id and attribute, whichever form was written (<c>A.Arn</c> or
    /// <c>[A, Arn]</c>; <c>A.Endpoint.Address</c> is attribute <c>Endpoint.Address</c>); false when not literal.
    /// </summary>
    public bool TryGetAttTarget(out string logicalId, out string attribute)
    {
        logicalId = attribute = string.Empty;
        if (Function != IntrinsicFunction.GetAtt
            || Argument is not SequenceNode { Count: 2 } list
            || list.Items[0].ScalarText is not { Length: > 0 } id
            || list.Items[1].ScalarText is not { Length: > 0 } attr)
        {
            return false;
        }

        logicalId = id;
        attribute = attr;
        return true;
    }

    public override string ToString() => Name;
}

/// <summary>The intrinsic functions the front end recognises.</summary>
public enum IntrinsicFunction
{
    Ref,
    GetAtt,
    Sub,
    Join,
    If,
    Equals,
    Not,
    And,
    Or,
    Condition,
    FindInMap,
    Select,
    Split,
    Base64,
    GetAZs,
    ImportValue,
    Cidr,
    Transform,
    Length,
    ToJsonString,
    Contains,
    EachMemberEquals,
    EachMemberIn,
    RefAll,
    ValueOf,
    ValueOfAll,
}
