using System.Globalization;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS401: the pending window is the time left to notice a ScheduleKeyDeletion and cancel it. A missing
/// property is the AWS default of 30 days, which no allowed minimum (7–30) exceeds.
/// </summary>
public sealed class KeyPendingWindowTooShortRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.KeyPendingWindowTooShort;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var keyNode in graph.Keys)
        {
            var key = keyNode.Resource;
            foreach (var value in graph.Resolver.Read(key, "PendingWindowInDays"))
            {
                if (value.Number is { } number && number < settings.MinPendingWindowDays)
                {
                    var days = number.ToString("0.##", CultureInfo.InvariantCulture);
                    yield return Report(key.SpanOf("PendingWindowInDays"),
                        $"{keyNode.Kind} {key.LogicalId} has PendingWindowInDays {days}{value.WhenText}, below the minimum of {settings.MinPendingWindowDays} days, "
                        + "so a scheduled deletion leaves little time to notice and cancel it. Raise it or remove it (AWS defaults to 30); keys.min_pending_window_days in .kmslint.yaml sets the minimum.",
                        key.LogicalId);
                    break;
                }
            }
        }
    }
}
