namespace KmsLint.Patterns.Tests.Filter;

/// <summary>
/// Filter patterns seen in real templates (see /work/shared/corpus/SOURCES.md) and their variants, each with the
/// verdict it gets against the CloudTrail corpus. This is the table KMS200/201/202 decisions rest on.
/// </summary>
public class FilterPatternVerdictTests
{
    private const string AllKmsNeighbours =
        "decrypt,encrypt,generate-data-key,create-key,enable-key,cancel-key-deletion,disable-key-rotation";

    public static TheoryData<string, string, string, bool> Patterns => new()
    {
        // The two published spellings (Security Hub CloudWatch.7, CIS benchmark).
        { "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}", "schedule+disable", "none", true },
        { "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }", "schedule+disable", "none", true },

        // Spellings found in the template corpus: YAML literal block with newlines (#2, #4, #5), virtualjj, widdix, Evident.
        { "{\n  ($.eventSource = kms.amazonaws.com) &&\n  (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))\n}", "schedule+disable", "none", true },
        { "{ ($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion)) }", "schedule+disable", "none", true },
        { "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}", "schedule+disable", "none", true },
        { "{($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion))}", "schedule+disable", "none", true },

        // Reformatted, reordered, quoted, tabs and CRLF.
        { "{ (($.eventName = ScheduleKeyDeletion) || ($.eventName = DisableKey)) && ($.eventSource = kms.amazonaws.com) }", "schedule+disable", "none", true },
        { "{ ($.eventSource = \"kms.amazonaws.com\") && (($.eventName = \"DisableKey\") || ($.eventName = \"ScheduleKeyDeletion\")) }", "schedule+disable", "none", true },
        { "{\t$.eventSource\t=\tkms.amazonaws.com\r\n&& ( $.eventName = DisableKey\r\n|| $.eventName = ScheduleKeyDeletion ) }", "schedule+disable", "none", true },

        // Precedence: && binds tighter than ||, so these two differ only in whether the other service's DisableKey counts.
        { "{ $.eventSource = kms.amazonaws.com && $.eventName = DisableKey || $.eventSource = kms.amazonaws.com && $.eventName = ScheduleKeyDeletion }", "schedule+disable", "none", true },
        { "{ $.eventName = DisableKey || $.eventName = ScheduleKeyDeletion && $.eventSource = kms.amazonaws.com }", "schedule+disable", "other-service-disable-key", true },

        // Wildcards.
        { "{ ($.eventSource = kms*) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }", "schedule+disable", "none", true },
        { "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = Disable*) || ($.eventName = ScheduleKeyDeletion)) }", "schedule+disable", "disable-key-rotation", true },
        { "{ ($.eventSource = kms.amazonaws.com) && ($.eventName = *Key*) }", "schedule+disable", "generate-data-key,create-key,enable-key,cancel-key-deletion,disable-key-rotation", true },

        // Wrong logic, wrong source, typos.
        { "{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)&&($.eventName=ScheduleKeyDeletion)) }", "no lifecycle event", "none", false },
        { "{ ($.eventSource = kms.amazon.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }", "no lifecycle event", "none", false },
        { "{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKeys)||($.eventName=ScheduleKeyDeletion)) }", "schedule only", "none", true },
        { "{ ($.eventsource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }", "no lifecycle event", "none", false },
        { "{ ($.eventSource = KMS.amazonaws.com) && (($.eventName=disablekey)||($.eventName=ScheduleKeyDeletion)) }", "no lifecycle event", "none", false },
        { "{ ($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion) }", "schedule+disable", "other-service-disable-key", true },
        { "{ $.eventName = ScheduleKeyDeletion }", "schedule only", "none", true },
        { "{ $.eventSource = kms.amazonaws.com }", "schedule+disable", AllKmsNeighbours, true },
        { "{ $.eventSource = kms* && $.errorMessage = \"* is pending deletion.\"}", "no lifecycle event", "none", false },

        // The failed attempt: excluding it is fine; '!=' on the absent errorCode matches nothing (see JsonComparison).
        { "{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) && ($.errorCode NOT EXISTS) }", "schedule+disable", "none", false },
        { "{ ($.eventSource = kms.amazonaws.com) && ($.eventName = ScheduleKeyDeletion || $.eventName = DisableKey) && $.errorCode != \"AccessDenied\" }", "no lifecycle event", "none", false },
        { "{ $.eventSource = kms.amazonaws.com && $.errorCode = \"AccessDenied*\" }", "no lifecycle event", "none", true },

        // Other selectors and operators.
        { "{ $.requestParameters.pendingWindowInDays <= 7 }", "schedule only", "none", false },
        { "{ $.requestParameters.pendingWindowInDays > 7 }", "no lifecycle event", "none", false },
        { "{ $.responseElements.pendingWindowInDays = 7 && $.eventSource = kms.amazonaws.com }", "schedule only", "none", false },
        { "{ $.readOnly IS FALSE && $.eventSource = kms.amazonaws.com }", "schedule+disable", "create-key,enable-key,cancel-key-deletion,disable-key-rotation", true },
        { "{ $.eventName = DisableKey && $.responseElements IS NULL }", "disable only", "none", false },
        { "{ $.resources[0].type = \"AWS::KMS::Key\" && ($.eventName = DisableKey || $.eventName = ScheduleKeyDeletion) }", "schedule+disable", "none", true },
        { "{ $.eventSource = kms.amazonaws.com && $.eventName = %^DisableKey$|^ScheduleKeyDeletion$% }", "schedule+disable", "none", true },

        // Unstructured terms and regexes see the raw one-line JSON.
        { "ScheduleKeyDeletion", "schedule only", "none", true },
        { "DisableKey", "disable only", "disable-key-rotation,other-service-disable-key", false },
        { "?ScheduleKeyDeletion ?DisableKey", "schedule+disable", "disable-key-rotation,other-service-disable-key", true },
        { "\"\\\"eventName\\\":\\\"DisableKey\\\"\" kms.amazonaws.com", "disable only", "none", false },
        { "ScheduleKeyDeletion -AccessDenied", "schedule only", "none", false },
        { "%ScheduleKeyDeletion|DisableKey%", "schedule+disable", "disable-key-rotation,other-service-disable-key", true },
        { "%eventName.:.DisableKey.,%", "disable only", "other-service-disable-key", false },

        // Space-delimited: the one-line record splits at the spaces inside userAgent and errorMessage values.
        { "[..., field = *ScheduleKeyDeletion*, ...]", "schedule only", "none", true },
        { "[..., field = *\"eventName\":\"DisableKey\"*, ...]", "disable only", "other-service-disable-key", false },

        // The empty pattern matches every event.
        { "", "schedule+disable", AllKmsNeighbours + ",other-service-disable-key", true },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Pattern_gets_the_expected_verdict_against_the_corpus(string pattern, string lifecycle, string neighbours, bool failedAttempt)
    {
        var verdict = CloudTrailCorpus.Evaluate(FilterPattern.Parse(pattern));

        Assert.Equal(Verdicts.Expect(lifecycle, neighbours, failedAttempt), Verdicts.Describe(verdict));
    }

    [Theory]
    [InlineData("{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)&&($.eventName=ScheduleKeyDeletion)) }")]
    [InlineData("{ $.eventSource = kms.amazonaws.com && $.errorCode != \"AccessDenied\" && $.eventName = DisableKey }")]
    public void A_pattern_that_never_fires_matches_nothing(string pattern)
    {
        Assert.True(CloudTrailCorpus.Evaluate(FilterPattern.Parse(pattern)).MatchesNothing);
    }

    [Fact]
    public void The_CIS_pattern_matches_both_lifecycle_events_and_is_not_nothing()
    {
        var verdict = CloudTrailCorpus.Evaluate(FilterPattern.Parse(SecurityHubPattern.AcceptedTexts[0]));

        Assert.True(verdict.MatchesBothLifecycleEvents);
        Assert.False(verdict.MatchesNothing);
        Assert.Empty(verdict.MatchedNeighbours);
    }
}
