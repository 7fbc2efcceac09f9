namespace KmsLint.Patterns;

/// <summary>What a pattern matches in the CloudTrail corpus; drives KMS200, KMS201 and KMS202.</summary>
public sealed class PatternVerdict
{
    internal PatternVerdict(IReadOnlyList<CloudTrailSample> matched)
    {
        Matched = matched;
        MatchesScheduleKeyDeletion = MatchesLifecycle(matched, "ScheduleKeyDeletion");
        MatchesDisableKey = MatchesLifecycle(matched, "DisableKey");
        MatchedNeighbours = matched.Where(s => s.Kind == SampleKind.Neighbour).ToList();
        MatchesFailedAttempt = matched.Any(s => s.Kind == SampleKind.FailedLifecycleAttempt);
    }

    /// <summary>Every sample the pattern matches, in corpus order.</summary>
    public IReadOnlyList<CloudTrailSample> Matched { get; }

    /// <summary>Matches the successful ScheduleKeyDeletion sample(s).</summary>
    public bool MatchesScheduleKeyDeletion { get; }

    /// <summary>Matches the successful DisableKey sample(s).</summary>
    public bool MatchesDisableKey { get; }

    public bool MatchesBothLifecycleEvents => MatchesScheduleKeyDeletion && MatchesDisableKey;

    /// <summary>Ordinary traffic the pattern also matches (KMS202).</summary>
    public IReadOnlyList<CloudTrailSample> MatchedNeighbours { get; }

    /// <summary>Matches the failed (AccessDenied) ScheduleKeyDeletion attempt; informational, never an error either way.</summary>
    public bool MatchesFailedAttempt { get; }

    /// <summary>Matches no sample at all: the pattern can never fire on real KMS traffic.</summary>
    public bool MatchesNothing => Matched.Count == 0;

    private static bool MatchesLifecycle(IReadOnlyList<CloudTrailSample> matched, string eventName) =>
        matched.Any(s => s.Kind == SampleKind.LifecycleEvent && s.EventName == eventName);
}
