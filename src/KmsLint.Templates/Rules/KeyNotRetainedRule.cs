using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS402: when CloudFormation deletes or replaces a key resource it schedules the key's deletion, and every
/// thing encrypted with it is lost when the window ends (<see cref="Key.IsRetained"/> says what counts).
/// </summary>
public sealed class KeyNotRetainedRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.KeyNotRetained;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        foreach (var keyNode in graph.Keys)
        {
            var key = keyNode.Resource;
            var missing = new List<string>();
            if (!keyNode.IsRetainedOnDelete)
            {
                missing.Add("DeletionPolicy: Retain");
            }

            if (!keyNode.IsRetainedOnReplace)
            {
                missing.Add("UpdateReplacePolicy: Retain");
            }

            if (missing.Count > 0)
            {
                yield return Report(key,
                    $"{keyNode.Kind} {key.LogicalId} has no {string.Join(" and no ", missing)}, so {Consequence(missing.Count, keyNode)} schedules the key's deletion. "
                    + $"Add {string.Join(" and ", missing)}.");
            }
        }
    }

    private static string Consequence(int missingCount, Key key) =>
        missingCount == 2 ? "deleting the stack or replacing the key"
        : !key.IsRetainedOnReplace ? "an update that replaces the key"
        : "deleting the stack or removing the resource";
}
