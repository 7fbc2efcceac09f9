using KmsLint.Templates.Model;

namespace KmsLint.Templates.Resolution;

/// <summary>
/// One thing a value can be at deploy time, with the <c>Fn::If</c> branch that gives it (<see cref="When"/>) and,
/// when it came through a parameter's <c>Default</c>, an import or a Systems Manager parameter, where from
/// (<see cref="Via"/>), so a finding can say "IsLogging is false (parameter Logging's Default) when condition X is true".
/// </summary>
public abstract class PossibleValue
{
    private protected PossibleValue(Branch when, string? via)
    {
        When = when;
        Via = via;
    }

    /// <summary>The Fn::If decisions under which the value is this; <see cref="Branch.Always"/> when none.</summary>
    public Branch When { get; }

    /// <summary>Where the value came from when not written in place, e.g. <c>parameter Env's Default</c>; else null.</summary>
    public string? Via { get; }

    /// <summary>The literal text (symbolic ones excluded), or null.</summary>
    public string? KnownText => this is LiteralValue { IsSymbolic: false } literal ? literal.Text : null;

    /// <summary>The boolean CloudFormation reads from the text (<c>true</c>/<c>false</c> in any case), or null.</summary>
    public bool? AsBoolean =>
        string.Equals(KnownText, "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(KnownText, "false", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    /// <summary>" (parameter Env's Default) (when condition X is false)" for messages; empty when written in place, always.</summary>
    public string WhenText =>
        (Via is null ? string.Empty : " (" + Via + ")") + (When.IsAlways ? string.Empty : " (when " + When + ")");

    /// <summary>The same value under another branch and origin.</summary>
    internal abstract PossibleValue With(Branch when, string? via);
}

/// <summary>
/// A string. When <see cref="IsSymbolic"/> it contains placeholders the linter cannot know, written as
/// <c>${AWS::Region}</c> or <c>${LogicalId}</c>; symbolic texts only ever match an identical text.
/// </summary>
public sealed class LiteralValue : PossibleValue
{
    public LiteralValue(string text, bool isSymbolic)
        : this(text, isSymbolic, Branch.Always, null)
    {
    }

    private LiteralValue(string text, bool isSymbolic, Branch when, string? via)
        : base(when, via)
    {
        Text = text;
        IsSymbolic = isSymbolic;
    }

    public string Text { get; }

    public bool IsSymbolic { get; }

    internal override PossibleValue With(Branch when, string? via) => new LiteralValue(Text, IsSymbolic, when, via);

    public override string ToString() => Text;
}

/// <summary>A resource of the linted set: <c>Ref</c> to it (<see cref="Attribute"/> null) or <c>Fn::GetAtt</c> of an attribute.</summary>
public sealed class ResourceValue : PossibleValue
{
    public ResourceValue(Resource resource, string? attribute)
        : this(resource, attribute, Branch.Always, null)
    {
    }

    private ResourceValue(Resource resource, string? attribute, Branch when, string? via)
        : base(when, via)
    {
        Resource = resource;
        Attribute = attribute;
    }

    public Resource Resource { get; }

    /// <summary>The attribute (<c>Arn</c>), or null for <c>Ref</c>.</summary>
    public string? Attribute { get; }

    public bool IsRef => Attribute is null;

    internal override PossibleValue With(Branch when, string? via) => new ResourceValue(Resource, Attribute, when, via);

    public override string ToString() => Attribute is null ? "Ref " + Resource.LogicalId : Resource.LogicalId + "." + Attribute;
}

/// <summary>Something the linter cannot know (a parameter without Default, an unresolvable function). It never matches anything.</summary>
public sealed class UnknownValue : PossibleValue
{
    public UnknownValue(string reason)
        : this(reason, Branch.Always, null)
    {
    }

    private UnknownValue(string reason, Branch when, string? via)
        : base(when, via) => Reason = reason;

    /// <summary>Why, for messages: e.g. "parameter TopicArn has no Default".</summary>
    public string Reason { get; }

    internal override PossibleValue With(Branch when, string? via) => new UnknownValue(Reason, when, via);

    public override string ToString() => "unknown (" + Reason + ")";
}

/// <summary>
/// A value the deployment supplies and <c>.kmslint.yaml</c> vouches for: the parameter is named in
/// <c>external.topic_parameters</c>, so whatever ARN it is given at deploy is a subscribed SNS topic.
/// </summary>
public sealed class DeclaredTopicValue : PossibleValue
{
    internal DeclaredTopicValue(string parameter, Branch when, string? via)
        : base(when, via) => Parameter = parameter;

    /// <summary>The parameter's name.</summary>
    public string Parameter { get; }

    internal override PossibleValue With(Branch when, string? via) => new DeclaredTopicValue(Parameter, when, via);

    public override string ToString() => $"the topic of parameter {Parameter} (external.topic_parameters)";
}

/// <summary>
/// No value: <c>!Ref AWS::NoValue</c> on some branch. The property then counts as not set (its AWS default
/// applies) and a list item is left out.
/// </summary>
public sealed class AbsentValue : PossibleValue
{
    internal AbsentValue(Branch when)
        : base(when, null)
    {
    }

    internal override PossibleValue With(Branch when, string? via) => new AbsentValue(when);

    public override string ToString() => "AWS::NoValue";
}

/// <summary>The set of things a value can be (both branches of every <c>Fn::If</c>); empty when the value is absent.</summary>
public sealed class ResolvedValue
{
    public static ResolvedValue Empty { get; } = new(Array.Empty<PossibleValue>());

    public ResolvedValue(IReadOnlyList<PossibleValue> possibilities) => Possibilities = possibilities;

    public IReadOnlyList<PossibleValue> Possibilities { get; }

    /// <summary>True when nothing was written, or every branch is <c>AWS::NoValue</c>.</summary>
    public bool IsEmpty => Possibilities.All(p => p is AbsentValue);

    /// <summary>True when at least one possibility is unknown.</summary>
    public bool HasUnknown => Possibilities.Any(p => p is UnknownValue);

    /// <summary>The first unknown possibility, or null.</summary>
    public UnknownValue? FirstUnknown => Possibilities.OfType<UnknownValue>().FirstOrDefault();

    /// <summary>The literal texts among the possibilities (symbolic ones included).</summary>
    public IEnumerable<LiteralValue> Literals => Possibilities.OfType<LiteralValue>();

    /// <summary>The resources among the possibilities.</summary>
    public IEnumerable<ResourceValue> Resources => Possibilities.OfType<ResourceValue>();

    /// <summary>The single non-symbolic literal text when that is all the value can be, else null.</summary>
    public string? SingleLiteral =>
        Possibilities.Count == 1 && Possibilities[0] is LiteralValue { IsSymbolic: false } literal ? literal.Text : null;

    public override string ToString() => string.Join(" | ", Possibilities);
}
