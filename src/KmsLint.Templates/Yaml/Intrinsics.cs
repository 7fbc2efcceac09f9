namespace KmsLint.Templates.Yaml;

/// <summary>Names of the intrinsic functions in both forms, and the shape check of their arguments.</summary>
public static class Intrinsics
{
    private static readonly (IntrinsicFunction Function, string LongName)[] Names =
    {
        (IntrinsicFunction.Ref, "Ref"),
        (IntrinsicFunction.GetAtt, "Fn::GetAtt"),
        (IntrinsicFunction.Sub, "Fn::Sub"),
        (IntrinsicFunction.Join, "Fn::Join"),
        (IntrinsicFunction.If, "Fn::If"),
        (IntrinsicFunction.Equals, "Fn::Equals"),
        (IntrinsicFunction.Not, "Fn::Not"),
        (IntrinsicFunction.And, "Fn::And"),
        (IntrinsicFunction.Or, "Fn::Or"),
        (IntrinsicFunction.Condition, "Condition"),
        (IntrinsicFunction.FindInMap, "Fn::FindInMap"),
        (IntrinsicFunction.Select, "Fn::Select"),
        (IntrinsicFunction.Split, "Fn::Split"),
        (IntrinsicFunction.Base64, "Fn::Base64"),
        (IntrinsicFunction.GetAZs, "Fn::GetAZs"),
        (IntrinsicFunction.ImportValue, "Fn::ImportValue"),
        (IntrinsicFunction.Cidr, "Fn::Cidr"),
        (IntrinsicFunction.Transform, "Fn::Transform"),
        (IntrinsicFunction.Length, "Fn::Length"),
        (IntrinsicFunction.ToJsonString, "Fn::ToJsonString"),
        (IntrinsicFunction.Contains, "Fn::Contains"),
        (IntrinsicFunction.EachMemberEquals, "Fn::EachMemberEquals"),
        (IntrinsicFunction.EachMemberIn, "Fn::EachMemberIn"),
        (IntrinsicFunction.RefAll, "Fn::RefAll"),
        (IntrinsicFunction.ValueOf, "Fn::ValueOf"),
        (IntrinsicFunction.ValueOfAll, "Fn::ValueOfAll"),
    };

    private static readonly Dictionary<string, IntrinsicFunction> ByLongName = Names.ToDictionary(n => n.LongName, n => n.Function, StringComparer.Ordinal);

    /// <summary>Short tags are the long name without <c>Fn::</c> after a <c>!</c>: <c>!GetAtt</c>, <c>!Ref</c>, <c>!Condition</c>.</summary>
    private static readonly Dictionary<string, IntrinsicFunction> ByTag = Names.ToDictionary(
        n => "!" + (n.LongName.StartsWith("Fn::", StringComparison.Ordinal) ? n.LongName.Substring(4) : n.LongName),
        n => n.Function,
        StringComparer.Ordinal);

    public static string LongName(IntrinsicFunction function) => Names[(int)function].LongName;

    /// <summary>The function of a short-form tag such as <c>!Sub</c>.</summary>
    public static bool TryFromTag(string tag, out IntrinsicFunction function) => ByTag.TryGetValue(tag, out function);

    /// <summary>
    /// The function of a single-key mapping's key (<c>Ref</c>, <c>Fn::Sub</c>). <c>Condition</c> is only a function
    /// inside condition functions, where the caller asks for it.
    /// </summary>
    public static bool TryFromKey(string key, out IntrinsicFunction function) =>
        ByLongName.TryGetValue(key, out function) && function != IntrinsicFunction.Condition;

    /// <summary>Language-extension keys (<c>Fn::ForEach::Name</c>) that are not calls but are not errors either.</summary>
    internal static bool IsLanguageExtensionKey(string key) => key.StartsWith("Fn::ForEach::", StringComparison.Ordinal);

    /// <summary>What is wrong with the call's argument shape as CloudFormation sees it, or null when it is fine.</summary>
    public static string? ShapeProblem(IntrinsicFunction function, TemplateNode argument)
    {
        var name = LongName(function);
        var list = argument as SequenceNode;
        switch (function)
        {
            case IntrinsicFunction.Ref:
            case IntrinsicFunction.Condition:
                return argument is ScalarNode { Value.Length: > 0 } ? null : $"{name} takes a name";
            case IntrinsicFunction.GetAtt:
                if (argument is ScalarNode scalar)
                {
                    var dot = scalar.Value.IndexOf('.');
                    return dot > 0 && dot < scalar.Value.Length - 1
                        ? null
                        : $"Fn::GetAtt '{scalar.Value}' must be LogicalId.Attribute";
                }

                if (list is null)
                {
                    return "Fn::GetAtt takes 'LogicalId.Attribute' or [LogicalId, Attribute]";
                }

                return list.Count == 2 && list.Items[0] is ScalarNode
                    ? null
                    : $"Fn::GetAtt takes [LogicalId, Attribute], not {list.Count} items";
            case IntrinsicFunction.Sub:
                var text = argument.ScalarText ?? (list is { Count: 2 } && list.Items[1] is MappingNode ? list.Items[0].ScalarText : null);
                if (text is null)
                {
                    return argument is ScalarNode || list is not null
                        ? "Fn::Sub takes a string or [string, {variables}]"
                        : null;
                }

                var bad = SubTemplate.FindUnclosedVariable(text);
                return bad < 0 ? null : $"Fn::Sub has a '${{' without a closing '}}' at character {bad + 1}";
            case IntrinsicFunction.If:
                return list is { Count: 3 } && list.Items[0] is ScalarNode
                    ? null
                    : "Fn::If takes [ConditionName, value if true, value if false]";
            case IntrinsicFunction.Join:
                return list is { Count: 2 } && list.Items[0] is ScalarNode ? null : "Fn::Join takes [delimiter, [values]]";
            case IntrinsicFunction.Select:
                return list is { Count: 2 } ? null : "Fn::Select takes [index, [values]]";
            case IntrinsicFunction.Split:
                return list is { Count: 2 } && list.Items[0] is ScalarNode ? null : "Fn::Split takes [delimiter, string]";
            case IntrinsicFunction.Equals:
                return list is { Count: 2 } ? null : "Fn::Equals takes [value, value]";
            case IntrinsicFunction.Not:
                return list is { Count: 1 } ? null : "Fn::Not takes [condition]";
            case IntrinsicFunction.And:
            case IntrinsicFunction.Or:
                return list is { Count: >= 2 and <= 10 } ? null : $"{name} takes 2 to 10 conditions";
            case IntrinsicFunction.FindInMap:
                return list is { Count: 3 or 4 } ? null : "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]";
            case IntrinsicFunction.Cidr:
                return list is { Count: 3 } ? null : "Fn::Cidr takes [ipBlock, count, cidrBits]";
            case IntrinsicFunction.ImportValue:
                return argument is SequenceNode || argument is MappingNode ? "Fn::ImportValue takes an export name" : null;
            default:
                return null;
        }
    }
}
