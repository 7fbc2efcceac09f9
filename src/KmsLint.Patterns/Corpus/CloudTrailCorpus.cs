namespace KmsLint.Patterns;

/// <summary>The embedded corpus of real-shaped CloudTrail records and the verdict a pattern gets against it.</summary>
public static class CloudTrailCorpus
{
    public static IReadOnlyList<CloudTrailSample> Samples => throw new NotImplementedException();

    /// <summary>Evaluates a filter pattern against the CloudWatch Logs form of every record.</summary>
    public static PatternVerdict Evaluate(FilterPattern pattern) =>
        new(Samples.Where(s => pattern.Matches(s.LogMessage)).ToList());

    /// <summary>Evaluates an event pattern against the EventBridge form ("AWS API Call via CloudTrail") of every record.</summary>
    public static PatternVerdict Evaluate(EventPattern pattern) =>
        new(Samples.Where(s => pattern.Matches(s.EventBridgeEvent)).ToList());
}
