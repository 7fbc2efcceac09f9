namespace KmsLint.Patterns.Tests;

public class SecurityHubPatternTests
{
    [Theory]
    [InlineData("{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}", true)]
    [InlineData("{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }", true)]
    [InlineData("{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion)) }", false)] // '||' spaced
    [InlineData("{ ($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}", false)] // one space
    [InlineData("{\n  ($.eventSource = kms.amazonaws.com) &&\n  (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))\n}", false)]
    public void Only_the_exact_published_texts_are_accepted(string text, bool accepted)
    {
        Assert.Equal(accepted, SecurityHubPattern.IsAcceptedText(text));
    }

    [Fact]
    public void Every_accepted_text_parses_and_matches_both_lifecycle_events_and_no_neighbour()
    {
        foreach (var text in SecurityHubPattern.AcceptedTexts)
        {
            var verdict = CloudTrailCorpus.Evaluate(FilterPattern.Parse(text));
            Assert.True(verdict.MatchesBothLifecycleEvents && verdict.MatchedNeighbours.Count == 0, text);
        }
    }
}
