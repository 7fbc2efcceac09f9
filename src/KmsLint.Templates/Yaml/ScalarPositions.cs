namespace KmsLint.Templates.Yaml;

/// <summary>
/// Maps a place inside a scalar's value (a pattern's syntax error, say) to where it is written in the file, through
/// quotes, escapes (<c>\"</c>, <c>''</c>, <c>\u0041</c>) and block indentation.
/// </summary>
public static class ScalarPositions
{
    /// <summary>
    /// The file line and column of the character at <paramref name="valueLine"/>:<paramref name="valueColumn"/> (1-based,
    /// lines split at <c>\n</c>) of the scalar's value. False where that cannot be told exactly: a plain or quoted
    /// scalar written over several lines, or a folded block with blank or more-indented lines.
    /// </summary>
    public static bool TryLocate(ScalarNode scalar, int valueLine, int valueColumn, out int line, out int column)
    {
        line = column = 0;
        var span = scalar.Span;
        if (valueLine < 1 || valueColumn < 1)
        {
            return false;
        }

        if (scalar.Source is not { Length: > 0 } source)
        {
            if (span.StartLine != span.EndLine || valueLine != 1)
            {
                return false;
            }

            line = span.StartLine;
            column = span.StartColumn + (scalar.IsQuoted ? 1 : 0) + valueColumn - 1;
            return true;
        }

        if (source[0] is '|' or '>')
        {
            return TryLocateInBlock(source, span.StartLine, valueLine, valueColumn, out line, out column);
        }

        if (valueLine != 1)
        {
            return false;
        }

        line = span.StartLine;
        column = span.StartColumn + OffsetInQuoted(source, valueColumn - 1);
        return true;
    }

    /// <summary>The offset in a one-line quoted scalar's text (opening quote at 0) of its value's character <paramref name="index"/>.</summary>
    private static int OffsetInQuoted(string source, int index)
    {
        var doubleQuoted = source[0] == '"';
        var offset = 1;
        var decoded = 0;
        while (decoded < index && offset < source.Length - 1)
        {
            if (doubleQuoted && source[offset] == '\\' && offset + 1 < source.Length)
            {
                var (length, produces) = source[offset + 1] switch
                {
                    'x' => (4, 1),
                    'u' => (6, 1),
                    'U' => (10, IsAstral(source, offset + 2) ? 2 : 1),
                    _ => (2, 1),
                };
                offset += length;
                decoded += produces;
            }
            else if (!doubleQuoted && source[offset] == '\'' && offset + 1 < source.Length && source[offset + 1] == '\'')
            {
                offset += 2;
                decoded++;
            }
            else
            {
                offset++;
                decoded++;
            }
        }

        return offset;
    }

    /// <summary>True when the eight hex digits at <paramref name="at"/> name a code point beyond the 16-bit range (two UTF-16 chars).</summary>
    private static bool IsAstral(string source, int at) =>
        at + 8 <= source.Length
        && uint.TryParse(source.Substring(at, 8), System.Globalization.NumberStyles.HexNumber, null, out var codePoint)
        && codePoint > 0xFFFF;

    /// <summary>
    /// A literal block (<c>|</c>) keeps its lines: value line n is the n-th line under the header, past the block's
    /// indentation. A folded block (<c>&gt;</c>) joins its lines with spaces; that is followed exactly when no line is
    /// blank or more indented, else false.
    /// </summary>
    private static bool TryLocateInBlock(string source, int headerLine, int valueLine, int valueColumn, out int line, out int column)
    {
        line = column = 0;
        var lines = source.Split('\n');
        var indentation = -1;
        for (var i = 1; i < lines.Length && indentation < 0; i++)
        {
            var content = lines[i].TrimEnd('\r');
            if (content.Trim().Length > 0)
            {
                indentation = content.Length - content.TrimStart(' ').Length;
            }
        }

        if (indentation < 0)
        {
            return false;
        }

        if (source[0] == '|')
        {
            if (valueLine >= lines.Length)
            {
                return false;
            }

            line = headerLine + valueLine;
            column = indentation + valueColumn;
            return true;
        }

        if (valueLine != 1)
        {
            return false;
        }

        // Folded: walk the content lines, each followed by the one space that joins it to the next.
        var remaining = valueColumn - 1;
        for (var i = 1; i < lines.Length; i++)
        {
            var content = lines[i].TrimEnd('\r');
            if (content.Trim().Length == 0)
            {
                return false;
            }

            if (content.Length - content.TrimStart(' ').Length != indentation)
            {
                return false;
            }

            var length = content.Length - indentation;
            if (remaining < length)
            {
                line = headerLine + i;
                column = indentation + remaining + 1;
                return true;
            }

            remaining -= length + 1;
        }

        return false;
    }
}
