namespace KmsLint.Patterns.Tests.Events;

/// <summary>Operator semantics on small events, and the validation errors EventBridge would give.</summary>
public class EventPatternSemanticsTests
{
    private static readonly JsonValue Event = Json.Parse(
        "{\"source\": \"aws.ec2\", \"resources\": [\"arn:a\", \"arn:b\"], \"detail\": {\"state\": \"running\", \"c-count\": 5," +
        " \"x-limit\": 301.8, \"source-ip\": \"10.0.0.33\", \"v6\": \"2001:db8::1\", \"nested\": {\"n\": 1}, \"tags\": [\"x\", [\"y\"]]," +
        " \"items\": [{\"k\": \"a\", \"v\": 1}, {\"k\": \"b\", \"v\": 2}], \"nothing\": null, \"star\": \"a*b\", \"empty\": []}}");

    [Theory]
    [InlineData("{\"resources\": [\"arn:b\", \"arn:z\"]}", true)] // event array intersects pattern list
    [InlineData("{\"resources\": [\"arn:z\"]}", false)]
    [InlineData("{\"source\": [\"aws.ec2\"], \"detail\": {\"state\": [\"stopped\"]}}", false)] // fields AND
    [InlineData("{\"detail\": {\"c-count\": [5.0]}}", true)]
    [InlineData("{\"detail\": {\"c-count\": [\"5\"]}}", false)]
    [InlineData("{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 0, \"<=\", 5]}]}}", true)]
    [InlineData("{\"detail\": {\"x-limit\": [{\"numeric\": [\"=\", 3.018e2]}]}}", true)]
    [InlineData("{\"detail\": {\"state\": [{\"numeric\": [\">\", 0]}]}}", false)]
    [InlineData("{\"detail\": {\"state\": [{\"anything-but\": \"initializing\"}]}}", true)]
    [InlineData("{\"detail\": {\"missing\": [{\"anything-but\": \"initializing\"}]}}", false)] // anything-but needs the field
    [InlineData("{\"detail\": {\"c-count\": [{\"anything-but\": [100, 200]}]}}", true)]
    [InlineData("{\"detail\": {\"c-count\": [{\"anything-but\": 5}]}}", false)]
    [InlineData("{\"detail\": {\"source-ip\": [{\"cidr\": \"10.0.0.0/24\"}]}}", true)]
    [InlineData("{\"detail\": {\"source-ip\": [{\"cidr\": \"10.0.1.0/24\"}]}}", false)]
    [InlineData("{\"detail\": {\"v6\": [{\"cidr\": \"2001:db8::/32\"}]}}", true)]
    [InlineData("{\"detail\": {\"missing\": [{\"exists\": false}]}}", true)]
    [InlineData("{\"detail\": {\"nested\": [{\"exists\": true}]}}", false)] // exists only sees leaf values
    [InlineData("{\"detail\": {\"nested\": [{\"exists\": false}]}}", true)]
    [InlineData("{\"detail\": {\"empty\": [{\"exists\": false}]}}", true)]
    [InlineData("{\"detail\": {\"nothing\": [null]}}", true)]
    [InlineData("{\"detail\": {\"nothing\": [{\"exists\": true}]}}", true)]
    [InlineData("{\"detail\": {\"tags\": [\"y\"]}}", true)] // nested event arrays are flattened
    [InlineData("{\"detail\": {\"items\": {\"k\": [\"a\"], \"v\": [1]}}}", true)]
    [InlineData("{\"detail\": {\"items\": {\"k\": [\"a\"], \"v\": [2]}}}", false)] // both fields from the same element
    [InlineData("{\"detail\": {\"star\": [{\"wildcard\": \"a\\\\*b\"}]}}", true)]
    [InlineData("{\"detail\": {\"star\": [{\"wildcard\": \"a\\\\*c\"}]}}", false)]
    [InlineData("{\"detail\": {\"state\": [{\"wildcard\": \"r*n*g\"}]}}", true)]
    [InlineData("{\"missing\": {\"deeper\": [{\"exists\": false}]}}", true)]
    [InlineData("{\"$or\": [{\"source\": [\"aws.s3\"]}, {\"detail\": {\"state\": [\"running\"]}}]}", true)]
    [InlineData("{\"$or\": [{\"source\": [\"aws.s3\"]}, {\"detail\": {\"state\": [\"stopped\"]}}]}", false)]
    [InlineData("{\"detail\": {\"$or\": [{\"state\": [\"stopped\"]}, {\"c-count\": [5]}]}}", true)]
    public void Operator_semantics(string pattern, bool expected)
    {
        Assert.Equal(expected, EventPattern.Parse(pattern).Matches(Event));
    }

    public static TheoryData<string, int, int, string> InvalidPatterns => new()
    {
        { "{\"source\": \"aws.kms\"}", 1, 12, "must be a list" },
        { "[\"aws.kms\"]", 1, 1, "must be a JSON object" },
        { "{}", 1, 1, "empty pattern object" },
        { "{\"source\": []}", 1, 12, "empty value list" },
        { "{\"source\": [[\"aws.kms\"]]}", 1, 13, "cannot contain a list" },
        { "{\"source\": [{\"prefx\": \"aws\"}]}", 1, 13, "unknown matcher \"prefx\"" },
        { "{\"source\": [{\"prefix\": \"aws\", \"suffix\": \"kms\"}]}", 1, 13, "exactly one key" },
        { "{\"source\": [{\"prefix\": 1}]}", 1, 24, "expects a string" },
        { "{\"n\": [{\"numeric\": [\">\", \"0\"]}]}", 1, 26, "expects a number" },
        { "{\"n\": [{\"numeric\": [\"!=\", 0]}]}", 1, 21, "operator must be one of" },
        { "{\"n\": [{\"numeric\": [\">\", 5, \"<\", 1]}]}", 1, 20, "lower bound must be below" },
        { "{\"n\": [{\"numeric\": [\">\", 1e10]}]}", 1, 26, "-5.0e9 and 5.0e9" },
        { "{\"s\": [{\"wildcard\": \"a**b\"}]}", 1, 21, "consecutive wildcard" },
        { "{\"s\": [{\"wildcard\": \"a\\\\b\"}]}", 1, 21, "backslash" },
        { "{\"s\": [{\"anything-but\": [\"a\", 1]}]}", 1, 25, "only strings or only numbers" },
        { "{\"s\": [{\"anything-but\": {\"numeric\": [\">\", 1]}}]}", 1, 25, "does not take \"numeric\"" },
        { "{\"s\": [{\"exists\": \"yes\"}]}", 1, 19, "true or false" },
        { "{\"ip\": [{\"cidr\": \"10.0.0.0/33\"}]}", 1, 18, "CIDR block" },
        { "{\"ip\": [{\"cidr\": \"10.0/8\"}]}", 1, 18, "CIDR block" },
        { "{\n  \"detail\": {\n    \"eventName\": \"DisableKey\"\n  }\n}", 3, 18, "detail.eventName" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatterns))]
    public void Invalid_pattern_is_rejected_at_the_offending_value(string pattern, int line, int column, string reason)
    {
        var error = Assert.Throws<PatternSyntaxException>(() => EventPattern.Parse(pattern));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_value_tree_without_positions_reports_line_1_column_1()
    {
        var pattern = new JsonObject(new[] { new KeyValuePair<string, JsonValue>("source", new JsonString("aws.kms")) });

        var error = Assert.Throws<PatternSyntaxException>(() => EventPattern.FromValue(pattern));
        Assert.Equal((1, 1), (error.Line, error.Column));
    }

    [Fact]
    public void A_value_tree_carries_the_positions_a_yaml_converter_gives_it()
    {
        var pattern = new JsonObject(new[] { new KeyValuePair<string, JsonValue>("source", new JsonString("aws.kms") { Line = 12, Column = 15 }) });

        var error = Assert.Throws<PatternSyntaxException>(() => EventPattern.FromValue(pattern));
        Assert.Equal((12, 15), (error.Line, error.Column));
    }

    [Fact]
    public void Nesting_deeper_than_the_bound_is_a_syntax_error()
    {
        JsonValue pattern = new JsonObject(new[] { new KeyValuePair<string, JsonValue>("leaf", new JsonArray(new JsonValue[] { new JsonString("x") })) });
        for (var i = 0; i < 10_000; i++) pattern = new JsonObject(new[] { new KeyValuePair<string, JsonValue>("d", pattern) });

        Assert.Contains("nested deeper than 64", Assert.Throws<PatternSyntaxException>(() => EventPattern.FromValue(pattern)).Message);
    }

    [Fact]
    public void A_pattern_string_longer_than_4096_characters_is_rejected()
    {
        var pattern = "{\"source\": [\"aws.kms\"]" + new string(' ', 4096) + "}";

        Assert.Contains("at most 4096", Assert.Throws<PatternSyntaxException>(() => EventPattern.Parse(pattern)).Message);
    }
}
