using System.Text;

namespace KmsLint.Patterns;

/// <summary>Compact JSON output, member order kept: the one-line form in which CloudTrail writes records to CloudWatch Logs.</summary>
internal static class JsonWriter
{
    public static string Compact(JsonValue value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonValue value)
    {
        switch (value)
        {
            case JsonObject obj:
                sb.Append('{');
                for (var i = 0; i < obj.Members.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteString(sb, obj.Members[i].Key);
                    sb.Append(':');
                    Write(sb, obj.Members[i].Value);
                }

                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, array.Items[i]);
                }

                sb.Append(']');
                break;
            case JsonString s:
                WriteString(sb, s.Value);
                break;
            default:
                sb.Append(value);
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
    }
}
