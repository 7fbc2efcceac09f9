using System.Text;

namespace KmsLint.Templates.Yaml;

/// <summary>Turns a file's bytes into text: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused with the place of the first bad byte.</summary>
internal static class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>A decoding failure: what and where (1-based).</summary>
    internal readonly record struct Failure(string Message, int Line, int Column);

    internal static bool TryDecode(byte[] bytes, int length, out string text, out Failure failure)
    {
        var (encoding, bomLength) = DetectEncoding(bytes, length);
        failure = default;
        try
        {
            text = encoding.GetString(bytes, bomLength, length - bomLength);
        }
        catch (DecoderFallbackException error)
        {
            // Index is relative to the decoded range; the valid prefix before it tells the line and column.
            var badByte = Math.Max(0, Math.Min(error.Index, length - bomLength));
            var prefix = Lenient(encoding).GetString(bytes, bomLength, badByte);
            var (line, column) = LineAndColumnAtEnd(prefix, prefix.Length);
            text = string.Empty;
            failure = new Failure(
                $"binary or not {EncodingName(encoding)}: invalid byte 0x{bytes[bomLength + Math.Min(badByte, length - bomLength - 1)]:X2}",
                line,
                column);
            return false;
        }

        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var (line, column) = LineAndColumnAtEnd(text, nul);
            failure = new Failure("binary or not UTF-8: NUL byte", line, column);
            text = string.Empty;
            return false;
        }

        return true;
    }

    private static (Encoding Encoding, int BomLength) DetectEncoding(byte[] bytes, int length)
    {
        if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return (StrictUtf8, 3);
        }

        if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return (StrictUtf16LittleEndian, 2);
        }

        if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return (StrictUtf16BigEndian, 2);
        }

        return (StrictUtf8, 0);
    }

    private static Encoding Lenient(Encoding strict) =>
        strict == StrictUtf8 ? new UTF8Encoding(false, false)
        : strict == StrictUtf16BigEndian ? new UnicodeEncoding(true, false, false)
        : new UnicodeEncoding(false, false, false);

    private static string EncodingName(Encoding encoding) => encoding == StrictUtf8 ? "UTF-8" : "UTF-16";

    /// <summary>The 1-based line and column of the character at <paramref name="offset"/>.</summary>
    internal static (int Line, int Column) LineAndColumnAtEnd(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
