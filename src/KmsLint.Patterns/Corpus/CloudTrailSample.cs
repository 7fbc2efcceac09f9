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

    /// <summary>
    /// The number a metric filter's <c>MetricValue</c> publishes for this record: a literal number, or the value of a
    /// <c>$.field</c> selector when it is a number (or a numeric string); null when the record yields none.
    /// </summary>
    public double? MetricValue(string metricValue) =>
        FilterValue.ParseNumber(metricValue.Trim()) is { } literal ? literal
        : Select(metricValue) switch
        {
            JsonNumber number => number.Value,
            JsonString text => FilterValue.ParseNumber(text.Value),
            _ => null,
        };

    /// <summary>The text a <c>$.field</c> selector takes from this record (a metric filter dimension's value); null when absent.</summary>
    public string? FieldText(string selector) => Select(selector) switch
    {
        JsonString text => text.Value,
        JsonNumber number => number.Text,
        JsonBool flag => flag.Value ? "true" : "false",
        _ => null,
    };

    private JsonValue? Select(string selector)
    {
        if (!selector.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var scanner = new FilterScanner(selector);
            var selected = JsonSelector.Parse(scanner).Select(Record);
            return scanner.AtEnd ? selected : null;
        }
        catch (PatternSyntaxException)
        {
            return null;
        }
    }

    public override string ToString() => Name;
}
