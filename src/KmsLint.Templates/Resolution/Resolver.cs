using System.Text;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

/// <summary>
/// Works out what a value node can be, as CloudFormation would at deploy time: literals (pseudo parameters stay
/// symbolic), parameter defaults, resources by Ref/GetAtt, both branches of Fn::If unless its condition is decided,
/// Sub/Join of resolvable parts, FindInMap, Select of a list, Fn::ImportValue through the exports of every template
/// in the set, Systems Manager parameters (parameter types and <c>{{resolve:ssm:...}}</c>) through the
/// <c>AWS::SSM::Parameter</c> resources of the set or declared values. What cannot be known is
/// <see cref="UnknownValue"/>, never a guess.
/// Every path runs in one <see cref="Scope"/> per public call: nesting depth, work done and the references being
/// resolved are bounded and tracked there, so a reference that leads back to itself ends as an unknown value and one
/// <see cref="ResolutionCycle"/>, never as a stack overflow.
/// </summary>
public sealed partial class Resolver
{
    /// <summary>Bounds nesting of functions and references.</summary>
    private const int MaxDepth = 24;

    /// <summary>Bounds the combinations of Sub/Join parts and map keys (each Fn::If doubles them).</summary>
    private const int MaxPossibilities = 32;

    /// <summary>Bounds the nodes one public call visits: references shared by many parts cannot make the work exponential.</summary>
    private const int MaxSteps = 20_000;

    private const string SsmParameterTypePrefix = "AWS::SSM::Parameter::Value<";

    private readonly IReadOnlyList<Template> templates;
    private readonly DeploymentFacts facts;
    private readonly ExportIndex exports = new();
    private readonly Dictionary<string, ResolutionCycle> cycles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StackNameAssumption> assumptions = new(StringComparer.Ordinal);
    private Dictionary<string, List<Resource>>? ssmParametersByName;

    public Resolver(IEnumerable<Template> templates, DeploymentFacts? facts = null)
    {
        this.templates = templates.ToList();
        this.facts = facts ?? DeploymentFacts.None;
        foreach (var template in this.templates)
        {
            foreach (var output in template.Outputs)
            {
                if (output.ExportName is null)
                {
                    continue;
                }

                var scope = new Scope(this) { Building = Index.Exports };
                foreach (var name in Values(template, output.ExportName, scope).OfType<LiteralValue>())
                {
                    exports.Add(new Export(template, output, name.Text), name.IsSymbolic);
                }
            }
        }
    }

    private enum Index
    {
        None,
        Exports,
        SsmParameters,
    }

    /// <summary>Every reference cycle met so far, once each.</summary>
    public IReadOnlyCollection<ResolutionCycle> Cycles => cycles.Values;

    /// <summary>Every stack name assumed to follow an import so far, once each.</summary>
    public IReadOnlyCollection<StackNameAssumption> Assumptions => assumptions.Values;

    /// <summary>The outputs exported under this exact name.</summary>
    public IReadOnlyList<(Template Template, Output Output)> ExportsNamed(string name) =>
        exports.Named(name).Select(export => (export.Template, export.Output)).ToList();

    /// <summary>What <paramref name="node"/> (a value in <paramref name="template"/>) can be; empty for a missing value.</summary>
    public ResolvedValue Resolve(Template template, TemplateNode? node) =>
        node is null ? ResolvedValue.Empty : new ResolvedValue(Values(template, node, new Scope(this)));

    /// <summary>
    /// For list-valued properties (AlarmActions, Targets' ARNs): the union over every item, and over both branches of
    /// an Fn::If that picks a list; an item that is <c>AWS::NoValue</c> is left out.
    /// </summary>
    public ResolvedValue ResolveList(Template template, TemplateNode? node)
    {
        if (node is null)
        {
            return ResolvedValue.Empty;
        }

        var scope = new Scope(this);
        var items = new List<PossibleValue>();
        foreach (var list in ListsOf(template, node, scope, 0))
        {
            if (list.Unknown is { } unknown)
            {
                items.Add(unknown);
                continue;
            }

            foreach (var item in list.Items!)
            {
                items.AddRange(item.Where(value => value is not AbsentValue));
            }
        }

        return new ResolvedValue(items);
    }

    /// <summary>Whether a condition of the template holds: decided only when it does not depend on deploy-time input.</summary>
    public bool? ConditionHolds(Template template, string condition) => ConditionTruth(template, condition, null, new Scope(this), 0);

    private List<PossibleValue> Values(Template template, TemplateNode node, Scope scope)
    {
        var values = new List<PossibleValue>();
        Add(template, node, values, scope, 0);
        return values;
    }

    private void Add(Template template, TemplateNode? node, List<PossibleValue> into, Scope scope, int depth)
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

        if (!scope.Step())
        {
            into.Add(new UnknownValue($"the value takes more than {MaxSteps:N0} steps to resolve"));
            return;
        }

        switch (node)
        {
            case ScalarNode scalar when scalar.Value.IndexOf(DynamicReference.Start, StringComparison.Ordinal) >= 0:
                AddDynamicReferences(template, scalar, into, scope, depth);
                return;
            case ScalarNode scalar:
                into.Add(new LiteralValue(scalar.Value, isSymbolic: false));
                return;
            case IntrinsicNode call:
                AddCall(template, call, into, scope, depth);
                return;
            case SequenceNode:
                into.Add(new UnknownValue("a list where one value is expected"));
                return;
            default:
                into.Add(new UnknownValue("a mapping where one value is expected"));
                return;
        }
    }

    private void AddCall(Template template, IntrinsicNode call, List<PossibleValue> into, Scope scope, int depth)
    {
        var list = call.Argument as SequenceNode;
        switch (call.Function)
        {
            case IntrinsicFunction.Ref when call.ReferencedName is { } name:
                AddReference(template, name, null, call, into, scope, depth);
                return;
            case IntrinsicFunction.GetAtt when call.TryGetAttTarget(out var id, out var attribute):
                AddReference(template, id, attribute, call, into, scope, depth);
                return;
            case IntrinsicFunction.If when list is { Count: 3 } && list.Items[0].ScalarText is { } condition:
                AddBranches(template, condition, list.Items[0], list.Items[1], list.Items[2], into, scope, depth, (node, values) => Add(template, node, values, scope, depth + 1), Narrow);
                return;
            case IntrinsicFunction.Sub:
                AddSub(template, call, into, scope, depth);
                return;
            case IntrinsicFunction.Join when list is { Count: 2 } && list.Items[0] is ScalarNode delimiter:
                AddJoin(template, delimiter.Value, list.Items[1], into, scope, depth);
                return;
            case IntrinsicFunction.Select when list is { Count: 2 }:
                AddSelect(template, list.Items[0], list.Items[1], into, scope, depth);
                return;
            case IntrinsicFunction.FindInMap when list is { Count: 3 or 4 }:
                AddFindInMap(template, list, call, into, scope, depth);
                return;
            case IntrinsicFunction.ImportValue:
                AddImport(template, call, into, scope, depth);
                return;
            case IntrinsicFunction.Length:
                AddLength(template, call.Argument, into, scope, depth);
                return;
            case IntrinsicFunction.ToJsonString:
                AddJsonString(template, call.Argument, into, scope, depth);
                return;
            default:
                into.Add(new UnknownValue($"{call.Name} is not evaluated"));
                return;
        }
    }

    /// <summary>
    /// The values (or lists) of <paramref name="whenTrue"/> and <paramref name="whenFalse"/>, each narrowed by the
    /// condition's decision; a decided condition contributes only its branch, and no decision.
    /// </summary>
    private void AddBranches<T>(
        Template template, string condition, TemplateNode conditionNode, TemplateNode whenTrue, TemplateNode whenFalse,
        List<T> into, Scope scope, int depth, Action<TemplateNode, List<T>> addTo, Func<T, Decision, T?> narrow)
        where T : class
    {
        var holds = ConditionTruth(template, condition, conditionNode, scope, depth + 1);
        if (holds != false)
        {
            AddBranch(whenTrue, true);
        }

        if (holds != true)
        {
            AddBranch(whenFalse, false);
        }

        void AddBranch(TemplateNode branch, bool isTrue)
        {
            var values = new List<T>();
            addTo(branch, values);
            var decision = holds is null ? new Decision(template, condition, isTrue) : null;
            foreach (var value in values)
            {
                if ((decision is null ? value : narrow(value, decision)) is { } kept)
                {
                    into.Add(kept);
                }
            }
        }
    }

    private static PossibleValue? Narrow(PossibleValue value, Decision decision) =>
        value.When.And(decision) is { } when ? value.With(when, value.Via) : null;

    private void AddReference(Template template, string name, string? attribute, TemplateNode at, List<PossibleValue> into, Scope scope, int depth)
    {
        if (attribute is null && name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            into.Add(PseudoParameter(template, name));
            return;
        }

        if (attribute is null && template.ParametersByName.TryGetValue(name, out var parameter))
        {
            AddParameter(template, parameter, at, into, scope, depth);
            return;
        }

        if (template.FindResource(name) is { } resource)
        {
            into.Add(new ResourceValue(resource, attribute));
            return;
        }

        into.Add(new UnknownValue($"{name} is not a parameter or resource of {template.Path}"));
    }

    private PossibleValue PseudoParameter(Template template, string name) => name switch
    {
        "AWS::NoValue" => new AbsentValue(Branch.Always),
        "AWS::StackName" when facts.StackNames.TryGetValue(template.Path, out var stackName) => new LiteralValue(stackName, isSymbolic: false),
        _ => new LiteralValue("${" + name + "}", isSymbolic: true),
    };

    private void AddParameter(Template template, Parameter parameter, TemplateNode at, List<PossibleValue> into, Scope scope, int depth)
    {
        // Declared in .kmslint.yaml: its deploy-time value is a subscribed topic, whatever its Default says.
        if (facts.TopicParameters.Contains(parameter.Name))
        {
            into.Add(new DeclaredTopicValue(parameter.Name, Branch.Always, null));
            return;
        }

        if (scope.ParametersAreInputs)
        {
            into.Add(new UnknownValue($"parameter {parameter.Name} is chosen at deploy time"));
            return;
        }

        if (parameter.Default is null)
        {
            into.Add(new UnknownValue($"parameter {parameter.Name} has no Default"));
            return;
        }

        if (!scope.Enter($"parameter:{template.Path}:{parameter.Name}", $"parameter {parameter.Name}", $"Ref {parameter.Name}", at.Span))
        {
            into.Add(new UnknownValue($"parameter {parameter.Name} refers to itself"));
            return;
        }

        try
        {
            var values = new List<PossibleValue>();
            if (parameter.Type?.StartsWith(SsmParameterTypePrefix, StringComparison.Ordinal) == true)
            {
                // The Default names a Systems Manager parameter; the value is read from it at deploy time.
                AddSsmParameters(template, parameter.Default, $"parameter {parameter.Name}", values, scope, depth + 1);
            }
            else
            {
                Add(template, parameter.Default, values, scope, depth + 1);
            }

            foreach (var value in values)
            {
                into.Add(value.Via is null ? value.With(value.When, $"parameter {parameter.Name}'s Default") : value);
            }
        }
        finally
        {
            scope.Leave();
        }
    }

    /// <summary>The values of the Systems Manager parameters <paramref name="nameNode"/> names.</summary>
    private void AddSsmParameters(Template template, TemplateNode nameNode, string reader, List<PossibleValue> into, Scope scope, int depth)
    {
        foreach (var name in Values(template, nameNode, scope))
        {
            if (name is not LiteralValue { IsSymbolic: false } literal)
            {
                into.Add(name is UnknownValue unknown ? unknown : new UnknownValue($"{reader} reads a Systems Manager parameter whose name is {name}"));
                continue;
            }

            AddSsmParameter(literal.Text, reader, nameNode, into, scope, depth);
        }
    }

    private void AddSsmParameter(string name, string reader, TemplateNode at, List<PossibleValue> into, Scope scope, int depth)
    {
        var via = "Systems Manager parameter " + name;
        if (scope.Building != Index.None)
        {
            into.Add(new UnknownValue($"{reader} reads {via}"));
            return;
        }

        var defining = SsmParametersNamed(name);
        if (defining.Count == 0)
        {
            into.Add(facts.SsmParameters.TryGetValue(name, out var declared)
                ? new LiteralValue(declared, isSymbolic: false).With(Branch.Always, via + " (declared in .kmslint.yaml)")
                : new UnknownValue($"{reader} reads {via}, which no template in the linted set creates; declare its value under external.ssm_parameters in .kmslint.yaml"));
            return;
        }

        if (!scope.Enter("ssm:" + name, via, via, at.Span))
        {
            into.Add(new UnknownValue(via + " refers to itself"));
            return;
        }

        try
        {
            foreach (var resource in defining)
            {
                foreach (var value in Values(resource.Template, resource.Property("Value")!, scope))
                {
                    into.Add(value.With(value.When, via + $" ({resource.LogicalId} in {resource.Template.Path})"));
                }
            }
        }
        finally
        {
            scope.Leave();
        }
    }

    /// <summary>The <c>AWS::SSM::Parameter</c> resources of the set with this literal Name (and a Value), indexed on first use.</summary>
    private IReadOnlyList<Resource> SsmParametersNamed(string name)
    {
        if (ssmParametersByName is null)
        {
            ssmParametersByName = new Dictionary<string, List<Resource>>(StringComparer.Ordinal);
            foreach (var template in templates)
            {
                foreach (var resource in template.ResourcesOfType("AWS::SSM::Parameter"))
                {
                    if (resource.Property("Name") is not { } nameNode || resource.Property("Value") is null)
                    {
                        continue;
                    }

                    var scope = new Scope(this) { Building = Index.SsmParameters };
                    foreach (var literal in Values(template, nameNode, scope).OfType<LiteralValue>().Where(l => !l.IsSymbolic))
                    {
                        if (!ssmParametersByName.TryGetValue(literal.Text, out var list))
                        {
                            ssmParametersByName[literal.Text] = list = new List<Resource>();
                        }

                        list.Add(resource);
                    }
                }
            }
        }

        return ssmParametersByName.TryGetValue(name, out var found) ? found : (IReadOnlyList<Resource>)Array.Empty<Resource>();
    }

    /// <summary>
    /// A text holding <c>{{resolve:ssm:NAME}}</c> (or <c>:VERSION</c>) takes the parameter's value in its place;
    /// other dynamic references (secrets) cannot be known.
    /// </summary>
    private void AddDynamicReferences(Template template, ScalarNode scalar, List<PossibleValue> into, Scope scope, int depth)
    {
        var pieces = new List<List<PossibleValue>>();
        foreach (var part in DynamicReference.Split(scalar.Value))
        {
            var piece = new List<PossibleValue>();
            if (part.SsmParameterName is { } name)
            {
                AddSsmParameter(name, "the dynamic reference", scalar, piece, scope, depth + 1);
            }
            else
            {
                piece.Add(part.Service is { } service
                    ? new UnknownValue($"the {service} dynamic reference is resolved at deploy time")
                    : new LiteralValue(part.Text, isSymbolic: false));
            }

            pieces.Add(piece);
        }

        ConcatenateParts(pieces, into);
    }

    private void AddSub(Template template, IntrinsicNode call, List<PossibleValue> into, Scope scope, int depth)
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
                Add(template, variable, piece, scope, depth + 1);
            }
            else
            {
                var dot = part.Text.IndexOf('.');
                AddReference(
                    template,
                    dot > 0 ? part.Text.Substring(0, dot) : part.Text,
                    dot > 0 ? part.Text.Substring(dot + 1) : null,
                    call,
                    piece,
                    scope,
                    depth + 1);
            }

            pieces.Add(piece);
        }

        ConcatenateParts(pieces, into);
    }

    /// <summary>The parts of a text one after another; a text of one part is that part's value ("${Topic}" alone is the reference itself).</summary>
    private static void ConcatenateParts(List<List<PossibleValue>> pieces, List<PossibleValue> into)
    {
        if (pieces.Count == 1)
        {
            into.AddRange(pieces[0]);
            return;
        }

        Concatenate(pieces, string.Empty, into);
    }

    private void AddJoin(Template template, string delimiter, TemplateNode items, List<PossibleValue> into, Scope scope, int depth)
    {
        foreach (var list in ListsOf(template, items, scope, depth + 1))
        {
            if (list.Unknown is { } unknown)
            {
                into.Add(unknown);
                continue;
            }

            var joined = new List<PossibleValue>();
            Concatenate(list.Items!.Select(item => item.Where(value => value is not AbsentValue).ToList()).ToList(), delimiter, joined);
            foreach (var value in joined)
            {
                if (value.When.And(list.When) is { } when)
                {
                    into.Add(value.With(when, value.Via));
                }
            }
        }
    }

    private void AddSelect(Template template, TemplateNode indexNode, TemplateNode listNode, List<PossibleValue> into, Scope scope, int depth)
    {
        var indexes = Values(template, indexNode, scope);
        if (indexes.Count != 1 || !int.TryParse(indexes[0].KnownText, out var index))
        {
            into.Add(new UnknownValue("Fn::Select with an index that is not a literal number"));
            return;
        }

        foreach (var options in ListsOf(template, listNode, scope, depth + 1))
        {
            if (options.Unknown is { } unknown)
            {
                into.Add(unknown);
            }
            else if (index >= 0 && index < options.Items!.Count)
            {
                foreach (var value in options.Items[index])
                {
                    if (value.When.And(options.When) is { } when)
                    {
                        into.Add(value.With(when, value.Via));
                    }
                }
            }
            else
            {
                into.Add(new UnknownValue($"Fn::Select index {index} is out of range"));
            }
        }
    }

    /// <summary>
    /// Looks the value up for every combination of the keys' possible values. A key that depends on the deployment
    /// (<c>!Ref AWS::Region</c>) can be any key of its level: the value is then any of the values found there.
    /// </summary>
    private void AddFindInMap(Template template, SequenceNode arguments, IntrinsicNode call, List<PossibleValue> into, Scope scope, int depth)
    {
        var mapName = Values(template, arguments.Items[0], scope).Select(v => v.KnownText).FirstOrDefault();
        var map = mapName is null ? null : template.Mappings?[mapName] as MappingNode;
        if (map is null)
        {
            into.Add(new UnknownValue(mapName is null ? "Fn::FindInMap of a map name that is not literal" : $"Fn::FindInMap names no mapping {mapName}"));
            return;
        }

        var found = 0;
        foreach (var (topKey, topLevel) in Lookup(template, map, arguments.Items[1], into, scope))
        {
            if (topLevel.Node is not MappingNode second)
            {
                continue;
            }

            foreach (var (secondKey, entry) in Lookup(template, second, arguments.Items[2], into, scope))
            {
                if (++found > MaxPossibilities)
                {
                    into.Add(new UnknownValue($"Fn::FindInMap has more than {MaxPossibilities} possible entries"));
                    return;
                }

                if (topLevel.When.And(entry.When) is not { } when)
                {
                    continue;
                }

                var key = $"map:{template.Path}:{mapName}.{topKey}.{secondKey}";
                if (!scope.Enter(key, $"Mappings {mapName}.{topKey}.{secondKey}", $"Fn::FindInMap [{mapName}, {topKey}, {secondKey}]", call.Span))
                {
                    into.Add(new UnknownValue($"Fn::FindInMap [{mapName}, {topKey}, {secondKey}] refers to itself"));
                    continue;
                }

                try
                {
                    foreach (var value in Values(template, entry.Node, scope))
                    {
                        if (value.When.And(when) is { } combined)
                        {
                            into.Add(value.With(combined, value.Via));
                        }
                    }
                }
                finally
                {
                    scope.Leave();
                }
            }
        }

        if (found == 0 && !into.Any(v => v is UnknownValue))
        {
            if (arguments.Count == 4 && (arguments.Items[3] as MappingNode)?["DefaultValue"] is { } fallback)
            {
                Add(template, fallback, into, scope, depth + 1);
            }
            else
            {
                into.Add(new UnknownValue($"Fn::FindInMap finds nothing in {mapName}"));
            }
        }
    }

    /// <summary>The entries of one map level a key expression can select, each with the branch of its key.</summary>
    private IEnumerable<(string Key, (TemplateNode Node, Branch When) Entry)> Lookup(
        Template template, MappingNode level, TemplateNode keyNode, List<PossibleValue> into, Scope scope)
    {
        foreach (var key in Values(template, keyNode, scope))
        {
            switch (key)
            {
                case LiteralValue { IsSymbolic: false } literal when level[literal.Text] is { } entry:
                    yield return (literal.Text, (entry, key.When));
                    break;
                case LiteralValue { IsSymbolic: true }:
                    foreach (var pair in level.Entries)
                    {
                        yield return (pair.Key.Value, (pair.Value, key.When));
                    }

                    break;
                case UnknownValue unknown:
                    into.Add(unknown);
                    break;
            }
        }
    }

    private void AddImport(Template template, IntrinsicNode call, List<PossibleValue> into, Scope scope, int depth)
    {
        if (scope.Building == Index.Exports)
        {
            into.Add(new UnknownValue("an export name cannot be imported"));
            return;
        }

        foreach (var name in Values(template, call.Argument, scope))
        {
            if (name is not LiteralValue literal)
            {
                into.Add(name is UnknownValue unknown ? unknown : new UnknownValue("Fn::ImportValue of a name that cannot be resolved"));
                continue;
            }

            var match = exports.Find(literal);
            if (match.Failure is { } failure)
            {
                into.Add(new UnknownValue(failure));
                continue;
            }

            foreach (var export in match.Exports)
            {
                if (match.AssumedStackName is { } stackName)
                {
                    assumptions[export.Template.Path + "\n" + stackName] = new StackNameAssumption(export.Template, stackName, literal.Text, call.Span);
                }

                AddExport(export, literal, call, into, scope, depth);
            }
        }
    }

    private void AddExport(Export export, PossibleValue name, IntrinsicNode call, List<PossibleValue> into, Scope scope, int depth)
    {
        if (!scope.Enter($"export:{export.Template.Path}:{export.Output.Name}", $"Export {export.Name}", $"Fn::ImportValue {export.Name}", call.Span))
        {
            into.Add(new UnknownValue($"export {export.Name} imports itself"));
            return;
        }

        try
        {
            var via = $"export {export.Name} of {export.Template.Path}";
            var values = new List<PossibleValue>();
            Add(export.Template, export.Output.Value, values, scope, depth + 1);
            foreach (var value in values)
            {
                if (value.When.And(name.When) is { } when)
                {
                    into.Add(value.With(when, value.Via ?? via));
                }
            }
        }
        finally
        {
            scope.Leave();
        }
    }

    /// <summary>Every combination of the pieces' texts; a resource inside a text becomes the symbolic <c>${Id}</c> / <c>${Id.Attr}</c>.</summary>
    private static void Concatenate(List<List<PossibleValue>> pieces, string delimiter, List<PossibleValue> into)
    {
        // Literal values, not value tuples: ReadyToRun cannot precompile List<(string, bool, Branch)>, and every start paid its JIT.
        var texts = new List<LiteralValue> { new(string.Empty, isSymbolic: false) };
        for (var i = 0; i < pieces.Count; i++)
        {
            var next = new List<LiteralValue>();
            foreach (var text in texts)
            {
                var (prefix, prefixSymbolic, prefixWhen) = (text.Text, text.IsSymbolic, text.When);
                foreach (var possibility in pieces[i])
                {
                    if (possibility is UnknownValue unknown)
                    {
                        into.Add(unknown);
                        return;
                    }

                    if (prefixWhen.And(possibility.When) is not { } when)
                    {
                        continue;
                    }

                    var joined = new StringBuilder(prefix);
                    if (i > 0)
                    {
                        joined.Append(delimiter);
                    }

                    switch (possibility)
                    {
                        case LiteralValue literal:
                            next.Add(Literal(joined.Append(literal.Text).ToString(), prefixSymbolic || literal.IsSymbolic, when));
                            break;
                        case ResourceValue resource:
                            joined.Append("${").Append(resource.Resource.LogicalId);
                            if (resource.Attribute is not null)
                            {
                                joined.Append('.').Append(resource.Attribute);
                            }

                            next.Add(Literal(joined.Append('}').ToString(), true, when));
                            break;
                        case AbsentValue:
                            next.Add(Literal(prefix, prefixSymbolic, when));
                            break;
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

        into.AddRange(texts);
    }

    private static LiteralValue Literal(string text, bool isSymbolic, Branch when) => (LiteralValue)new LiteralValue(text, isSymbolic).With(when, null);

    /// <summary>
    /// The state of one public call: how deep and how much it has resolved, and which references are being resolved
    /// (a reference met again before it is finished closes a cycle).
    /// </summary>
    private sealed class Scope
    {
        private readonly Resolver owner;
        private readonly List<Frame> frames = new();
        private int steps;

        internal Scope(Resolver owner) => this.owner = owner;

        /// <summary>Set while an index is built: the lookups that read that index are not available yet.</summary>
        internal Index Building { get; init; }

        /// <summary>Set while a condition's Fn::Equals is evaluated: a parameter is the deploy-time input, not its Default.</summary>
        internal bool ParametersAreInputs { get; set; }

        internal bool Step() => ++steps <= MaxSteps;

        /// <summary>
        /// Starts resolving the reference <paramref name="key"/> (<paramref name="description"/>, e.g. <c>Export N</c>);
        /// false when it is already being resolved further up: the cycle, closed by <paramref name="reference"/>
        /// (e.g. <c>Fn::ImportValue N</c>) at <paramref name="location"/>, is then recorded once.
        /// </summary>
        internal bool Enter(string key, string description, string reference, SourceSpan location)
        {
            var first = frames.FindIndex(frame => string.Equals(frame.Key, key, StringComparison.Ordinal));
            if (first >= 0)
            {
                owner.RecordCycle(frames.Skip(first).ToList(), reference, location);
                return false;
            }

            frames.Add(new Frame(key, description));
            return true;
        }

        internal void Leave() => frames.RemoveAt(frames.Count - 1);
    }

    private sealed class Frame
    {
        internal Frame(string key, string description)
        {
            Key = key;
            Description = description;
        }

        internal string Key { get; }

        internal string Description { get; }
    }

    private void RecordCycle(List<Frame> loop, string closing, SourceSpan location)
    {
        var identity = string.Join("\n", loop.Select(frame => frame.Key).OrderBy(key => key, StringComparer.Ordinal));
        if (!cycles.ContainsKey(identity))
        {
            var chain = string.Join(" → ", loop.Select(frame => frame.Description).Append(closing));
            cycles[identity] = new ResolutionCycle(chain, location);
        }
    }
}
