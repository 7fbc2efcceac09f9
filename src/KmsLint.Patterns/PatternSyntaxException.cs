namespace KmsLint.Patterns;

/// <summary>
/// The only exception the pattern engines throw for bad input. <see cref="Line"/> and <see cref="Column"/> are
/// 1-based positions inside the pattern (or JSON) text, so a caller can point into the template string.
/// </summary>
public sealed class PatternSyntaxException : Exception
{
    public PatternSyntaxException(string message, int line, int column)
        : base($"{message} (line {line}, column {column})")
    {
        Reason = message;
        Line = line;
        Column = column;
    }

    /// <summary>The message without the position suffix.</summary>
    public string Reason { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Builds the exception for a 0-based offset into <paramref name="text"/>.</summary>
    internal static PatternSyntaxException At(string text, int offset, string message)
    {
        var (line, column) = TextPosition.Of(text, offset);
        return new PatternSyntaxException(message, line, column);
    }
}

internal static class TextPosition
{
    /// <summary>1-based line and column of a 0-based offset; \r\n, \r and \n each end a line.</summary>
    public static (int Line, int Column) Of(string text, int offset)
    {
        if (offset > text.Length) offset = text.Length;
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (c == '\n' || c == '\r')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
