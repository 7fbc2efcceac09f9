using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS101: a single-region trail misses key events in every other region. One finding for the set, on the
/// first trail, since one multi-region trail fixes it; an external trail is taken as multi-region.
/// </summary>
public sealed class TrailNotMultiRegionRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.NoMultiRegionTrail;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var declared = graph.Trails.Where(trail => !trail.IsExternal).ToList();
        if (declared.Count == 0 || declared.Count < graph.Trails.Count || declared.Any(trail => !IsSingleRegion(graph, trail)))
        {
            yield break;
        }

        var first = declared[0].Resource!;
        var others = declared.Count > 1
            ? $" (nor {string.Join(", ", declared.Skip(1).Select(trail => trail.Name))})"
            : string.Empty;
        yield return Report(first.SpanOf("IsMultiRegionTrail"),
            $"Trail {first.LogicalId}{others} records only its own region, so key events in other regions go unseen. "
            + "Set IsMultiRegionTrail: true on one trail, or declare the organization trail under external.trails in .kmslint.yaml.",
            first.LogicalId);
    }

    /// <summary>True when IsMultiRegionTrail is missing or can be false; a value the linter cannot know is not reported.</summary>
    private static bool IsSingleRegion(RepoGraph graph, Trail trail)
    {
        var resource = trail.Resource!;
        var node = resource.Property("IsMultiRegionTrail");
        return node is null || graph.Resolver.ResolveWithBranches(resource.Template, node).Any(value => value.AsBoolean == false);
    }
}
