using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

public sealed partial class Resolver
{
    /// <summary>
    /// The lists a list-valued expression can be: a written list, each result of <c>Fn::Split</c>, the default of a
    /// <c>CommaDelimitedList</c>/<c>List&lt;...&gt;</c> parameter, both branches of <c>Fn::If</c>. Any other value counts as
    /// a list of itself alone.
    /// </summary>
    private List<PossibleList> ListsOf(Template template, TemplateNode node, Scope scope, int depth)
    {
        var lists = new List<PossibleList>();
        AddLists(template, node, lists, scope, depth);
        return lists;
    }

    private void AddLists(Template template, TemplateNode node, List<PossibleList> into, Scope scope, int depth)
    {
        if (depth > MaxDepth || !scope.Step())
        {
            into.Add(PossibleList.NotKnown(new UnknownValue("references nest too deeply")));
            return;
        }

        switch (node)
        {
            case SequenceNode list:
                var items = new List<List<PossibleValue>>(list.Count);
                foreach (var item in list.Items)
                {
                    var possibilities = new List<PossibleValue>();
                    Add(template, item, possibilities, scope, depth + 1);
                    items.Add(possibilities);
                }

                into.Add(PossibleList.Of(items, Branch.Always));
                return;
            case IntrinsicNode { Function: IntrinsicFunction.If, Argument: SequenceNode { Count: 3 } branches } when branches.Items[0].ScalarText is { } condition:
                AddBranches(
                    template, condition, branches.Items[0], branches.Items[1], branches.Items[2], into, scope, depth,
                    (branch, lists) => AddLists(template, branch, lists, scope, depth + 1),
                    (list, decision) => list.When.And(decision) is { } when ? list.Under(when) : null);
                return;
            case IntrinsicNode { Function: IntrinsicFunction.Split, Argument: SequenceNode { Count: 2 } split } when split.Items[0] is ScalarNode { Value.Length: > 0 } delimiter:
                AddSplits(template, split.Items[1], delimiter.Value, into, scope, depth);
                return;
            case IntrinsicNode { Function: IntrinsicFunction.Ref } reference
                when reference.ReferencedName is { } name && template.ParametersByName.TryGetValue(name, out var parameter) && IsListType(parameter.Type):
                // A list parameter's value is one comma-separated text.
                AddSplits(template, reference, ",", into, scope, depth);
                return;
            default:
                var value = new List<PossibleValue>();
                Add(template, node, value, scope, depth + 1);
                into.Add(value.Count == 1 && value[0] is UnknownValue unknown ? PossibleList.NotKnown(unknown) : PossibleList.Of(new[] { value }, Branch.Always));
                return;
        }
    }

    private void AddSplits(Template template, TemplateNode source, string delimiter, List<PossibleList> into, Scope scope, int depth)
    {
        var texts = new List<PossibleValue>();
        Add(template, source, texts, scope, depth + 1);
        foreach (var text in texts)
        {
            into.Add(text switch
            {
                LiteralValue literal when !literal.IsSymbolic || !PlaceholderContains(literal.Text, delimiter) => PossibleList.Of(
                    literal.Text.Split(new[] { delimiter }, StringSplitOptions.None)
                        .Select(part => new List<PossibleValue> { new LiteralValue(part, literal.IsSymbolic && part.Contains("${")).With(literal.When, literal.Via) })
                        .ToList(),
                    literal.When),
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

    /// <summary>One list a list-valued expression can be, under a branch: the possibilities of each item, or why it cannot be known.</summary>
    private sealed class PossibleList
    {
        private PossibleList(IReadOnlyList<List<PossibleValue>>? items, UnknownValue? unknown, Branch when)
        {
            Items = items;
            Unknown = unknown;
            When = when;
        }

        public IReadOnlyList<List<PossibleValue>>? Items { get; }

        public UnknownValue? Unknown { get; }

        public Branch When { get; }

        public static PossibleList Of(IReadOnlyList<List<PossibleValue>> items, Branch when) => new(items, null, when);

        public static PossibleList NotKnown(UnknownValue reason) => new(null, reason, reason.When);

        /// <summary>The same list under another branch: its items are narrowed to it, and those that contradict it dropped.</summary>
        public PossibleList Under(Branch when) =>
            Unknown is { } unknown
                ? NotKnown((UnknownValue)unknown.With(when, unknown.Via))
                : new PossibleList(
                    Items!.Select(item => item.Select(value => value.When.And(when) is { } narrowed ? value.With(narrowed, value.Via) : null)
                        .Where(value => value is not null).Select(value => value!).ToList()).ToList(),
                    null,
                    when);
    }
}
