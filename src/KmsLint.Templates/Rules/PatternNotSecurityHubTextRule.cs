using KmsLint.Patterns;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS205: the filter works, but Security Hub CloudWatch.7 compares text and will still report FAILED.</summary>
public sealed class PatternNotSecurityHubTextRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.PatternNotSecurityHubText;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var filter in graph.Routes.Filters)
        {
            if (filter.MatchesBothLifecycleEvents && filter.Pattern.Text is { } text && !SecurityHubPattern.IsAcceptedText(text))
            {
                yield return Report(filter.PatternSpan,
                    $"Metric filter {filter.LogicalId} matches both events, but Security Hub CloudWatch.7 compares the text exactly and will report FAILED. " +
                    $"If you rely on that control, use exactly: {SecurityHubPattern.AcceptedTexts[0]}",
                    filter.LogicalId);
            }
        }
    }
}
