namespace KmsLint.Patterns.Tests;

public class CloudTrailCorpusTests
{
    private static readonly string[] CloudTrailFields =
    {
        "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
        "requestParameters", "responseElements", "requestID", "eventID", "readOnly", "resources", "eventType",
        "managementEvent", "recipientAccountId", "eventCategory",
    };

    [Fact]
    public void Holds_the_lifecycle_events_the_failed_attempt_and_every_required_neighbour()
    {
        var byName = CloudTrailCorpus.Samples.ToDictionary(s => s.Name);

        Assert.Equal(("ScheduleKeyDeletion", SampleKind.LifecycleEvent, (string?)null),
            (byName["schedule-key-deletion"].EventName, byName["schedule-key-deletion"].Kind, byName["schedule-key-deletion"].ErrorCode));
        Assert.Equal(("DisableKey", SampleKind.LifecycleEvent), (byName["disable-key"].EventName, byName["disable-key"].Kind));
        Assert.Equal(("ScheduleKeyDeletion", SampleKind.FailedLifecycleAttempt, "AccessDenied"),
            (byName["schedule-key-deletion-access-denied"].EventName, byName["schedule-key-deletion-access-denied"].Kind, byName["schedule-key-deletion-access-denied"].ErrorCode));
        var neighbours = CloudTrailCorpus.Samples.Where(s => s.Kind == SampleKind.Neighbour).Select(s => (s.EventName, s.EventSource)).ToList();
        Assert.Equal(new[]
        {
            ("Decrypt", "kms.amazonaws.com"), ("Encrypt", "kms.amazonaws.com"), ("GenerateDataKey", "kms.amazonaws.com"),
            ("CreateKey", "kms.amazonaws.com"), ("EnableKey", "kms.amazonaws.com"), ("CancelKeyDeletion", "kms.amazonaws.com"),
            ("DisableKeyRotation", "kms.amazonaws.com"), ("DisableKey", "payment-cryptography.amazonaws.com"),
        }, neighbours);
    }

    [Fact]
    public void Every_record_has_the_real_cloudtrail_field_set()
    {
        foreach (var sample in CloudTrailCorpus.Samples)
        {
            var missing = CloudTrailFields.Where(field => sample.Record[field] == null).ToList();
            Assert.True(missing.Count == 0, $"{sample.Name} lacks {string.Join(", ", missing)}");
            Assert.Equal(("AwsApiCall", "Management"), (((JsonString)sample.Record["eventType"]!).Value, ((JsonString)sample.Record["eventCategory"]!).Value));
        }
    }

    [Fact]
    public void The_log_form_is_the_record_on_one_line()
    {
        var sample = CloudTrailCorpus.Samples.First(s => s.Name == "disable-key");

        Assert.DoesNotContain("\n", sample.LogMessage);
        Assert.StartsWith("{\"eventVersion\":\"1.08\",\"userIdentity\":{", sample.LogMessage);
        Assert.Contains("\"eventName\":\"DisableKey\"", sample.LogMessage);
    }

    [Fact]
    public void The_eventbridge_form_wraps_the_record_as_detail()
    {
        var evt = CloudTrailCorpus.Samples.First(s => s.Name == "schedule-key-deletion").EventBridgeEvent;

        Assert.Equal(new[] { "version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail" }, evt.Members.Select(m => m.Key));
        Assert.Equal("AWS API Call via CloudTrail", ((JsonString)evt["detail-type"]!).Value);
        Assert.Equal("aws.kms", ((JsonString)evt["source"]!).Value);
        Assert.Equal("2026-11-02T09:31:07Z", ((JsonString)evt["time"]!).Value);
        Assert.Empty(((JsonArray)evt["resources"]!).Items);
        Assert.Equal("ScheduleKeyDeletion", ((JsonString)((JsonObject)evt["detail"]!)["eventName"]!).Value);
    }

    [Fact]
    public void The_other_services_event_comes_from_its_own_source()
    {
        var evt = CloudTrailCorpus.Samples.First(s => s.Name == "other-service-disable-key").EventBridgeEvent;

        Assert.Equal("aws.payment-cryptography", ((JsonString)evt["source"]!).Value);
    }
}
