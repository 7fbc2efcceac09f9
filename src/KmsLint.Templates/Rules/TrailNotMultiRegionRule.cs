using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Routes;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS101: a single-region trail misses key events in every other region. One finding for the set, on the
/// first trail, since one multi-region trail fixes it; an external trail is taken as multi-region.
/// </summary>
public sealed class TrailNotMultiRegionRule : LintRule
{
    /// <summary>The trail properties CloudFormation knows: a misspelling of IsMultiRegionTrail is named.</summary>
    private static readonly string[] TrailProperties =
    {
        "AdvancedEventSelectors", "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn", "EnableLogFileValidation", "EventSelectors",
        "IncludeGlobalServiceEvents", "InsightSelectors", "IsLogging", "IsMultiRegionTrail", "IsOrganizationTrail", "KMSKeyId",
        "S3BucketName", "S3KeyPrefix", "SnsTopicName", "Tags", "TrailName",
    };

    public override RuleDescriptor Descriptor => RuleCatalog.NoMultiRegionTrail;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        var trails = graph.Routes.Trails.Values.ToList();
        if (trails.Count == 0 || trails.Any(trail => trail.Trail.IsExternal))
        {
            yield break;
        }

        var singleRegion = trails.Select(trail => trail.IsMultiRegion.FirstOrDefault(reading => reading.Boolean == false)).ToList();
        if (singleRegion.Any(reading => reading is null))
        {
            yield break;
        }

        var first = trails[0].Trail.Resource!;
        var others = trails.Count > 1
            ? $" (as do{(trails.Count == 2 ? "es" : string.Empty)} {string.Join(", ", trails.Skip(1).Select(trail => trail.Trail.Name))})"
            : string.Empty;
        var misspelt = first.Properties?.Entries.Select(entry => entry.Key.Value)
            .FirstOrDefault(name => Suggestions.Closest(name, TrailProperties) == "IsMultiRegionTrail");
        var hint = misspelt is null ? string.Empty : $" (it has {misspelt}: did you mean IsMultiRegionTrail?)";
        yield return Report(misspelt is null ? first.SpanOf("IsMultiRegionTrail") : first.Properties!.KeyOf(misspelt)!.Span,
            $"Trail {first.LogicalId} records only its own region{WhenText(singleRegion[0]!)}{others}{hint}, so key events in other regions go unseen. "
            + "Set IsMultiRegionTrail: true on one trail, or declare the organization trail under external.trails in .kmslint.yaml.",
            first.LogicalId);
    }

    private static string WhenText(Reading reading) => reading.IsDefault ? string.Empty : reading.WhenText;
}
