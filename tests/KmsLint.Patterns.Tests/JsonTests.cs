namespace KmsLint.Patterns.Tests;

public class JsonTests
{
    [Fact]
    public void Parses_every_value_kind_keeping_member_order_and_number_text()
    {
        var value = (JsonObject)Json.Parse("{\"b\": [1.50, -2e3, true, false, null], \"a\": \"x\\u00e9\\n\\\"\"}");

        Assert.Equal(new[] { "b", "a" }, value.Members.Select(m => m.Key));
        var items = ((JsonArray)value["b"]!).Items;
        Assert.Equal("1.50", ((JsonNumber)items[0]).Text);
        Assert.Equal(-2000, ((JsonNumber)items[1]).Value);
        Assert.True(((JsonBool)items[2]).Value);
        Assert.False(((JsonBool)items[3]).Value);
        Assert.IsType<JsonNull>(items[4]);
        Assert.Equal("xé\n\"", ((JsonString)value["a"]!).Value);
    }

    [Fact]
    public void Values_carry_their_line_and_column()
    {
        var value = (JsonObject)Json.Parse("{\r\n  \"source\":\n    [\"aws.kms\"]\n}");

        var list = (JsonArray)value["source"]!;
        Assert.Equal((3, 5), (list.Line, list.Column));
        Assert.Equal((3, 6), (list.Items[0].Line, list.Items[0].Column));
    }

    [Theory]
    [InlineData("", 1, 1, "text ended")]
    [InlineData("{\"a\": 1,}", 1, 9, "member name")]
    [InlineData("{\"a\": 1} x", 1, 10, "after the JSON value")]
    [InlineData("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate member name \"a\"")]
    [InlineData("[1, 2", 1, 6, "expected ']'")]
    [InlineData("{'a': 1}", 1, 2, "member name")]
    [InlineData("\"tab\there\"", 1, 5, "control character")]
    [InlineData("\"\\x\"", 1, 2, "invalid escape")]
    [InlineData("\"\\u12g4\"", 1, 6, "four hex digits")]
    [InlineData("01", 1, 2, "after the JSON value")]
    [InlineData("1.", 1, 3, "after the decimal point")]
    [InlineData("1e999", 1, 1, "out of range")]
    [InlineData("tru", 1, 1, "unexpected character")]
    [InlineData("{\n  \"a\": nul\n}", 2, 8, "unexpected character")]
    public void Rejects_invalid_json_with_a_position(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<PatternSyntaxException>(() => Json.Parse(text));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Deep_nesting_is_a_syntax_error_not_a_stack_overflow()
    {
        var deep = new string('[', 1_000_000) + new string(']', 1_000_000);

        Assert.Contains("nesting deeper than 64", Assert.Throws<PatternSyntaxException>(() => Json.Parse(deep)).Message);
    }
}
