using KmsLint.Templates.Model;

namespace KmsLint.Templates.Resolution;

/// <summary>One thing a value can be at deploy time.</summary>
public abstract class PossibleValue
{
    private protected PossibleValue()
    {
    }
}

/// <summary>
/// A string. When <see cref="IsSymbolic"/> it contains placeholders the linter cannot know, written as
/// <c>${AWS::Region}</c> or <c>${LogicalId}</c>; symbolic texts only ever match an identical text.
/// </summary>
public sealed class LiteralValue : PossibleValue
{
    public LiteralValue(string text, bool isSymbolic)
    {
        Text = text;
        IsSymbolic = isSymbolic;
    }

    public string Text { get; }

    public bool IsSymbolic { get; }

    public override string ToString() => Text;
}

/// <summary>A resource of the linted set: <c>Ref</c> to it (<see cref="Attribute"/> null) or <c>Fn::GetAtt</c> of an attribute.</summary>
public sealed class ResourceValue : PossibleValue
{
    public ResourceValue(Resource resource, string? attribute)
    {
        Resource = resource;
        Attribute = attribute;
    }

    public Resource Resource { get; }

    /// <summary>The attribute (<c>Arn</c>), or null for <c>Ref</c>.</summary>
    public string? Attribute { get; }

    public bool IsRef => Attribute is null;

    public override string ToString() => Attribute is null ? "Ref " + Resource.LogicalId : Resource.LogicalId + "." + Attribute;
}

/// <summary>Something the linter cannot know (a parameter without Default, an unresolvable function). It never matches anything.</summary>
public sealed class UnknownValue : PossibleValue
{
    public UnknownValue(string reason) => Reason = reason;

    /// <summary>Why, for messages: e.g. "parameter TopicArn has no Default".</summary>
    public string Reason { get; }

    public override string ToString() => "unknown (" + Reason + ")";
}

/// <summary>The set of things a value can be (both branches of every <c>Fn::If</c>); empty when the value is absent.</summary>
public sealed class ResolvedValue
{
    public static ResolvedValue Empty { get; } = new(Array.Empty<PossibleValue>());

    public ResolvedValue(IReadOnlyList<PossibleValue> possibilities) => Possibilities = possibilities;

    public IReadOnlyList<PossibleValue> Possibilities { get; }

    public bool IsEmpty => Possibilities.Count == 0;

    /// <summary>True when at least one possibility is unknown.</summary>
    public bool HasUnknown => Possibilities.Any(p => p is UnknownValue);

    /// <summary>The literal texts among the possibilities (symbolic ones included).</summary>
    public IEnumerable<LiteralValue> Literals => Possibilities.OfType<LiteralValue>();

    /// <summary>The resources among the possibilities.</summary>
    public IEnumerable<ResourceValue> Resources => Possibilities.OfType<ResourceValue>();

    /// <summary>The single non-symbolic literal text when that is all the value can be, else null.</summary>
    public string? SingleLiteral =>
        Possibilities.Count == 1 && Possibilities[0] is LiteralValue { IsSymbolic: false } literal ? literal.Text : null;

    public override string ToString() => string.Join(" | ", Possibilities);
}
