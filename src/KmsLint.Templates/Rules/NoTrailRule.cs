using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>KMS100: without a trail nothing records DisableKey or ScheduleKeyDeletion, so nothing downstream can alert.</summary>
public sealed class NoTrailRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.NoTrail;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        if (graph.Trails.Count > 0 || graph.ClosestTemplate() is not { } closest)
        {
            yield break;
        }

        var (message, level) = settings.Unparsed.Qualify(
            "No AWS::CloudTrail::Trail in the linted templates, so no KMS key lifecycle event is recorded. Add a multi-region trail "
            + "(`kmslint init` writes a whole detection chain), declare the organization trail under external.trails in .kmslint.yaml, "
            + "or, if the whole detection chain lives outside this repository (Control Tower, a security account), set "
            + "detection: {external: true} there.",
            Descriptor.DefaultLevel, "a trail", "AWS::CloudTrail::Trail");
        yield return Report(level, closest.Start, message);
    }
}
