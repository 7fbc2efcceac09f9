namespace KmsLint.Patterns.Tests.Filter;

/// <summary>Single-message semantics of the filter-pattern forms, including the choices made where AWS is silent.</summary>
public class FilterPatternSemanticsTests
{
    private const string Event = "{\"user\":{\"id\":2,\"email\":\"jo@example.com\"},\"ok\":true,\"off\":false,\"gone\":null," +
                                 "\"latency\":1.5e3,\"tags\":[\"a\",\"b\"],\"items\":[{\"id\":7}],\"code\":\"404\"}";

    [Theory]
    [InlineData("{ $.user.id = 2 }", true)]
    [InlineData("{ $.user.id = 2.0 }", true)]
    [InlineData("{ $.user.id = \"2\" }", true)]
    [InlineData("{ $.user.id != 3 }", true)]
    [InlineData("{ $.latency >= 1500 }", true)]
    [InlineData("{ $.latency < 1e3 }", false)]
    [InlineData("{ $.latency > -2 }", true)]
    [InlineData("{ $.code > 400 }", false)] // numeric operators need a JSON number; "404" is a string
    [InlineData("{ $.code = 4* }", true)]
    [InlineData("{ $.user.email = *@example.com }", true)]
    [InlineData("{ $.user.email = JO* }", false)] // case-sensitive
    [InlineData("{ $.tags[1] = b }", true)]
    [InlineData("{ $.tags = a }", false)] // an array is not a value; index it
    [InlineData("{ $.items[0].id = 7 }", true)]
    [InlineData("{ $.items[1].id NOT EXISTS }", true)]
    [InlineData("{ $.ok IS TRUE && $.off IS FALSE }", true)]
    [InlineData("{ $.ok = true }", true)]
    [InlineData("{ $.gone IS NULL }", true)]
    [InlineData("{ $.missing IS NULL }", false)]
    [InlineData("{ $.gone NOT EXISTS }", false)]
    [InlineData("{ $.missing NOT EXISTS }", true)]
    [InlineData("{ $.missing != x }", false)] // choice: '!=' on an absent field does not match
    [InlineData("{ $.gone != x }", false)]
    [InlineData("{ $.user.email = %^jo@% }", true)]
    [InlineData("{ $.user.id = 1 || $.user.id = 2 && $.ok IS FALSE }", false)] // 1 || (2 && false)
    [InlineData("{ ($.user.id = 1 || $.user.id = 2) && $.ok IS TRUE }", true)]
    [InlineData("{ $.user.id = 2 || $.user.id = 1 && $.ok IS FALSE }", true)] // 2 || (...)
    public void Json_pattern_on_a_json_event(string pattern, bool expected)
    {
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(Event));
    }

    [Fact]
    public void A_json_pattern_never_matches_a_message_that_is_not_json()
    {
        Assert.False(FilterPattern.Parse("{ $.eventName NOT EXISTS }").Matches("ERROR eventName missing"));
    }

    [Theory]
    [InlineData("ERROR", "[ERROR] A fatal exception has occurred", true)]
    [InlineData("ERROR", "Exiting with ERRORCODE: -1", true)]
    [InlineData("ERROR -Exiting", "Exiting with ERRORCODE: -1", false)]
    [InlineData("ERROR Exception", "[ERROR] Caught IllegalArgumentException", true)]
    [InlineData("ERROR Exception", "[ERROR] Caught nothing", false)]
    [InlineData("\"Failed to process the request\"", "[WARN] Failed to process the request", true)]
    [InlineData("\"Failed to process the request\"", "[WARN] Failed to process request", false)]
    [InlineData("?ERROR ?WARN", "[WARN] low disk", true)]
    [InlineData("?ERROR ?WARN", "[INFO] fine", false)]
    [InlineData("disk ?ERROR ?WARN", "[WARN] low memory", false)] // choice: plain terms still required alongside '?' terms
    [InlineData("error", "[ERROR] upper case", false)]
    [InlineData("%colou?r%", "the color red", true)]
    [InlineData("%^\\[ERROR%", "[ERROR] x", true)]
    [InlineData("%^\\[ERROR%", "x [ERROR]", false)]
    public void Unstructured_and_regex_patterns(string pattern, string message, bool expected)
    {
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(message));
    }

    private const string AccessLog = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534";

    [Theory]
    [InlineData("[ip, user, username, timestamp, request, status_code, bytes]", true)]
    [InlineData("[ip, user, username, timestamp, request = *GET*, status_code = 2*, bytes > 1000]", true)]
    [InlineData("[ip, user, username, timestamp, request, status_code = 4* || status_code = 5*, bytes]", false)]
    [InlineData("[ip, user, username, timestamp = \"10/Oct/2000:13:25:15 -0700\", ...]", true)]
    [InlineData("[ip, ..., status_code = 200, bytes]", true)]
    [InlineData("[..., bytes = 1534]", true)]
    [InlineData("[ip, user]", false)]
    [InlineData("[ip = %^127\\.%, ...]", true)]
    [InlineData("[ip != 127.0.0.1, ...]", false)]
    public void Space_delimited_patterns(string pattern, bool expected)
    {
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(AccessLog));
    }

    [Fact]
    public void The_empty_pattern_matches_everything()
    {
        Assert.True(FilterPattern.Parse("  ").Matches("anything at all"));
    }
}
