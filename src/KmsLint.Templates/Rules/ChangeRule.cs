using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// A change-control rule (KMS410–KMS413): it reads the pairing of the linted version with its base
/// (<see cref="RepoGraph.Change"/>) and reports only in a <c>--base</c> run. A change that names a valid change request
/// is reported as a note naming it, so the report lists the authorized key changes; a malformed one is KMS414.
/// </summary>
public abstract class ChangeRule : LintRule
{
    /// <summary>Whether a valid change request turns the finding into a note (false where approval cannot make the deploy work).</summary>
    internal virtual bool IsAuthorizable => true;

    public sealed override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings) =>
        graph.Change is { } change ? Check(change, settings) : Array.Empty<Finding>();

    /// <summary>The changes this rule finds, before change requests are applied.</summary>
    internal abstract IEnumerable<KeyChange> Changes(ChangeSet change, LintSettings settings);

    /// <summary>
    /// The note for a value of the linted version that cannot be known, where the base's was one the rule accepts:
    /// whether the change happens depends on it.
    /// </summary>
    private protected static KeyChange CannotTell(KeyPair pair, SourceSpan location, string property, Resolution.Reading after, string consequence) =>
        new(pair.After.Template, pair.LogicalId, location,
            $"this change sets {property} of {pair.Before.Kind} {pair.LogicalId} to a value KmsLint cannot know ({after.UnknownReason}){after.WhenText}: "
            + $"{consequence}. Write the value, or give the parameter a Default.")
        { CannotTell = true };

    private IEnumerable<Finding> Check(ChangeSet change, LintSettings settings)
    {
        foreach (var found in Changes(change, settings))
        {
            if (found.CannotTell)
            {
                yield return Report(Level.Note, found.Location, found.Message, found.LogicalId);
                continue;
            }

            var approvals = !IsAuthorizable || found.LogicalId is null
                ? new List<DeclaredChangeRequest>()
                : change.ChangeRequestsFor(found.Template, found.LogicalId).Where(request => settings.ChangeRequests.ProblemWith(request) is null).ToList();
            if (approvals.Count > 0)
            {
                var named = string.Join(", ", approvals.Select(request => $"{request.Value} ({request.Origin})").Distinct());
                yield return Report(Level.Note, found.Location, $"{found.Message} Authorized by change request {named}.", found.LogicalId);
            }
            else
            {
                var remedy = found.Remedy is null ? string.Empty : " " + found.Remedy;
                yield return Report(found.Location, found.Message + remedy + (IsAuthorizable ? " " + HowToAuthorize(found, change.Baseline.TrailersApply) : string.Empty), found.LogicalId);
            }
        }
    }

    /// <summary>Where the change request can go: a removed template has no metadata left, and a commit not yet made has no trailer.</summary>
    private static string HowToAuthorize(KeyChange found, bool trailersApply)
    {
        var places = new List<string>();
        if (found.Template is not null)
            places.Add("'change-request: CHG-1234' under 'Metadata: kmslint:' of the key or the template");
        places.Add($"'changes: [{{key: {found.LogicalId}, change-request: CHG-1234}}]' in .kmslint.yaml");
        if (trailersApply)
            places.Add("a 'Change-Request: CHG-1234' commit trailer");
        return "If it is intended, name its approved change request: "
            + (places.Count == 1 ? places[0] : string.Join("; ", places.Take(places.Count - 1)) + "; or " + places[places.Count - 1]) + ".";
    }
}
