using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

public sealed partial class Resolver
{
    /// <summary>
    /// True or false when the condition is decided whatever the deployment (e.g. <c>!Equals [a, a]</c>); null when it
    /// depends on a parameter, a pseudo parameter or anything else chosen at deploy time, or refers to itself.
    /// </summary>
    private bool? ConditionTruth(Template template, string name, TemplateNode? at, Scope scope, int depth)
    {
        if (!template.Conditions.TryGetValue(name, out var definition) || depth > MaxDepth)
        {
            return null;
        }

        if (!scope.Enter($"condition:{template.Path}:{name}", $"condition {name}", $"condition {name}", (at ?? definition).Span))
        {
            return null;
        }

        try
        {
            return Evaluate(template, definition, scope, depth + 1);
        }
        finally
        {
            scope.Leave();
        }
    }

    private bool? Evaluate(Template template, TemplateNode node, Scope scope, int depth)
    {
        if (depth > MaxDepth || !scope.Step() || node is not IntrinsicNode { Argument: var argument } call)
        {
            return null;
        }

        var operands = argument as SequenceNode;
        switch (call.Function)
        {
            case IntrinsicFunction.Condition when call.ReferencedName is { } name:
                return ConditionTruth(template, name, call, scope, depth + 1);
            case IntrinsicFunction.Not when operands is { Count: 1 }:
                return !Evaluate(template, operands.Items[0], scope, depth + 1);
            case IntrinsicFunction.And when operands is { Count: > 0 }:
                return Combine(operands, stopAt: false);
            case IntrinsicFunction.Or when operands is { Count: > 0 }:
                return Combine(operands, stopAt: true);
            case IntrinsicFunction.Equals when operands is { Count: 2 }:
                return AreEqual(template, operands.Items[0], operands.Items[1], scope);
            default:
                return null;
        }

        // And stops at the first false, Or at the first true; otherwise the result is the other truth only when every operand is decided.
        bool? Combine(SequenceNode items, bool stopAt)
        {
            var decided = true;
            foreach (var item in items.Items)
            {
                var truth = Evaluate(template, item, scope, depth + 1);
                if (truth == stopAt)
                {
                    return stopAt;
                }

                decided &= truth is not null;
            }

            return decided ? !stopAt : null;
        }
    }

    /// <summary>Equal or not when both sides are one known text whatever the deployment; parameters count as deploy-time input.</summary>
    private bool? AreEqual(Template template, TemplateNode left, TemplateNode right, Scope scope)
    {
        var wereInputs = scope.ParametersAreInputs;
        scope.ParametersAreInputs = true;
        try
        {
            var a = Values(template, left, scope);
            var b = Values(template, right, scope);
            return a.Count == 1 && b.Count == 1 && a[0].KnownText is { } x && b[0].KnownText is { } y && a[0].When.IsAlways && b[0].When.IsAlways
                ? string.Equals(x, y, StringComparison.Ordinal)
                : null;
        }
        finally
        {
            scope.ParametersAreInputs = wereInputs;
        }
    }
}
