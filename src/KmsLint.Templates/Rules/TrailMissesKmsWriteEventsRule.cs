using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS102: DisableKey and ScheduleKeyDeletion are KMS write management events; a trail whose selectors leave
/// them out records neither. Reported only when no trail of the set (and no external trail) records them,
/// because a data-events-only trail beside a management trail is a correct setup.
/// </summary>
public sealed class TrailMissesKmsWriteEventsRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.TrailMissesKmsWriteEvents;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var trails = graph.Routes.Trails.Values.ToList();
        if (trails.Any(trail => trail.Trail.IsExternal || trail.RecordsKmsWrites))
        {
            yield break;
        }

        foreach (var trail in trails)
        {
            var resource = trail.Trail.Resource!;
            yield return Report(resource.SpanOf(trail.SelectorProperty),
                $"Trail {resource.LogicalId} cannot record KMS write management events (DisableKey, ScheduleKeyDeletion): {string.Join("; ", trail.KmsWritesMissed)}. "
                + "Record management events of all read/write types from kms.amazonaws.com, on this trail or another.",
                resource.LogicalId);
        }
    }
}
