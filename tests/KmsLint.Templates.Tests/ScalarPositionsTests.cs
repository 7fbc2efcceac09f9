using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Tests;

/// <summary>A place inside a scalar's value maps to the character as written in the file, whatever the scalar's style.</summary>
public class ScalarPositionsTests
{
    [Theory]
    [InlineData("plain", "v: abc X def")]
    [InlineData("double-quoted with escapes", "v: \"a \\\"q\\\" \\u0041\\t X\"")]
    [InlineData("double-quoted beyond 16 bits", "v: \"\\U0001F600 X\"")]
    [InlineData("single-quoted with a doubled quote", "v: 'it''s X'")]
    [InlineData("JSON string with escapes", "{\"v\": \"a\\\\b \\\"q\\\" X\"}")]
    [InlineData("literal block", "v: |\n  first line\n    indented X\n")]
    [InlineData("literal block with a header comment", "v: |-  # the pattern\n    one\n\n    two X\nw: 1\n")]
    [InlineData("folded block", "v: >\n  first part\n  second X part\nw: 1\n")]
    public void The_marked_character_of_the_value_is_found_where_it_is_written(string style, string yaml)
    {
        var scalar = ValueOf(yaml);
        var valueLines = scalar.Value.Split('\n');
        var valueLine = Array.FindIndex(valueLines, l => l.Contains('X')) + 1;
        var valueColumn = valueLines[valueLine - 1].IndexOf('X') + 1;

        Assert.True(ScalarPositions.TryLocate(scalar, valueLine, valueColumn, out var line, out var column), style);

        var sourceLines = yaml.Split('\n');
        var expectedLine = Array.FindIndex(sourceLines, l => l.Contains('X')) + 1;
        Assert.Equal((expectedLine, sourceLines[expectedLine - 1].IndexOf('X') + 1), (line, column));
    }

    [Theory]
    [InlineData("folded block with a blank line", "v: >\n  first\n\n  second X\nw: 1\n")]
    [InlineData("quoted over two lines", "v: \"first\n  second X\"\n")]
    [InlineData("plain over two lines", "v: first\n  second X\n")]
    public void Where_folding_hides_the_place_it_is_not_guessed(string style, string yaml)
    {
        var scalar = ValueOf(yaml);
        var column = scalar.Value.IndexOf('X') + 1;

        Assert.False(ScalarPositions.TryLocate(scalar, 1, column, out _, out _), style);
    }

    private static ScalarNode ValueOf(string yaml)
    {
        var parsed = TemplateReader.Read("t.yaml", yaml);
        Assert.Null(parsed.ParseError);
        return Assert.IsAssignableFrom<ScalarNode>(((MappingNode)parsed.Root!)["v"]);
    }
}
