using System.Globalization;
using KmsLint.Patterns;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Routes;

/// <summary>
/// A detection's pattern parsed and evaluated against the CloudTrail corpus, once. Exactly one of
/// <see cref="Verdict"/> and <see cref="Error"/> is set, or neither when the pattern's text cannot be resolved
/// (a parameter without Default, an intrinsic the resolver cannot follow).
/// </summary>
public sealed class PatternEvaluation
{
    private PatternEvaluation(
        string? text, PatternVerdict? verdict, PatternSyntaxException? error, SourceSpan? errorLocation, IReadOnlyList<ScopedField> scoped,
        Func<string, string, bool?>? admits = null, JsonValue? json = null)
    {
        Text = text;
        Verdict = verdict;
        Error = error;
        ErrorLocation = errorLocation;
        Scoped = scoped;
        this.admits = admits;
        Json = json;
    }

    private readonly Func<string, string, bool?>? admits;

    /// <summary>The filter pattern text, or the event pattern's JSON text when written as a string; null otherwise.</summary>
    public string? Text { get; }

    public PatternVerdict? Verdict { get; }

    /// <summary>The pattern was resolved and either evaluated or rejected: KMS201/KMS202/KMS204 can judge it.</summary>
    public bool IsJudged => Verdict is not null || Error is not null;

    /// <summary>The engine's syntax error (KMS204).</summary>
    public PatternSyntaxException? Error { get; }

    /// <summary>Where the error points in the template: inside the pattern scalar where that can be computed, else the property.</summary>
    public SourceSpan? ErrorLocation { get; }

    /// <summary>The event pattern as JSON (for diagnosing a pattern that matches nothing); null for filter patterns.</summary>
    public JsonValue? Json { get; }

    /// <summary>
    /// Whether the pattern names <paramref name="value"/> for the field <paramref name="path"/>, whatever else it
    /// requires (see <see cref="FilterPattern.Admits"/>); null when it does not test the field or was not parsed.
    /// </summary>
    public bool? Admits(string path, string value) => admits?.Invoke(path, value);

    /// <summary>Event-pattern fields given by an intrinsic (e.g. <c>resources: [!GetAtt Key.Arn]</c>): taken as matching, they scope the rule to those resources.</summary>
    public IReadOnlyList<string> ScopedFields => Scoped.Select(scoped => scoped.Path).ToList();

    /// <summary>The scoped fields with the values written for them, to tell which resources a rule is scoped to.</summary>
    public IReadOnlyList<ScopedField> Scoped { get; }

    internal static PatternEvaluation OfFilter(Resource filter, RepoGraph graph)
    {
        var node = filter.Property("FilterPattern");
        var text = TextOf(filter, node, graph);
        if (text is null)
        {
            return Unresolved();
        }

        return FilterPattern.TryParse(text, out var pattern, out var error)
            ? new PatternEvaluation(text, CloudTrailCorpus.Evaluate(pattern!), null, null, NoFields, pattern!.Admits)
            : new PatternEvaluation(text, null, error, LocateInScalar(filter, "FilterPattern", node, error!), NoFields);
    }

    internal static PatternEvaluation OfEventRule(Resource rule, RepoGraph graph)
    {
        var node = rule.Property("EventPattern");
        if (node is MappingNode mapping)
        {
            var scoped = new List<ScopedField>();
            var value = ToJson(mapping, string.Empty, scoped);
            if (value.Members.Count == 0 && scoped.Count > 0)
            {
                return Unresolved(); // every field names a resource by intrinsic: nothing left to judge, nothing to report as syntax
            }

            try
            {
                var pattern = EventPattern.FromValue(value);
                return new PatternEvaluation(null, CloudTrailCorpus.Evaluate(pattern), null, null, scoped, pattern.Admits, value);
            }
            catch (PatternSyntaxException error)
            {
                var location = error.Line > 0 ? new SourceSpan(rule.Template.Path, error.Line, error.Column, error.Line, error.Column) : rule.SpanOf("EventPattern");
                return new PatternEvaluation(null, null, error, location, scoped);
            }
        }

        var text = TextOf(rule, node, graph);
        if (text is null)
        {
            return Unresolved();
        }

        try
        {
            var pattern = EventPattern.Parse(text);
            return new PatternEvaluation(text, CloudTrailCorpus.Evaluate(pattern), null, null, NoFields, pattern.Admits, pattern.Source);
        }
        catch (PatternSyntaxException error)
        {
            return new PatternEvaluation(text, null, error, LocateInScalar(rule, "EventPattern", node, error), NoFields);
        }
    }

    private static readonly IReadOnlyList<ScopedField> NoFields = Array.Empty<ScopedField>();

    private static PatternEvaluation Unresolved() => new(null, null, null, null, NoFields);

    private static string? TextOf(Resource resource, TemplateNode? node, RepoGraph graph) =>
        node is ScalarNode scalar ? scalar.Value : graph.Resolver.Resolve(resource.Template, node).SingleLiteral;

    /// <summary>Maps a position inside the pattern to the template; where that cannot be told exactly, the property.</summary>
    private static SourceSpan LocateInScalar(Resource resource, string property, TemplateNode? node, PatternSyntaxException error)
    {
        if (node is ScalarNode scalar && ScalarPositions.TryLocate(scalar, error.Line, error.Column, out var line, out var column))
        {
            return new SourceSpan(scalar.Span.File, line, column, line, column);
        }

        return resource.SpanOf(property);
    }

    /// <summary>
    /// The YAML pattern as a JSON value, positions kept. A field whose value holds an intrinsic is left out (it
    /// matches, standing for "the resource the template names") and recorded in <paramref name="scoped"/>,
    /// except the envelope's <c>resources</c> (see <see cref="IsEnvelopeResources"/>).
    /// </summary>
    private static JsonObject ToJson(MappingNode mapping, string path, List<ScopedField> scoped)
    {
        var members = new List<KeyValuePair<string, JsonValue>>();
        foreach (var entry in mapping.Entries)
        {
            var fieldPath = path.Length == 0 ? entry.Key.Value : path + "." + entry.Key.Value;
            if (entry.Value is MappingNode nested)
            {
                var value = ToJson(nested, fieldPath, scoped);
                if (value.Members.Count > 0 || nested.Count == 0)
                {
                    members.Add(new KeyValuePair<string, JsonValue>(entry.Key.Value, value));
                }
            }
            else if (ContainsIntrinsic(entry.Value, 0) && !IsEnvelopeResources(path, entry.Key.Value))
            {
                scoped.Add(new ScopedField(fieldPath, entry.Value));
            }
            else
            {
                members.Add(new KeyValuePair<string, JsonValue>(entry.Key.Value, ToJson(entry.Value)));
            }
        }

        var span = mapping.Span;
        return new JsonObject(members) { Line = span.StartLine, Column = span.StartColumn };
    }

    private static JsonValue ToJson(TemplateNode node)
    {
        var span = node.Span;
        var (line, column) = (span.StartLine, span.StartColumn);
        switch (node)
        {
            case MappingNode mapping:
                return ToJson(mapping, string.Empty, new List<ScopedField>());
            case SequenceNode sequence:
                return new JsonArray(sequence.Items.Select(ToJson).ToList()) { Line = line, Column = column };
            case ScalarNode { IsQuoted: true } quoted:
                return new JsonString(quoted.Value) { Line = line, Column = column };
            case ScalarNode { AsBoolean: { } flag }:
                return new JsonBool(flag) { Line = line, Column = column };
            case ScalarNode { Value: "null" or "~" or "" }:
                return new JsonNull { Line = line, Column = column };
            case ScalarNode plain when double.TryParse(plain.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return new JsonNumber(number, plain.Value) { Line = line, Column = column };
            default:
                return new JsonString(node.ScalarText ?? string.Empty) { Line = line, Column = column };
        }
    }

    /// <summary>
    /// The envelope's top-level <c>resources</c> is kept even when a template names it by intrinsic: EventBridge
    /// delivers CloudTrail API-call events with <c>"resources": []</c>, so such a filter never matches and the rule
    /// must be reported (KMS201), not taken as scoped. (The key's ARN is in <c>detail.resources[].ARN</c>.)
    /// </summary>
    private static bool IsEnvelopeResources(string path, string field) => path.Length == 0 && field == "resources";

    private static bool ContainsIntrinsic(TemplateNode node, int depth) => node switch
    {
        IntrinsicNode => true,
        SequenceNode sequence when depth < 64 => sequence.Items.Any(item => ContainsIntrinsic(item, depth + 1)),
        MappingNode mapping when depth < 64 => mapping.Entries.Any(entry => ContainsIntrinsic(entry.Value, depth + 1)),
        _ => false,
    };
}

/// <summary>An event-pattern field whose value names resources by intrinsic (<c>detail.resources.ARN: [!GetAtt Key.Arn]</c>).</summary>
/// <param name="Path">The field's dotted path.</param>
/// <param name="Value">The value as written (a list or a single intrinsic).</param>
public sealed record ScopedField(string Path, TemplateNode Value);
