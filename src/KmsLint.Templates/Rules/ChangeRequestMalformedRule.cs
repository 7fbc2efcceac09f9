using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// KMS414: a change request named for a key change that is empty or does not match the pattern
/// (<c>change_requests.pattern</c>, the analyzer's default). It cannot authorize the change, and a typo in it must not
/// pass for an approval. Each one is reported once, where it is written (a commit trailer: on the first change it
/// would cover).
/// </summary>
public sealed class ChangeRequestMalformedRule : LintRule
{
    public override RuleDescriptor Descriptor => RuleCatalog.ChangeRequestMalformed;

    public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings)
    {
        if (graph.Change is not { } change)
        {
            yield break;
        }

        var reported = new HashSet<DeclaredChangeRequest>();
        foreach (var rule in RuleRegistry.All.OfType<ChangeRule>().Where(rule => rule.IsAuthorizable))
        {
            foreach (var found in rule.Changes(change, settings).Where(found => !found.CannotTell && found.LogicalId is not null))
            {
                foreach (var request in change.ChangeRequestsFor(found.Template, found.LogicalId!))
                {
                    if (settings.ChangeRequests.ProblemWith(request) is { } problem && reported.Add(request))
                    {
                        yield return Report(request.Location ?? found.Location,
                            $"the change request named in {request.Origin} for the change to {found.LogicalId} {problem}, so it authorizes nothing. "
                            + $"Name the approved change request, e.g. CHG-1234 (change_requests.pattern in .kmslint.yaml sets the pattern).",
                            found.LogicalId);
                    }
                }
            }
        }
    }
}
