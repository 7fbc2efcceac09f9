using KmsLint.Patterns;

namespace KmsLint.Patterns.Tests;

/// <summary>Admits: what a pattern names for a field, whatever else it requires (how "meant for key lifecycle" is decided).</summary>
public class PatternIntentTests
{
    [Theory]
    [InlineData("{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}", "DisableKey", true)]
    [InlineData("{($.eventSource=kms.amazonaws.com)&&($.eventName=DisableKey)&&($.eventName=ScheduleKeyDeletion)}", "ScheduleKeyDeletion", true)]
    [InlineData("{ $.eventName = Disable* }", "DisableKey", true)]
    [InlineData("{ $.eventName = DisableKeyRotation }", "DisableKey", false)]
    [InlineData("{ $.eventName != DisableKey }", "DisableKey", false)]
    [InlineData("{ $.eventSource = kms.amazonaws.com }", "DisableKey", null)]
    [InlineData("?DisableKey ?ScheduleKeyDeletion", "ScheduleKeyDeletion", true)]
    [InlineData("AccessDenied", "DisableKey", false)]
    [InlineData("%Schedule.*Deletion%", "ScheduleKeyDeletion", true)]
    public void A_filter_pattern_names_an_event_name_by_equality_wildcard_term_or_regex(string pattern, string eventName, bool? expected)
    {
        Assert.Equal(expected, FilterPattern.Parse(pattern).Admits("eventName", eventName));
    }

    [Theory]
    [InlineData("""{"source": ["aws.kms"], "detail": {"eventName": ["DisableKey"]}}""", "detail.eventName", "DisableKey", true)]
    [InlineData("""{"detail": {"eventName": [{"prefix": "Schedule"}]}}""", "detail.eventName", "ScheduleKeyDeletion", true)]
    [InlineData("""{"detail": {"eventName": ["AssociateKmsKey"]}, "source": ["aws.logs"]}""", "detail.eventName", "DisableKey", false)]
    [InlineData("""{"source": ["aws.logs"], "detail": {"eventSource": ["logs.amazonaws.com"]}}""", "detail.eventName", "DisableKey", null)]
    [InlineData("""{"source": ["aws.kms"], "$or": [{"detail": {"eventName": ["CreateKey"]}}, {"detail": {"eventName": ["DisableKey"]}}]}""", "detail.eventName", "DisableKey", true)]
    [InlineData("""{"source": ["aws.kms"]}""", "source", "aws.kms", true)]
    [InlineData("""{"source": ["kms.amazonaws.com"]}""", "source", "aws.kms", false)]
    public void An_event_pattern_names_a_value_of_a_field_in_any_branch(string pattern, string path, string value, bool? expected)
    {
        Assert.Equal(expected, EventPattern.Parse(pattern).Admits(path, value));
    }
}
