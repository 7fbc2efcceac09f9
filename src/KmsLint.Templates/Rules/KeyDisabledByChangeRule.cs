using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS411: a change after which the deploy disables a key — <c>Enabled</c> becomes false on some branch where it was
/// not, written in place or through a parameter default, a mapping or an import. A key declared disabled before the
/// change (KMS403's business) is not disabled by it.
/// </summary>
public sealed class KeyDisabledByChangeRule : ChangeRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.KeyDisabledByChange;

    internal override IEnumerable<KeyChange> Changes(ChangeSet change, LintSettings settings)
    {
        foreach (var pair in change.Kept)
        {
            var enabled = change.Property(pair, "Enabled", awsDefault: "true");
            var location = pair.After.SpanOf("Enabled");
            foreach (var (after, before) in enabled.Compared)
            {
                if (after.Boolean == false && !before.Any(reading => reading.Boolean == false))
                {
                    yield return new KeyChange(pair.After.Template, pair.LogicalId, location,
                        $"this change disables {pair.Before.Kind} {pair.LogicalId} at deploy: Enabled becomes false{after.WhenText} "
                        + $"(at {change.BaseName}: {PropertyComparison.Describe(before)}), and everything encrypted with it stops working until it is enabled again.");
                    break;
                }

                if (after.Boolean is null && !enabled.WrittenAlike && before.All(reading => reading.Boolean == true))
                {
                    yield return CannotTell(pair, location, "Enabled", after, "if it is false, the deploy disables the key");
                    break;
                }
            }
        }
    }
}
