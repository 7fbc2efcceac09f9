using KmsLint.Patterns;

namespace KmsLint.Templates.Routes;

/// <summary>One of the two key lifecycle events a detection exists for, with its real-shaped CloudTrail record.</summary>
public sealed class LifecycleEvent
{
    private CloudTrailSample? sample;

    private LifecycleEvent(string name) => Name = name;

    public static LifecycleEvent DisableKey { get; } = new("DisableKey");

    public static LifecycleEvent ScheduleKeyDeletion { get; } = new("ScheduleKeyDeletion");

    public static IReadOnlyList<LifecycleEvent> All { get; } = new[] { DisableKey, ScheduleKeyDeletion };

    public string Name { get; }

    /// <summary>The successful call's record in the embedded corpus.</summary>
    public CloudTrailSample Sample => sample ??= CloudTrailCorpus.Samples.First(candidate => candidate.Kind == SampleKind.LifecycleEvent && candidate.EventName == Name);

    /// <summary>True when the pattern's verdict matches this event.</summary>
    public bool IsMatchedBy(PatternVerdict? verdict) => verdict?.Matched.Contains(Sample) == true;

    public override string ToString() => Name;
}
