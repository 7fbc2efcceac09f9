namespace KmsLint.Patterns;

/// <summary>
/// The embedded corpus of real-shaped CloudTrail records (Corpus/Samples/*.json) and the verdict a pattern gets
/// against it. Parsed once, on first use; each sample keeps its log event pre-parsed so one evaluation is a few
/// microseconds.
/// </summary>
public static class CloudTrailCorpus
{
    /// <summary>
    /// Every sample with its role. Decision on the failed attempt: an AccessDenied ScheduleKeyDeletion is an
    /// attacker's probe worth seeing, so a pattern may match it; but the CIS control targets successful changes,
    /// so a pattern that skips it (e.g. tests <c>$.errorCode NOT EXISTS</c>) is not an error either.
    /// </summary>
    private static readonly ManifestEntry[] Manifest =
    {
        new("schedule-key-deletion", SampleKind.LifecycleEvent, "ScheduleKeyDeletion with a 7-day window, by an admin role from the CLI"),
        new("disable-key", SampleKind.LifecycleEvent, "DisableKey by an admin role from the CLI"),
        new("schedule-key-deletion-access-denied", SampleKind.FailedLifecycleAttempt, "ScheduleKeyDeletion refused with AccessDenied (a probe by a CI role)"),
        new("decrypt", SampleKind.Neighbour, "Decrypt invoked by S3 for an SSE-KMS object read"),
        new("encrypt", SampleKind.Neighbour, "Encrypt by an application role through an alias"),
        new("generate-data-key", SampleKind.Neighbour, "GenerateDataKey (AES_256) by an application role"),
        new("create-key", SampleKind.Neighbour, "CreateKey of a symmetric customer managed key"),
        new("enable-key", SampleKind.Neighbour, "EnableKey: re-enabling is recovery, not a threat"),
        new("cancel-key-deletion", SampleKind.Neighbour, "CancelKeyDeletion: stopping a deletion is recovery, not a threat"),
        new("disable-key-rotation", SampleKind.Neighbour, "DisableKeyRotation: shares the 'DisableKey' prefix, but the key keeps working"),

        // Synthetic on purpose: no AWS service but KMS emits an event named DisableKey today. The record shows what
        // a pattern that never tests eventSource would also count if any other source (a future API, another
        // service's similarly named call) used the name.
        new("other-service-disable-key", SampleKind.Neighbour, "DisableKey from payment-cryptography.amazonaws.com (synthetic): same name, not KMS"),
    };

    private static readonly Lazy<IReadOnlyList<CloudTrailSample>> Loaded = new(Load);

    public static IReadOnlyList<CloudTrailSample> Samples => Loaded.Value;

    /// <summary>Evaluates a filter pattern against the CloudWatch Logs form of every record.</summary>
    public static PatternVerdict Evaluate(FilterPattern pattern)
    {
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));
        return new PatternVerdict(Samples.Where(s => pattern.Matches(s.LogEvent)).ToList());
    }

    /// <summary>Evaluates an event pattern against the EventBridge form ("AWS API Call via CloudTrail") of every record.</summary>
    public static PatternVerdict Evaluate(EventPattern pattern)
    {
        if (pattern is null) throw new ArgumentNullException(nameof(pattern));
        return new PatternVerdict(Samples.Where(s => pattern.Matches(s.EventBridgeEvent)).ToList());
    }

    private static IReadOnlyList<CloudTrailSample> Load()
    {
        var assembly = typeof(CloudTrailCorpus).Assembly;
        var samples = new List<CloudTrailSample>(Manifest.Length);
        foreach (var entry in Manifest)
        {
            using var stream = assembly.GetManifestResourceStream($"CloudTrail/{entry.Name}.json")
                ?? throw new InvalidOperationException($"embedded CloudTrail sample {entry.Name}.json is missing from the build");
            using var reader = new StreamReader(stream);
            var record = (JsonObject)Json.Parse(reader.ReadToEnd());
            samples.Add(new CloudTrailSample(entry.Name, entry.Kind, entry.Description, JsonWriter.Compact(record), record, WrapForEventBridge(record)));
        }

        return samples;
    }

    /// <summary>The envelope EventBridge puts around a CloudTrail management event.</summary>
    private static JsonObject WrapForEventBridge(JsonObject record)
    {
        var source = ((JsonString)record["eventSource"]!).Value;
        var service = source.EndsWith(".amazonaws.com", StringComparison.Ordinal) ? source.Substring(0, source.Length - ".amazonaws.com".Length) : source;
        var eventId = ((JsonString)record["eventID"]!).Value;
        return new JsonObject(new[]
        {
            Member("version", new JsonString("0")),
            Member("id", new JsonString(StableEnvelopeId(eventId))),
            Member("detail-type", new JsonString("AWS API Call via CloudTrail")),
            Member("source", new JsonString("aws." + service)),
            Member("account", record["recipientAccountId"]!),
            Member("time", record["eventTime"]!),
            Member("region", record["awsRegion"]!),
            Member("resources", new JsonArray(Array.Empty<JsonValue>())),
            Member("detail", record),
        });
    }

    /// <summary>EventBridge gives the envelope its own id; derive a stable one so the corpus is deterministic.</summary>
    /// <remarks>A plain loop: <c>Enumerable.Reverse&lt;char&gt;</c> would be JIT-compiled on every start.</remarks>
    private static string StableEnvelopeId(string eventId)
    {
        var reversed = new char[eventId.Length];
        for (var i = 0; i < reversed.Length; i++)
        {
            reversed[i] = eventId[eventId.Length - 1 - i];
        }

        return new string(reversed);
    }

    private static KeyValuePair<string, JsonValue> Member(string name, JsonValue value) => new(name, value);

    /// <summary>A class, not a tuple: generic code over value types is JIT-compiled at start-up even in a ReadyToRun build.</summary>
    private sealed record ManifestEntry(string Name, SampleKind Kind, string Description);
}
