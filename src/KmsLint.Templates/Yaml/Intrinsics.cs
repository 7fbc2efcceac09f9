namespace KmsLint.Templates.Yaml;

/// <summary>Names of the intrinsic functions in both forms, and the shape check of their arguments.</summary>
public static class Intrinsics
{
    /// <summary>
    /// Indexed by <see cref="IntrinsicFunction"/>. Entries are a class, not a tuple, and the lookups map to them:
    /// generic code over value types is JIT-compiled at start-up even in a ReadyToRun build, shared code over classes is not.
    /// </summary>
    private static readonly IntrinsicName[] Names =
    {
        new(IntrinsicFunction.Ref, "Ref"),
        new(IntrinsicFunction.GetAtt, "Fn::GetAtt"),
        new(IntrinsicFunction.Sub, "Fn::Sub"),
        new(IntrinsicFunction.Join, "Fn::Join"),
        new(IntrinsicFunction.If, "Fn::If"),
        new(IntrinsicFunction.Equals, "Fn::Equals"),
        new(IntrinsicFunction.Not, "Fn::Not"),
        new(IntrinsicFunction.And, "Fn::And"),
        new(IntrinsicFunction.Or, "Fn::Or"),
        new(IntrinsicFunction.Condition, "Condition"),
        new(IntrinsicFunction.FindInMap, "Fn::FindInMap"),
        new(IntrinsicFunction.Select, "Fn::Select"),
        new(IntrinsicFunction.Split, "Fn::Split"),
        new(IntrinsicFunction.Base64, "Fn::Base64"),
        new(IntrinsicFunction.GetAZs, "Fn::GetAZs"),
        new(IntrinsicFunction.ImportValue, "Fn::ImportValue"),
        new(IntrinsicFunction.Cidr, "Fn::Cidr"),
        new(IntrinsicFunction.Transform, "Fn::Transform"),
        new(IntrinsicFunction.Length, "Fn::Length"),
        new(IntrinsicFunction.ToJsonString, "Fn::ToJsonString"),
        new(IntrinsicFunction.Contains, "Fn::Contains"),
        new(IntrinsicFunction.EachMemberEquals, "Fn::EachMemberEquals"),
        new(IntrinsicFunction.EachMemberIn, "Fn::EachMemberIn"),
        new(IntrinsicFunction.RefAll, "Fn::RefAll"),
        new(IntrinsicFunction.ValueOf, "Fn::ValueOf"),
        new(IntrinsicFunction.ValueOfAll, "Fn::ValueOfAll"),
    };

    private static readonly Dictionary<string, IntrinsicName> ByLongName = Index(name => name.LongName);

    /// <summary>Short tags are the long name without <c>Fn::</c> after a <c>!</c>: <c>!GetAtt</c>, <c>!Ref</c>, <c>!Condition</c>.</summary>
    private static readonly Dictionary<string, IntrinsicName> ByTag = Index(name =>
        "!" + (name.LongName.StartsWith("Fn::", StringComparison.Ordinal) ? name.LongName.Substring(4) : name.LongName));

    public static string LongName(IntrinsicFunction function) => Names[(int)function].LongName;

    /// <summary>The function of a short-form tag such as <c>!Sub</c>.</summary>
    public static bool TryFromTag(string tag, out IntrinsicFunction function) => TryFind(ByTag, tag, out function);

    /// <summary>
    /// The function of a single-key mapping's key (<c>Ref</c>, <c>Fn::Sub</c>). <c>Condition</c> is only a function
    /// inside condition functions, where the caller asks for it.
    /// </summary>
    public static bool TryFromKey(string key, out IntrinsicFunction function) =>
        TryFind(ByLongName, key, out function) && function != IntrinsicFunction.Condition;

    private static Dictionary<string, IntrinsicName> Index(Func<IntrinsicName, string> keyOf)
    {
        var index = new Dictionary<string, IntrinsicName>(Names.Length, StringComparer.Ordinal);
        foreach (var name in Names)
        {
            index.Add(keyOf(name), name);
        }

        return index;
    }

    private static bool TryFind(Dictionary<string, IntrinsicName> index, string key, out IntrinsicFunction function)
    {
        var found = index.TryGetValue(key, out var name);
        function = found ? name!.Function : default;
        return found;
    }

    private sealed record IntrinsicName(IntrinsicFunction Function, string LongName);

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

                return list.Count != 2 ? $"Fn::GetAtt takes [LogicalId, Attribute], not {list.Count} items"
                    : list.Items[0] is ScalarNode ? null
                    : "Fn::GetAtt takes a logical id as written, not a function (a Fn::Sub there needs Transform: AWS::LanguageExtensions)";
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
