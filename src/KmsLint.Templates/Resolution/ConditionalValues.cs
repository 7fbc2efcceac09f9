using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

/// <summary>
/// One thing a value can be, with the <c>Fn::If</c> branch that gives it, so a rule can say
/// "when condition IsProd is false" instead of only "somewhere".
/// </summary>
/// <param name="Value">The possible value.</param>
/// <param name="Branch">How the branch is reached, e.g. <c>condition IsProd is false</c>; null when no Fn::If decides it.</param>
public sealed record ConditionalValue(PossibleValue Value, string? Branch)
{
    /// <summary>The literal text (symbolic ones excluded), or null.</summary>
    public string? Text => Value is LiteralValue { IsSymbolic: false } literal ? literal.Text : null;

    /// <summary>The boolean CloudFormation reads from the text (<c>true</c>/<c>false</c> in any case), or null.</summary>
    public bool? AsBoolean =>
        string.Equals(Text, "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(Text, "false", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    /// <summary>" (when condition X is false)" for messages; empty when no condition decides it.</summary>
    public string WhenText => Branch is null ? string.Empty : " (when " + Branch + ")";
}

public static class ConditionalResolution
{
    /// <summary>
    /// What <paramref name="node"/> can be, like <see cref="Resolver.Resolve"/>, but with the top-level
    /// <c>Fn::If</c> branches (nested ones too) named: each leaf is resolved by the resolver as usual.
    /// </summary>
    public static IReadOnlyList<ConditionalValue> ResolveWithBranches(this Resolver resolver, Template template, TemplateNode? node)
    {
        var values = new List<ConditionalValue>();
        Collect(resolver, template, node, null, values, depth: 0);
        return values;
    }

    /// <summary>
    /// The items a list-valued property can hold, each with its branch: the items of a written list, of
    /// both branches of an <c>Fn::If</c> that picks a list, and whatever else the value resolves to.
    /// </summary>
    public static IReadOnlyList<ConditionalValue> ResolveListWithBranches(this Resolver resolver, Template template, TemplateNode? node)
    {
        var values = new List<ConditionalValue>();
        CollectList(resolver, template, node, null, values, depth: 0);
        return values;
    }

    private static void CollectList(Resolver resolver, Template template, TemplateNode? node, string? branch, List<ConditionalValue> into, int depth)
    {
        switch (node)
        {
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    Collect(resolver, template, item, branch, into, depth + 1);
                }

                return;
            case IntrinsicNode { Function: IntrinsicFunction.If, Argument: SequenceNode { Count: 3 } arguments } when depth < 8
                && arguments.Items[0].ScalarText is { } condition:
                CollectList(resolver, template, arguments.Items[1], Join(branch, $"condition {condition} is true"), into, depth + 1);
                CollectList(resolver, template, arguments.Items[2], Join(branch, $"condition {condition} is false"), into, depth + 1);
                return;
            default:
                Collect(resolver, template, node, branch, into, depth + 1);
                return;
        }
    }

    private static void Collect(Resolver resolver, Template template, TemplateNode? node, string? branch, List<ConditionalValue> into, int depth)
    {
        if (node is IntrinsicNode { Function: IntrinsicFunction.If, Argument: SequenceNode { Count: 3 } arguments } && depth < 8
            && arguments.Items[0].ScalarText is { } condition)
        {
            Collect(resolver, template, arguments.Items[1], Join(branch, $"condition {condition} is true"), into, depth + 1);
            Collect(resolver, template, arguments.Items[2], Join(branch, $"condition {condition} is false"), into, depth + 1);
            return;
        }

        foreach (var possibility in resolver.Resolve(template, node).Possibilities)
        {
            into.Add(new ConditionalValue(possibility, branch));
        }
    }

    private static string Join(string? outer, string inner) => outer is null ? inner : outer + " and " + inner;
}
