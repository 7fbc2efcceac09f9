using System.Text.RegularExpressions;
using KmsLint.Templates.Findings;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KmsLint.Templates.Yaml;

/// <summary>
/// The one front end for YAML and JSON templates. It builds the node tree in a single pass over
/// YamlDotNet's parser events with an explicit stack (no recursion, so deep input cannot overflow
/// the stack), and enforces the safety limits while it reads.
/// </summary>
public static class TemplateReader
{
    /// <summary>Deepest nesting of mappings and sequences accepted; CloudFormation templates stay far below it.</summary>
    public const int MaxDepth = 256;

    /// <summary>Most alias uses (<c>*name</c>) in one file.</summary>
    public const int MaxAliases = 10_000;

    /// <summary>Most nodes that aliases may add when counted as copies; bounds "billion laughs" input.</summary>
    public const int MaxAliasExpansion = 100_000;

    private const string StandardTagPrefix = "tag:yaml.org,2002:";

    /// <summary>A resource type as a template writes it (<c>AWS::CloudTrail::Trail</c>); a pseudo parameter has one <c>::</c> only.</summary>
    private static readonly Regex ResourceTypeMention = new(@"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+", RegexOptions.CultureInvariant);

    /// <summary>Decodes and parses a file's bytes (the first <paramref name="length"/> of them).</summary>
    public static ParsedFile Read(string path, byte[] bytes, int length)
    {
        if (!TextDecoder.TryDecode(bytes, length, out var text, out var failure))
        {
            var problem = new ParseProblem(failure.Message, new SourceSpan(path, failure.Line, failure.Column, failure.Line, failure.Column));
            return Failed(path, problem, Array.Empty<ParseProblem>(), System.Text.Encoding.ASCII.GetString(bytes, 0, length));
        }

        return Read(path, text);
    }

    /// <summary>Parses text already decoded.</summary>
    public static ParsedFile Read(string path, string text)
    {
        var builder = new TreeBuilder(path, text);
        ParseProblem? error;
        try
        {
            error = builder.Build(new Parser(new Scanner(new StringReader(text), skipComments: true)));
        }
        catch (YamlException yamlError)
        {
            error = new ParseProblem(StripPosition(yamlError.Message), SpanOf(path, yamlError.Start, yamlError.End));
        }
        catch (Exception parserFailure) when (parserFailure is ArgumentException or InvalidOperationException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // The parser is third-party: any of its failures on strange input is still a parse error of this file.
            error = new ParseProblem("YAML parser failed: " + parserFailure.Message, SourceSpan.StartOf(path));
        }

        return error is null
            ? new ParsedFile(path, builder.Root, null, builder.Malformed, looksLikeTemplate: true, Array.Empty<string>())
            : Failed(path, error, builder.Malformed, text);
    }

    /// <summary>A file that did not parse; what its text mentions decides whether it was meant as a template and what it might declare.</summary>
    private static ParsedFile Failed(string path, ParseProblem error, IReadOnlyList<ParseProblem> malformed, string text)
    {
        var looksLikeTemplate = TemplateKeyLine.IsVisibleIn(text) || path.EndsWith(".template", StringComparison.OrdinalIgnoreCase);
        var types = new SortedSet<string>(StringComparer.Ordinal);
        if (looksLikeTemplate)
        {
            foreach (Match mention in ResourceTypeMention.Matches(text))
            {
                types.Add(mention.Value);
            }
        }

        return new ParsedFile(path, null, error, malformed, looksLikeTemplate, types);
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (...): "; the span carries that already.</summary>
    private static string StripPosition(string message)
    {
        if (message.StartsWith("(Line:", StringComparison.Ordinal))
        {
            var end = message.IndexOf("): ", StringComparison.Ordinal);
            if (end >= 0)
            {
                return message.Substring(end + 3);
            }
        }

        return message;
    }

    internal static SourceSpan SpanOf(string path, Mark start, Mark end) =>
        new(path, Math.Max(1, (int)start.Line), Math.Max(1, (int)start.Column), Math.Max(1, (int)end.Line), Math.Max(1, (int)end.Column));

    /// <summary>Builds nodes from events; returns the first error, after which it stops reading.</summary>
    private sealed class TreeBuilder
    {
        private readonly string path;
        private readonly string text;
        private readonly List<Frame> stack = new();
        /// <summary>Anchored nodes with their height (levels of mappings and sequences in them, aliases included).</summary>
        private readonly Dictionary<string, (TemplateNode Node, int Height)> anchors = new(StringComparer.Ordinal);
        private readonly List<ParseProblem> malformed = new();
        private int aliasCount;
        private long aliasExpansion;

        internal TreeBuilder(string path, string text)
        {
            this.path = path;
            this.text = text;
        }

        internal TemplateNode? Root { get; private set; }

        internal IReadOnlyList<ParseProblem> Malformed => malformed;

        internal ParseProblem? Build(IParser parser)
        {
            while (parser.MoveNext())
            {
                var error = parser.Current switch
                {
                    Scalar scalar => OnScalar(scalar),
                    MappingStart start => Open(new MappingNode(SpanOf(path, start.Start, start.End)), start),
                    SequenceStart start => Open(new SequenceNode(SpanOf(path, start.Start, start.End)), start),
                    MappingEnd or SequenceEnd => Close(parser.Current),
                    AnchorAlias alias => OnAlias(alias),
                    _ => null,
                };
                if (error is not null)
                {
                    return error;
                }

                if (parser.Current is DocumentEnd)
                {
                    // A template is one document; later documents are not read.
                    break;
                }
            }

            return null;
        }

        private ParseProblem? OnScalar(Scalar scalar)
        {
            var span = SpanOf(path, scalar.Start, scalar.End);
            var isQuoted = scalar.Style != ScalarStyle.Plain;
            var node = SourceOf(scalar) is { } source ? new WrittenScalarNode(span, scalar.Value, isQuoted, source) : new ScalarNode(span, scalar.Value, isQuoted);
            return Complete(node, height: 0, scalar.Tag, scalar.Anchor);
        }

        /// <summary>The text of a scalar whose inner positions differ from its value's (see <see cref="ScalarNode.Source"/>), else null.</summary>
        private string? SourceOf(Scalar scalar)
        {
            var quoted = scalar.Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted;
            var block = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
            if (!(quoted && scalar.Start.Line == scalar.End.Line) && !block)
            {
                return null;
            }

            var start = scalar.Start.Index;
            var end = Math.Min(scalar.End.Index, text.Length);
            // A tagged scalar (!Sub "...") starts at its tag: it is an intrinsic's argument, never located inside.
            // Escapes only ever shorten the text, so a quoted scalar as long as its value plus quotes has none.
            if (start < 0 || end <= start || text[(int)start] is not ('"' or '\'' or '|' or '>')
                || (quoted && end - start == scalar.Value.Length + 2))
            {
                return null;
            }

            return text.Substring((int)start, (int)(end - start));
        }

        private ParseProblem? Open(TemplateNode collection, NodeEvent start)
        {
            if (stack.Count >= MaxDepth)
            {
                return new ParseProblem($"nesting deeper than {MaxDepth} levels (a safety limit)", SpanOf(path, start.Start, start.End));
            }

            stack.Add(new Frame(collection, start.Tag, start.Anchor));
            return null;
        }

        private ParseProblem? Close(ParsingEvent end)
        {
            var frame = stack[stack.Count - 1];
            stack.RemoveAt(stack.Count - 1);
            frame.Node.EndAt(Math.Max(1, (int)end.End.Line), Math.Max(1, (int)end.End.Column));
            var node = frame.Node is MappingNode mapping ? AsCallIfSingleFunctionKey(mapping) : frame.Node;
            return Complete(node, frame.ChildHeight + 1, frame.Tag, frame.Anchor);
        }

        private ParseProblem? OnAlias(AnchorAlias alias)
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                return new ParseProblem($"alias *{alias.Value.Value} refers to no anchor defined before it", SpanOf(path, alias.Start, alias.End));
            }

            aliasCount++;
            aliasExpansion += anchored.Node.ExpandedSize;
            if (aliasCount > MaxAliases || aliasExpansion > MaxAliasExpansion)
            {
                return new ParseProblem(
                    $"aliases expand to more than {MaxAliasExpansion:N0} nodes or are used more than {MaxAliases:N0} times (a safety limit)",
                    SpanOf(path, alias.Start, alias.End));
            }

            // An alias brings its anchor's nesting along: chained aliases could otherwise nest thousands of levels deep
            // within the limit written in the text, deeper than any walk over the tree can follow.
            if (stack.Count + anchored.Height > MaxDepth)
            {
                return new ParseProblem(
                    $"nesting deeper than {MaxDepth} levels where alias *{alias.Value.Value} is used (a safety limit)",
                    SpanOf(path, alias.Start, alias.End));
            }

            return Attach(anchored.Node, anchored.Height);
        }

        /// <summary>A finished node of <paramref name="height"/> levels: apply its tag, remember its anchor, put it into its parent.</summary>
        private ParseProblem? Complete(TemplateNode node, int height, TagName tag, AnchorName anchor)
        {
            if (!tag.IsEmpty && !tag.IsNonSpecific && !tag.Value.StartsWith(StandardTagPrefix, StringComparison.Ordinal))
            {
                if (Intrinsics.TryFromTag(tag.Value, out var function))
                {
                    node = MakeIntrinsic(node.Span, function, node);
                }
                else
                {
                    malformed.Add(new ParseProblem($"unknown tag {tag.Value}", node.Span));
                }
            }

            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = (node, height);
            }

            return Attach(node, height);
        }

        private ParseProblem? Attach(TemplateNode node, int height)
        {
            if (stack.Count == 0)
            {
                Root ??= node;
                return null;
            }

            var parent = stack[stack.Count - 1];
            parent.ChildHeight = Math.Max(parent.ChildHeight, height);
            if (parent.Node is SequenceNode sequence)
            {
                sequence.Add(node);
                return null;
            }

            var mapping = (MappingNode)parent.Node;
            if (parent.PendingKey is null)
            {
                if (node is not ScalarNode key)
                {
                    return new ParseProblem("a mapping key must be a plain string, not a mapping, list or function", node.Span);
                }

                parent.PendingKey = key;
                return null;
            }

            var entryKey = parent.PendingKey;
            parent.PendingKey = null;
            if (mapping.TryAdd(entryKey, node) is { } first)
            {
                // CloudFormation accepts the template and, in practice, deploys the later value (JSON and YAML alike), so
                // the file is linted as deployed rather than dropped; the duplicate itself is reported.
                mapping.Replace(entryKey, node);
                malformed.Add(new ParseProblem(
                    $"duplicate key '{entryKey.Value}' (first at line {first.Span.StartLine}, column {first.Span.StartColumn}): the later value is linted and the earlier one "
                    + "ignored, as CloudFormation does in practice (its documentation calls duplicate keys undefined behaviour). Remove one of the two.",
                    entryKey.Span));
            }

            return null;
        }

        /// <summary>A single <c>Ref</c>/<c>Fn::*</c> key makes a mapping a call.</summary>
        private TemplateNode AsCallIfSingleFunctionKey(MappingNode mapping)
        {
            if (mapping.Count == 1)
            {
                var key = mapping.Entries[0].Key.Value;
                if (Intrinsics.TryFromKey(key, out var function))
                {
                    return MakeIntrinsic(mapping.Span, function, mapping.Entries[0].Value);
                }

                if (key.StartsWith("Fn::", StringComparison.Ordinal) && !Intrinsics.IsLanguageExtensionKey(key))
                {
                    malformed.Add(new ParseProblem($"unknown function {key}", mapping.Span));
                }
            }

            return mapping;
        }

        private IntrinsicNode MakeIntrinsic(SourceSpan span, IntrinsicFunction function, TemplateNode argument)
        {
            if (function is IntrinsicFunction.And or IntrinsicFunction.Or or IntrinsicFunction.Not && argument is SequenceNode conditions)
            {
                argument = WithConditionCalls(conditions);
            }

            var problem = Intrinsics.ShapeProblem(function, argument);
            if (problem is null && function == IntrinsicFunction.GetAtt && argument is ScalarNode dotted)
            {
                argument = SplitGetAtt(dotted);
            }

            if (problem is not null)
            {
                malformed.Add(new ParseProblem(problem, span));
            }

            return new IntrinsicNode(span, function, argument);
        }

        /// <summary>
        /// <c>!GetAtt A.Arn</c> becomes the list form <c>[A, Arn]</c>, so every GetAtt has one shape. A logical id has no
        /// dot, so the first dot splits: <c>Db.Endpoint.Address</c> is attribute <c>Endpoint.Address</c>.
        /// </summary>
        private static SequenceNode SplitGetAtt(ScalarNode dotted)
        {
            var dot = dotted.Value.IndexOf('.');
            var list = new SequenceNode(dotted.Span);
            list.Add(new ScalarNode(dotted.Span, dotted.Value.Substring(0, dot), dotted.IsQuoted));
            list.Add(new ScalarNode(dotted.Span, dotted.Value.Substring(dot + 1), dotted.IsQuoted));
            return list;
        }

        /// <summary>Inside Fn::And/Or/Not, <c>{Condition: Name}</c> is the long form of <c>!Condition Name</c>.</summary>
        private static SequenceNode WithConditionCalls(SequenceNode conditions)
        {
            var rewritten = new SequenceNode(conditions.Span);
            foreach (var item in conditions.Items)
            {
                rewritten.Add(item is MappingNode { Count: 1 } mapping && mapping.Entries[0].Key.Value == "Condition"
                    ? new IntrinsicNode(mapping.Span, IntrinsicFunction.Condition, mapping.Entries[0].Value)
                    : item);
            }

            return rewritten;
        }

        private sealed class Frame
        {
            internal Frame(TemplateNode node, TagName tag, AnchorName anchor)
            {
                Node = node;
                Tag = tag;
                Anchor = anchor;
            }

            internal TemplateNode Node { get; }

            internal TagName Tag { get; }

            internal AnchorName Anchor { get; }

            internal ScalarNode? PendingKey { get; set; }

            /// <summary>The height of the highest child attached so far.</summary>
            internal int ChildHeight { get; set; }
        }
    }
}
