namespace KmsLint.Patterns;

public enum SampleKind
{
    /// <summary>A successful DisableKey or ScheduleKeyDeletion: a detection must match it.</summary>
    LifecycleEvent,

    /// <summary>Ordinary traffic a detection must not match (KMS202).</summary>
    Neighbour,

    /// <summary>A lifecycle call that failed (e.g. AccessDenied): matching it is fine, missing it is not an error.</summary>
    FailedLifecycleAttempt,
}

/// <summary>One CloudTrail record of the embedded corpus, in both the forms a detection sees.</summary>
public sealed class CloudTrailSample
{
    internal CloudTrailSample(string name, SampleKind kind, string description, string logMessage, JsonObject record, JsonObject eventBridgeEvent)
    {
        Name = name;
        Kind = kind;
        Description = description;
        LogMessage = logMessage;
        LogEvent = LogEvent.Prepared(logMessage, record);
        Record = record;
        EventBridgeEvent = eventBridgeEvent;
        EventName = (record["eventName"] as JsonString)?.Value ?? "";
        EventSource = (record["eventSource"] as JsonString)?.Value ?? "";
        ErrorCode = (record["errorCode"] as JsonString)?.Value;
    }

    /// <summary>File name without extension, e.g. <c>schedule-key-deletion</c>.</summary>
    public string Name { get; }

    public SampleKind Kind { get; }

    public string Description { get; }

    public string EventName { get; }

    public string EventSource { get; }

    /// <summary>The CloudTrail <c>errorCode</c>, null when the call succeeded.</summary>
    public string? ErrorCode { get; }

    /// <summary>The record as CloudTrail writes it to CloudWatch Logs (one JSON object per log event).</summary>
    public string LogMessage { get; }

    public JsonObject Record { get; }

    /// <summary>The log message with its JSON view cached, so repeated evaluations parse it once.</summary>
    internal LogEvent LogEvent { get; }

    /// <summary>The record as EventBridge delivers it: <c>detail-type: AWS API Call via CloudTrail</c>, record under <c>detail</c>.</summary>
    public JsonObject EventBridgeEvent { get; }

    public override string ToString() => Name;
}
