using System.Globalization;
using System.Text;
using CsCheck;
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

    /// <summary>
    /// Any text around the marker, written double-quoted with each character plain or in any escape form YAML has
    /// for it (<c>\t</c>, <c>\xHH</c>, <c>\uHHHH</c>, <c>\UHHHHHHHH</c>), or single-quoted: the marker is found where it is written.
    /// </summary>
    [Fact]
    [Trait("Category", "Fuzz")]
    public void Every_escape_form_maps_the_marker_to_where_it_is_written()
    {
        var characters = Gen.OneOf(Gen.Const("a"), Gen.Const(" "), Gen.Const("\""), Gen.Const("\\"), Gen.Const("'"), Gen.Const("\t"), Gen.Const("\u00e9"), Gen.Const("\ud83d\ude00"), Gen.Const("{"));
        Gen.Select(characters.Array[0, 12], characters.Array[0, 12], Gen.Int.Array[24], Gen.Bool)
            .Sample((before, after, forms, singleQuoted) =>
            {
                var value = string.Concat(before) + "X" + string.Concat(after);
                var written = singleQuoted ? "'" + value.Replace("'", "''") + "'" : DoubleQuoted(value, forms);
                var scalar = ValueOf("v: " + written);
                Assert.Equal(value, scalar.Value);

                Assert.True(ScalarPositions.TryLocate(scalar, 1, value.IndexOf('X') + 1, out var line, out var column));

                Assert.Equal((1, "v: ".Length + written.IndexOf('X') + 1), (line, column));
            }, iter: FuzzTests.Iterations);
    }

    /// <summary>A double-quoted YAML scalar of <paramref name="value"/>, each character written in the form <paramref name="forms"/> picks.</summary>
    private static string DoubleQuoted(string value, int[] forms)
    {
        var written = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var form = (uint)forms[i % forms.Length] % 4;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length)
            {
                var codePoint = char.ConvertToUtf32(c, value[++i]);
                written.Append(form == 0 ? char.ConvertFromUtf32(codePoint) : "\\U" + codePoint.ToString("X8", CultureInfo.InvariantCulture));
            }
            else if (c == 'X' || (form == 0 && c is not ('"' or '\\' or '\t')))
            {
                written.Append(c);
            }
            else
            {
                written.Append(form switch
                {
                    1 when c < 0x100 => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                    2 when c is '"' or '\\' or '\t' => c == '\t' ? "\\t" : "\\" + c,
                    _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                });
            }
        }

        return written.Append('"').ToString();
    }

    private static ScalarNode ValueOf(string yaml)
    {
        var parsed = TemplateReader.Read("t.yaml", yaml);
        Assert.Null(parsed.ParseError);
        return Assert.IsAssignableFrom<ScalarNode>(((MappingNode)parsed.Root!)["v"]);
    }
}
