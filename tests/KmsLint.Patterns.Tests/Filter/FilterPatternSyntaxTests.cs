namespace KmsLint.Patterns.Tests.Filter;

/// <summary>Broken filter patterns: each is rejected with a position KMS204 can point at.</summary>
public class FilterPatternSyntaxTests
{
    public static TheoryData<string, int, int, string> BrokenPatterns => new()
    {
        // Unbalanced parentheses: the unclosed '(' is reported, not the end of the text.
        { "{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion) }", 1, 42, "unbalanced '('" },
        { "{ ($.eventSource = kms.amazonaws.com)) }", 1, 38, "unbalanced ')'" },
        { "{ ($.eventSource = kms.amazonaws.com) && ($.eventName == DisableKey) }", 1, 55, "'=='" },
        { "{\n  ($.eventSource = kms.amazonaws.com) &&\n  (($.eventName=DisableKey) || ($.eventName=)\n}", 3, 45, "expected a value" },
        { "{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))", 1, 103, "expected '}'" },
        { "{ $.eventName = DisableKey || }", 1, 31, "expected a condition" },
        { "{ eventName = DisableKey }", 1, 3, "selector starting with '$.'" },
        { "{ $.eventName = DisableKey } trailing", 1, 30, "after the closing '}'" },
        { "{}", 1, 2, "empty JSON filter pattern" },
        { "{ $.* = DisableKey }", 1, 5, "wildcard selectors" },
        { "{ $. = DisableKey }", 1, 5, "field name" },
        { "{ $.resources[x].type = key }", 1, 15, "array index" },
        { "{ $.requestParameters.pendingWindowInDays < seven }", 1, 45, "needs a number" },
        { "{ $.responseElements IS null }", 1, 25, "NULL, TRUE or FALSE" },
        { "{ $.errorCode NOT THERE }", 1, 19, "EXISTS" },
        { "{ $.eventName DisableKey }", 1, 15, "expected an operator" },
        { "{ $.eventName = \"DisableKey }", 1, 17, "unterminated quoted string" },
        { "{ $.eventName = %^(DisableKey|ScheduleKeyDeletion)$% }", 1, 19, "parentheses are not supported" },
        { "{ $.a = %a% || $.b = %b% || $.c = %c% }", 1, 35, "at most 2 regular expressions" },
        { "%\"eventName\":\"DisableKey\"%", 1, 2, "not allowed in a filter-pattern regular expression" },
        { "%ScheduleKeyDeletion", 1, 1, "unterminated regular expression" },
        { "%Schedule% DisableKey", 1, 12, "after the closing '%'" },
        { "%[a-%", 1, 2, "invalid regular expression" },
        { "\"ScheduleKeyDeletion", 1, 1, "unterminated quoted string" },
        { "Schedule\"KeyDeletion\"", 1, 9, "a quote inside a term" },
        { "[ip, user", 1, 10, "expected ',' or ']'" },
        { "[ip, ip]", 1, 6, "used twice" },
        { "[w1 = ERROR || w2 = WARN, w2]", 1, 16, "may only test 'w1'" },
        { "[w1 < many]", 1, 5, "needs a number" },
    };

    [Theory]
    [MemberData(nameof(BrokenPatterns))]
    public void Broken_pattern_is_rejected_at_the_offending_position(string pattern, int line, int column, string reason)
    {
        var error = Assert.Throws<PatternSyntaxException>(() => FilterPattern.Parse(pattern));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void TryParse_reports_the_error_instead_of_throwing()
    {
        Assert.False(FilterPattern.TryParse("{ ($.eventName = DisableKey }", out var pattern, out var error));
        Assert.Null(pattern);
        Assert.Equal(3, error!.Column);
    }

    [Fact]
    public void TryParse_returns_the_pattern_with_its_text()
    {
        Assert.True(FilterPattern.TryParse("{ $.eventName = DisableKey }", out var pattern, out var error));
        Assert.Null(error);
        Assert.Equal("{ $.eventName = DisableKey }", pattern!.Text);
    }

    [Fact]
    public void A_pattern_of_1024_characters_is_accepted_and_one_more_is_rejected_at_character_1025()
    {
        var condition = "($.eventName = DisableKey)";
        var body = string.Join(" || ", Enumerable.Repeat(condition, 30));
        var atLimit = ("{ " + body).PadRight(PatternLimits.MaxFilterPatternLength - 1) + "}";
        Assert.Equal(1024, atLimit.Length);

        FilterPattern.Parse(atLimit);
        var error = Assert.Throws<PatternSyntaxException>(() => FilterPattern.Parse(atLimit + " "));
        Assert.Equal(1025, error.Column);
        Assert.Contains("at most 1024", error.Message);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    [InlineData(500, false)]
    public void Parenthesis_nesting_is_bounded(int depth, bool accepted)
    {
        var pattern = "{" + new string('(', depth) + "$.a=1" + new string(')', depth) + "}";

        if (accepted) FilterPattern.Parse(pattern);
        else Assert.Contains("nested deeper than 64", Assert.Throws<PatternSyntaxException>(() => FilterPattern.Parse(pattern)).Message);
    }

    [Fact]
    public void Null_text_is_a_syntax_error_not_a_null_reference()
    {
        Assert.Throws<PatternSyntaxException>(() => FilterPattern.Parse(null!));
    }
}
