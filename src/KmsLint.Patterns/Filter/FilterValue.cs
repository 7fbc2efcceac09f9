using System.Globalization;
using System.Text.RegularExpressions;

namespace KmsLint.Patterns;

/// <summary>The right-hand side of a filter comparison: a string with <c>*</c> wildcards, a number, or a <c>%regex%</c>.</summary>
internal sealed class FilterValue
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex? _regex;
    private readonly string[] _globSegments;

    private FilterValue(string text, double? number, Regex? regex)
    {
        Text = text;
        Number = number;
        _regex = regex;
        _globSegments = Wildcard.Split(text);
    }

    /// <summary>The value as written (without quotes or % signs).</summary>
    public string Text { get; }

    /// <summary>Set when the value is a bare number such as <c>-1.5e3</c>.</summary>
    public double? Number { get; }

    public static FilterValue Quoted(string text) => new(text, null, null);

    public static FilterValue Bare(string text) => new(text, ParseNumber(text), null);

    public static FilterValue Regex(string source, Regex regex) => new(source, null, regex);

    /// <summary>Text comparison used for strings, and for numbers/booleans through their written form.</summary>
    public bool MatchesText(string value)
    {
        if (_regex == null) return Wildcard.Matches(_globSegments, value);
        try
        {
            return _regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // CloudWatch would not hang either; a pathological match counts as no match.
            return false;
        }
    }

    /// <summary>Numbers as CloudWatch writes them: optional sign, digits, optional fraction and exponent.</summary>
    public static double? ParseNumber(string text)
    {
        if (text.Length == 0 || text.Length > 64) return null;
        var i = 0;
        if (text[i] == '+' || text[i] == '-') i++;
        var digits = 0;
        while (i < text.Length && char.IsDigit(text[i]) && text[i] < 128) { i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9') { i++; digits++; }
        }

        if (digits == 0) return null;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
            var exponentDigits = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9') { i++; exponentDigits++; }
            if (exponentDigits == 0) return null;
        }

        if (i != text.Length) return null;
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsInfinity(value) ? null : value;
    }

    public static Regex CompileRegex(string source) =>
        new(source, RegexOptions.CultureInvariant, RegexTimeout);
}
