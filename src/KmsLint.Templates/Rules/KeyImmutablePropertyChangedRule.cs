using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS413: CloudFormation refuses to change <c>KeySpec</c>, <c>KeyUsage</c>, <c>Origin</c> or <c>MultiRegion</c> of an
/// existing <c>AWS::KMS::Key</c> (the update fails whatever UpdateReplacePolicy says, so that no key is replaced by
/// accident), and a resource's type cannot change. A change request cannot make such an update succeed, so this rule's
/// finding is never turned into a note.
/// </summary>
public sealed class KeyImmutablePropertyChangedRule : ChangeRule
{
    private static readonly (string Property, string AwsDefault)[] ImmutableProperties =
    {
        ("KeySpec", "SYMMETRIC_DEFAULT"), ("KeyUsage", "ENCRYPT_DECRYPT"), ("Origin", "AWS_KMS"), ("MultiRegion", "false"),
    };

    public override RuleDescriptor Descriptor => RuleCatalog.KeyImmutablePropertyChanged;

    internal override bool IsAuthorizable => false;

    internal override IEnumerable<KeyChange> Changes(ChangeSet change, LintSettings settings)
    {
        foreach (var pair in change.Kept)
        {
            if (pair.After.Type != pair.Before.Resource.Type)
            {
                yield return new KeyChange(pair.After.Template, pair.LogicalId, pair.After.Definition["Type"]?.Span ?? pair.After.Span,
                    $"this change turns {pair.LogicalId} from {pair.Before.Resource.Type} into {pair.After.Type}: CloudFormation rejects the update, "
                    + "a resource's type cannot change. Declare the new resource under a new logical id instead.");
                continue;
            }

            if (pair.Before.IsReplica)
            {
                continue;
            }

            foreach (var (property, awsDefault) in ImmutableProperties)
            {
                if (Changed(change, pair, property, awsDefault) is { } found)
                {
                    yield return found;
                }
            }
        }
    }

    private static KeyChange? Changed(ChangeSet change, KeyPair pair, string property, string awsDefault)
    {
        var comparison = change.Property(pair, property, awsDefault);
        var location = pair.After.SpanOf(property);
        foreach (var (after, before) in comparison.Compared)
        {
            var afterIdentity = Identity(change, after);
            if (afterIdentity is null || before.Any(reading => Identity(change, reading) is null))
            {
                if (!comparison.WrittenAlike && afterIdentity is null)
                {
                    return CannotTell(pair, location, property, after, "if it differs from the deployed value, the stack update fails");
                }

                continue;
            }

            if (!before.Any(reading => Identity(change, reading) == afterIdentity))
            {
                return new KeyChange(pair.After.Template, pair.LogicalId, location,
                    $"this change to {property} of {pair.Before.Kind} {pair.LogicalId} ({PropertyComparison.Describe(before)} → {PropertyComparison.Describe(new[] { after })}) "
                    + "will make the stack update fail: CloudFormation cannot change it on an existing key. "
                    + "To get a key with the new setting, add it under a new logical id, move its users to it, then retire the old key.");
            }
        }

        return null;
    }

    /// <summary>Booleans compare as CloudFormation reads them (<c>True</c> is <c>true</c>).</summary>
    private static string? Identity(ChangeSet change, Reading reading) =>
        reading.Boolean is { } boolean ? "=" + (boolean ? "true" : "false") : change.Identity(reading);
}
