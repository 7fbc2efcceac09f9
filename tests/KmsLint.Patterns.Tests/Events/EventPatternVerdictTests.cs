namespace KmsLint.Patterns.Tests.Events;

/// <summary>EventBridge rule patterns and their verdict against the EventBridge form of the CloudTrail corpus.</summary>
public class EventPatternVerdictTests
{
    private const string KmsApiCall = "\"source\": [\"aws.kms\"], \"detail-type\": [\"AWS API Call via CloudTrail\"]";

    public static TheoryData<string, string, string, bool> Patterns => new()
    {
        // The shape used by widdix security/kms-key.yaml and cfn-modules/kms-key, without the resources filter.
        { "{" + KmsApiCall + ", \"detail\": {\"eventSource\": [\"kms.amazonaws.com\"], \"eventName\": [\"ScheduleKeyDeletion\", \"DisableKey\"]}}", "schedule+disable", "none", true },

        // With "resources": CloudTrail API-call events carry an empty resources list, so this rule never fires.
        { "{" + KmsApiCall + ", \"resources\": [\"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"], \"detail\": {\"eventName\": [\"ScheduleKeyDeletion\", \"DisableKey\"]}}", "no lifecycle event", "none", false },

        { "{\"detail\": {\"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"]}}", "schedule+disable", "other-service-disable-key", true },
        { "{" + KmsApiCall + ", \"detail\": {\"eventName\": [\"DisableKey\"]}}", "disable only", "none", false },
        { "{\"source\": [\"aws.kms\"], \"detail-type\": [\"KMS Key State Change\"], \"detail\": {\"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"]}}", "no lifecycle event", "none", false },
        { "{\"source\": [\"kms.amazonaws.com\"], \"detail\": {\"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"]}}", "no lifecycle event", "none", false },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [{\"prefix\": \"Disable\"}, \"ScheduleKeyDeletion\"]}}", "schedule+disable", "disable-key-rotation", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [{\"suffix\": \"KeyDeletion\"}]}}", "schedule only", "cancel-key-deletion", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [{\"prefix\": {\"equals-ignore-case\": \"disablekey\"}}]}}", "disable only", "disable-key-rotation", false },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [{\"equals-ignore-case\": \"disablekey\"}, {\"equals-ignore-case\": \"SCHEDULEKEYDELETION\"}]}}", "schedule+disable", "none", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [{\"wildcard\": \"*Key*Deletion\"}, \"DisableKey\"]}}", "schedule+disable", "cancel-key-deletion", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [{\"anything-but\": [\"Decrypt\", \"Encrypt\", \"GenerateDataKey\"]}]}}", "schedule+disable", "create-key,enable-key,cancel-key-deletion,disable-key-rotation", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"readOnly\": [false], \"eventName\": [{\"anything-but\": {\"prefix\": \"Create\"}}]}}", "schedule+disable", "enable-key,cancel-key-deletion,disable-key-rotation", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"readOnly\": [false], \"eventName\": [{\"anything-but\": {\"suffix\": \"Key\"}}]}}", "schedule only", "cancel-key-deletion,disable-key-rotation", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"readOnly\": [false], \"eventName\": [{\"anything-but\": {\"equals-ignore-case\": [\"createkey\", \"enablekey\"]}}]}}", "schedule+disable", "cancel-key-deletion,disable-key-rotation", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"readOnly\": [false], \"eventName\": [{\"anything-but\": {\"wildcard\": \"*Key\"}}]}}", "schedule only", "cancel-key-deletion,disable-key-rotation", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"], \"errorCode\": [{\"exists\": false}]}}", "schedule+disable", "none", false },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"errorCode\": [{\"exists\": true}]}}", "no lifecycle event", "none", true },
        { "{\"source\": [\"aws.kms\"], \"$or\": [{\"detail\": {\"eventName\": [\"DisableKey\"]}}, {\"detail\": {\"eventName\": [\"ScheduleKeyDeletion\"], \"errorCode\": [{\"exists\": false}]}}]}", "schedule+disable", "none", false },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"requestParameters\": {\"pendingWindowInDays\": [{\"numeric\": [\">=\", 7, \"<=\", 30]}]}}}", "schedule only", "none", false },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"requestParameters\": {\"pendingWindowInDays\": [{\"numeric\": [\"<\", 7]}]}}}", "no lifecycle event", "none", false },
        { "{\"detail\": {\"sourceIPAddress\": [{\"cidr\": \"203.0.113.0/24\"}], \"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"]}}", "schedule+disable", "other-service-disable-key", false },
        { "{\"detail\": {\"resources\": {\"type\": [\"AWS::KMS::Key\"]}, \"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"]}}", "schedule+disable", "none", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"], \"responseElements\": [null]}}", "disable only", "none", true },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"responseElements\": {\"pendingWindowInDays\": [7.0]}}}", "schedule only", "none", false },
        { "{\"source\": [\"aws.kms\"], \"detail\": {\"responseElements\": {\"pendingWindowInDays\": [\"7\"]}}}", "no lifecycle event", "none", false },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Pattern_gets_the_expected_verdict_against_the_corpus(string pattern, string lifecycle, string neighbours, bool failedAttempt)
    {
        var verdict = CloudTrailCorpus.Evaluate(EventPattern.Parse(pattern));

        Assert.Equal(Verdicts.Expect(lifecycle, neighbours, failedAttempt), Verdicts.Describe(verdict));
    }
}
