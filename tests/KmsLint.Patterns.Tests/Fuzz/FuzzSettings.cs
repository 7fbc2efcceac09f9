namespace KmsLint.Patterns.Tests.Fuzz;

internal static class FuzzSettings
{
    /// <summary>
    /// Inputs per property: KMSLINT_FUZZ_ITERATIONS, 2,000 by default so the normal suite stays fast.
    /// Long run: <c>KMSLINT_FUZZ_ITERATIONS=1000000 dotnet test tests/KmsLint.Patterns.Tests --filter Category=Fuzz</c>.
    /// </summary>
    public static long Iterations =>
        long.TryParse(Environment.GetEnvironmentVariable("KMSLINT_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 2_000;

    /// <summary>Filter patterns as they appear in real templates (SOURCES.md) plus one of each other form.</summary>
    public static readonly string[] RealFilterPatterns =
    {
        "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}",
        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
        "{\n  ($.eventSource = kms.amazonaws.com) &&\n  (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))\n}",
        "{ ($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion)) }",
        "{($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion))}",
        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }",
        "{$.userIdentity.type=\"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !=\"AwsServiceEvent\"}",
        "{ $.requestParameters.pendingWindowInDays <= 7 && $.responseElements IS NULL && $.readOnly IS FALSE }",
        "{ $.eventSource = kms* && $.errorMessage = \"* is pending deletion.\"}",
        "{ $.resources[0].type = \"AWS::KMS::Key\" && $.eventName = %^DisableKey$% }",
        "?ScheduleKeyDeletion ?DisableKey -AccessDenied \"kms.amazonaws.com\"",
        "%ScheduleKeyDeletion|DisableKey%",
        "[ip, user, username, timestamp, request = *GET*, status_code = 4* || status_code = 5*, ..., bytes > 1000]",
    };

    public static readonly string[] RealEventPatterns =
    {
        "{\"source\": [\"aws.kms\"], \"detail-type\": [\"AWS API Call via CloudTrail\"], \"detail\": {\"eventSource\": [\"kms.amazonaws.com\"], \"eventName\": [\"ScheduleKeyDeletion\", \"DisableKey\"]}}",
        "{\"source\": [\"aws.kms\"], \"$or\": [{\"detail\": {\"eventName\": [{\"prefix\": \"Disable\"}]}}, {\"detail\": {\"eventName\": [{\"wildcard\": \"Schedule*\"}], \"errorCode\": [{\"exists\": false}]}}]}",
        "{\"detail\": {\"eventName\": [{\"anything-but\": {\"equals-ignore-case\": [\"decrypt\", \"encrypt\"]}}], \"requestParameters\": {\"pendingWindowInDays\": [{\"numeric\": [\">=\", 7, \"<\", 31]}]}, \"sourceIPAddress\": [{\"cidr\": \"203.0.113.0/24\"}]}}",
        "{\"detail\": {\"eventName\": [{\"suffix\": {\"equals-ignore-case\": \"key\"}}, {\"anything-but\": [1, 2]}, null, true, 3.5e2]}}",
    };
}
