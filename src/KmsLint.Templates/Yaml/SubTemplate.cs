namespace KmsLint.Templates.Yaml;

/// <summary>The <c>${...}</c> parts of an <c>Fn::Sub</c> string.</summary>
public static class SubTemplate
{
    /// <summary>One piece of a Sub string: literal text, or a variable name (<c>Param</c>, <c>Res.Attr</c>, <c>AWS::Region</c>).</summary>
    /// <remarks>A class: ReadyToRun cannot precompile a List of a struct, so every start JIT-compiled it.</remarks>
    public sealed class Part
    {
        public Part(string text, bool isVariable)
        {
            Text = text;
            IsVariable = isVariable;
        }

        public string Text { get; }

        public bool IsVariable { get; }
    }

    /// <summary>The index of the first <c>${</c> that has no closing brace before the next <c>${</c>, or -1.</summary>
    public static int FindUnclosedVariable(string text)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf('}', start + 2);
            var nested = text.IndexOf("${", start + 2, StringComparison.Ordinal);
            if (end < 0 || (nested >= 0 && nested < end))
            {
                return start;
            }

            start = text.IndexOf("${", end + 1, StringComparison.Ordinal);
        }

        return -1;
    }

    /// <summary>Splits a well-formed Sub string into literal and variable parts; <c>${!X}</c> becomes the literal <c>${X}</c>.</summary>
    public static List<Part> Split(string text)
    {
        var parts = new List<Part>();
        var literal = new System.Text.StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("${", position, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                literal.Append(text, position, text.Length - position);
                break;
            }

            literal.Append(text, position, start - position);
            var name = text.Substring(start + 2, end - start - 2);
            if (name.StartsWith("!", StringComparison.Ordinal))
            {
                literal.Append("${").Append(name, 1, name.Length - 1).Append('}');
            }
            else
            {
                if (literal.Length > 0)
                {
                    parts.Add(new Part(literal.ToString(), false));
                    literal.Clear();
                }

                parts.Add(new Part(name.Trim(), true));
            }

            position = end + 1;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), false));
        }

        return parts;
    }
}
