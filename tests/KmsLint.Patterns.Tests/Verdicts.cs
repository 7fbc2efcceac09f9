namespace KmsLint.Patterns.Tests;

/// <summary>Renders a verdict the way a reader of the tables thinks about it, so a failing row shows what differs.</summary>
internal static class Verdicts
{
    /// <summary>E.g. "schedule+disable; neighbours: disable-key-rotation; failed attempt: yes".</summary>
    public static string Describe(PatternVerdict verdict)
    {
        var lifecycle = (verdict.MatchesScheduleKeyDeletion, verdict.MatchesDisableKey) switch
        {
            (true, true) => "schedule+disable",
            (true, false) => "schedule only",
            (false, true) => "disable only",
            _ => "no lifecycle event",
        };
        var neighbours = verdict.MatchedNeighbours.Count == 0 ? "none" : string.Join(",", verdict.MatchedNeighbours.Select(s => s.Name));
        return $"{lifecycle}; neighbours: {neighbours}; failed attempt: {(verdict.MatchesFailedAttempt ? "yes" : "no")}";
    }

    public static string Expect(string lifecycle, string neighbours, bool failedAttempt) =>
        $"{lifecycle}; neighbours: {neighbours}; failed attempt: {(failedAttempt ? "yes" : "no")}";
}
