using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS410: a change that makes CloudFormation schedule a key's deletion at the next deploy. A resource removed from its
/// template is deleted with the DeletionPolicy the deployed (base) template gives it, so a Retain added in the same
/// change does not count; a resource whose Condition becomes false is deleted the same way; a removed template is a
/// deleted stack; a replica whose PrimaryKeyArn changes is replaced, and the old one deleted unless UpdateReplacePolicy
/// is Retain.
/// </summary>
public sealed class KeyDeletedByChangeRule : ChangeRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.KeyDeletedByChange;

    internal override IEnumerable<KeyChange> Changes(ChangeSet change, LintSettings settings)
    {
        foreach (var removed in change.Removed)
        {
            if (Deletes(change, removed) is { } found)
            {
                yield return found;
            }
        }

        foreach (var pair in change.Kept)
        {
            if (pair.Before.IsReplica && pair.After.Type == pair.Before.Resource.Type && ReplicaReplaced(change, pair) is { } found)
            {
                yield return found;
            }
        }

        foreach (var file in change.Uncompared)
        {
            yield return new KeyChange(null, null, SourceSpan.StartOf(file.Path),
                $"cannot check whether this change deletes keys of {file.Path}: its version at {change.BaseName} {file.Reason}. Review its key changes by hand.")
            { CannotTell = true };
        }
    }

    private static KeyChange? Deletes(ChangeSet change, RemovedKey removed)
    {
        var key = removed.Before;
        var policy = change.BeforeResolver.Read(key.Resource.Template, key.Resource.Definition["DeletionPolicy"], awsDefault: "Delete");
        var deleting = policy.Where(reading => reading.Text is { } text && !IsRetained(text)).ToList();
        if (deleting.Count == 0)
        {
            return policy.FirstOrDefault(reading => reading.Text is null) is { } unknown
                ? new KeyChange(removed.After, removed.LogicalId, removed.Location,
                    $"cannot tell whether this change deletes {key.Kind} {removed.LogicalId}: its DeletionPolicy at {change.BaseName} cannot be known ({unknown.UnknownReason}).")
                { CannotTell = true }
                : null;
        }

        var how = removed.Removal switch
        {
            Removal.TemplateRemoved => "its template is removed, which deletes its stack" + MoveHint(change, removed),
            Removal.ConditionFalse => $"its Condition {removed.After!.FindResource(removed.LogicalId)!.Condition} is now false",
            _ => "it is no longer in the template" + MoveHint(change, removed),
        };
        return new KeyChange(removed.After, removed.LogicalId, removed.Location,
            $"this change deletes {key.Kind} {removed.LogicalId} at deploy: {how}, and its DeletionPolicy at {change.BaseName} is "
            + $"{PropertyComparison.Describe(deleting)}, so CloudFormation schedules the key's deletion.")
        {
            Remedy = "To keep the key, deploy DeletionPolicy: Retain first (the deployed template's policy is the one that counts).",
        };
    }

    private static KeyChange? ReplicaReplaced(ChangeSet change, KeyPair pair)
    {
        var primary = change.Property(pair, "PrimaryKeyArn", awsDefault: null);
        foreach (var (after, before) in primary.Compared)
        {
            var afterIdentity = change.Identity(after);
            if (afterIdentity is null || before.Any(reading => change.Identity(reading) is null))
            {
                if (!primary.WrittenAlike && afterIdentity is null)
                {
                    return CannotTell(pair, pair.After.SpanOf("PrimaryKeyArn"), "PrimaryKeyArn", after, "if it names another primary key, the deploy replaces the replica and schedules the old one's deletion");
                }

                continue;
            }

            if (before.Any(reading => change.Identity(reading) == afterIdentity) || RetainsWhenReplaced(change, pair.After))
            {
                continue;
            }

            return new KeyChange(pair.After.Template, pair.LogicalId, pair.After.SpanOf("PrimaryKeyArn"),
                $"this change deletes {pair.Before.Kind} {pair.LogicalId} at deploy: PrimaryKeyArn changes from {PropertyComparison.Describe(before)} to "
                + $"{PropertyComparison.Describe(new[] { after })}, which replaces the replica, so CloudFormation schedules the old replica's deletion.")
            {
                Remedy = "UpdateReplacePolicy: Retain keeps the old replica.",
            };
        }

        return null;
    }

    /// <summary>CloudFormation applies the updated template's UpdateReplacePolicy to the replacement it makes.</summary>
    private static bool RetainsWhenReplaced(ChangeSet change, Resource after) =>
        change.After.Resolver.Read(after.Template, after.Definition["UpdateReplacePolicy"], awsDefault: "Delete").All(reading => reading.Text == "Retain");

    private static bool IsRetained(string deletionPolicy) => deletionPolicy is "Retain" or "RetainExceptOnCreate";

    /// <summary>A new key in the same template suggests a renamed logical id; the same id in another template, a moved resource.</summary>
    private static string MoveHint(ChangeSet change, RemovedKey removed)
    {
        var type = removed.Before.Resource.Type;
        var added = removed.After?.Resources
            .Where(resource => resource.Type == type && removed.Before.Resource.Template.FindResource(resource.LogicalId) is null)
            .Select(resource => resource.LogicalId)
            .ToList();
        if (added is { Count: > 0 })
        {
            return $" ({string.Join(", ", added)} is new: renaming a logical id creates a new key and deletes the old one)";
        }

        var movedTo = change.After.Templates.FirstOrDefault(template =>
            template != removed.After && template.FindResource(removed.LogicalId) is { } same && same.Type == type && !change.Kept.Any(pair => pair.After == same));
        return movedTo is null ? string.Empty : $" (a key {removed.LogicalId} is in {movedTo.Path}: moving a resource to another template creates a new key there)";
    }
}
