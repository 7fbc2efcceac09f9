using System.Globalization;
using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS412: a change that removes a safety margin of a key that stays: <c>DeletionPolicy</c> no longer Retain (or
/// RetainExceptOnCreate), <c>UpdateReplacePolicy</c> no longer Retain, or a shorter <c>PendingWindowInDays</c>. Nothing
/// is deleted yet, so it is a warning; the next removal or replacement is what deletes the key.
/// </summary>
public sealed class KeyRetentionReducedByChangeRule : ChangeRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.KeyRetentionReducedByChange;

    internal override IEnumerable<KeyChange> Changes(ChangeSet change, LintSettings settings)
    {
        foreach (var pair in change.Kept)
        {
            var deletion = Weakened(change, pair, "DeletionPolicy", policy => policy is "Retain" or "RetainExceptOnCreate",
                "removing the key or deleting its stack will schedule the key's deletion");
            var replacement = Weakened(change, pair, "UpdateReplacePolicy", policy => policy is "Retain",
                "an update that replaces the key will schedule the old key's deletion");
            foreach (var found in new[] { deletion, replacement, ShorterWindow(change, pair) })
            {
                if (found is not null)
                {
                    yield return found;
                }
            }
        }
    }

    private static KeyChange? Weakened(ChangeSet change, KeyPair pair, string attribute, Func<string, bool> retains, string consequence)
    {
        var policy = change.Attribute(pair, attribute, awsDefault: "Delete");
        var location = pair.After.Definition.KeyOf(attribute)?.Span ?? pair.After.Span;
        foreach (var (after, before) in policy.Compared)
        {
            if (!before.All(reading => reading.Text is { } text && retains(text)))
            {
                continue;
            }

            if (after.Text is null)
            {
                return policy.WrittenAlike ? null : CannotTell(pair, location, attribute, after, "if it is not Retain, " + consequence);
            }

            if (!retains(after.Text))
            {
                return new KeyChange(pair.After.Template, pair.LogicalId, location,
                    $"this change removes the retention of {pair.Before.Kind} {pair.LogicalId}: {attribute} becomes {after.Text}{after.WhenText} "
                    + $"(at {change.BaseName}: {PropertyComparison.Describe(before)}), so {consequence}.");
            }
        }

        return null;
    }

    private static KeyChange? ShorterWindow(ChangeSet change, KeyPair pair)
    {
        var window = change.Property(pair, "PendingWindowInDays", awsDefault: "30");
        var location = pair.After.SpanOf("PendingWindowInDays");
        foreach (var (after, before) in window.Compared)
        {
            if (before.Any(reading => reading.Number is null))
            {
                continue;
            }

            var shortestBefore = before.Min(reading => reading.Number!.Value);
            if (after.Number is null)
            {
                return window.WrittenAlike ? null : CannotTell(pair, location, "PendingWindowInDays", after, "if it is shorter, a scheduled deletion leaves less time to cancel it");
            }

            if (after.Number < shortestBefore)
            {
                return new KeyChange(pair.After.Template, pair.LogicalId, location,
                    $"this change shortens the pending window of {pair.Before.Kind} {pair.LogicalId} from {Days(shortestBefore)} to {Days(after.Number.Value)} days{after.WhenText}, "
                    + "so a scheduled deletion leaves less time to notice and cancel it.");
            }
        }

        return null;
    }

    private static string Days(double days) => days.ToString("0.##", CultureInfo.InvariantCulture);
}
