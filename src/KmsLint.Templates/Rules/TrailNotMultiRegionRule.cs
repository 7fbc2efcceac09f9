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
        var singleRegion = declared.Select(trail => SingleRegionValue(graph, trail)).ToList();
        if (declared.Count == 0 || declared.Count < graph.Trails.Count || singleRegion.Any(value => value is null))
        {
            yield break;
        }

        var first = declared[0].Resource!;
        var others = declared.Count > 1
            ? $" (as do{(declared.Count == 2 ? "es" : string.Empty)} {string.Join(", ", declared.Skip(1).Select(trail => trail.Name))})"
            : string.Empty;
        yield return Report(first.SpanOf("IsMultiRegionTrail"),
            $"Trail {first.LogicalId} records only its own region{singleRegion[0]!.WhenText}{others}, so key events in other regions go unseen. "
            + "Set IsMultiRegionTrail: true on one trail, or declare the organization trail under external.trails in .kmslint.yaml.",
            first.LogicalId);
    }

    /// <summary>
    /// Why the trail can be single-region: missing IsMultiRegionTrail (the default, false) or a value that can be
    /// false; null when it is multi-region or the linter cannot know (an unknown value is not reported).
    /// </summary>
    private static PossibleValue? SingleRegionValue(RepoGraph graph, Trail trail)
    {
        var resource = trail.Resource!;
        var node = resource.Property("IsMultiRegionTrail");
        return node is null
            ? new LiteralValue("false", isSymbolic: false)
            : graph.Resolver.Resolve(resource.Template, node).Possibilities.FirstOrDefault(value => value.AsBoolean == false);
    }
}
