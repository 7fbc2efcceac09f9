using System.Globalization;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Resolution;

/// <summary>
/// One value a property can take at deploy time, as a rule reads it: a resolved possibility, or the AWS default
/// where the property is not set (or is <c>AWS::NoValue</c> on a branch). Every rule reads properties this one way.
/// </summary>
public sealed class Reading
{
    internal Reading(PossibleValue value, bool isDefault)
    {
        Value = value;
        IsDefault = isDefault;
    }

    public PossibleValue Value { get; }

    /// <summary>The property is not set on this branch: the value is the AWS default.</summary>
    public bool IsDefault { get; }

    /// <summary>The known text, or null (symbolic, a resource or unknown).</summary>
    public string? Text => Value.KnownText;

    /// <summary><c>true</c>/<c>false</c> in any case, as CloudFormation reads booleans; else null.</summary>
    public bool? Boolean => Value.AsBoolean;

    /// <summary>The number CloudFormation reads from the text (<c>300</c>, <c>"300"</c>, <c>0.5</c>); else null.</summary>
    public double? Number =>
        Text is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Why the value cannot be known, or null.</summary>
    public string? UnknownReason => (Value as UnknownValue)?.Reason;

    public Branch When => Value.When;

    /// <summary>" (parameter X's Default) (when condition Y is false)"; " (the AWS default)" for an unset property.</summary>
    public string WhenText => (IsDefault ? " (the AWS default)" : string.Empty) + Value.WhenText;

    public override string ToString() => Value + WhenText;
}

public static class Readings
{
    /// <summary>
    /// Every value <paramref name="node"/> can take, each with its branch. Where it is not set, or is
    /// <c>AWS::NoValue</c> on a branch, <paramref name="awsDefault"/> is the value (none when it is null).
    /// </summary>
    public static IReadOnlyList<Reading> Read(this Resolver resolver, Template template, TemplateNode? node, string? awsDefault = null)
    {
        var readings = new List<Reading>();
        if (node is null)
        {
            if (awsDefault is not null)
            {
                readings.Add(new Reading(new LiteralValue(awsDefault, isSymbolic: false), isDefault: true));
            }

            return readings;
        }

        foreach (var possibility in resolver.Resolve(template, node).Possibilities)
        {
            if (possibility is not AbsentValue)
            {
                readings.Add(new Reading(possibility, isDefault: false));
            }
            else if (awsDefault is not null)
            {
                readings.Add(new Reading(new LiteralValue(awsDefault, isSymbolic: false).With(possibility.When, null), isDefault: true));
            }
        }

        return readings;
    }

    /// <summary>A property of a resource (see <see cref="Read(Resolver, Template, TemplateNode?, string?)"/>).</summary>
    public static IReadOnlyList<Reading> Read(this Resolver resolver, Resource resource, string property, string? awsDefault = null) =>
        resolver.Read(resource.Template, resource.Property(property), awsDefault);
}
