namespace KmsLint.Templates.Resolution;

/// <summary>
/// The parts of a text holding dynamic references (<c>{{resolve:ssm:/org/trail/log-group}}</c>), which
/// CloudFormation replaces with the referenced value at deploy time.
/// </summary>
internal sealed class DynamicReference
{
    internal const string Start = "{{resolve:";
    private const string End = "}}";

    private DynamicReference(string text, string? service, string? ssmParameterName)
    {
        Text = text;
        Service = service;
        SsmParameterName = ssmParameterName;
    }

    /// <summary>The part as written.</summary>
    internal string Text { get; }

    /// <summary>The service of a reference (<c>ssm</c>, <c>ssm-secure</c>, <c>secretsmanager</c>); null for plain text.</summary>
    internal string? Service { get; }

    /// <summary>For <c>{{resolve:ssm:NAME[:VERSION]}}</c>: the parameter name.</summary>
    internal string? SsmParameterName { get; }

    internal static List<DynamicReference> Split(string text)
    {
        var parts = new List<DynamicReference>();
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf(Start, position, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf(End, start + Start.Length, StringComparison.Ordinal);
            if (start < 0 || end < 0)
            {
                parts.Add(new DynamicReference(text.Substring(position), null, null));
                break;
            }

            if (start > position)
            {
                parts.Add(new DynamicReference(text.Substring(position, start - position), null, null));
            }

            var body = text.Substring(start + Start.Length, end - start - Start.Length);
            var colon = body.IndexOf(':');
            var service = colon < 0 ? body : body.Substring(0, colon);
            var key = colon < 0 ? string.Empty : body.Substring(colon + 1);
            parts.Add(new DynamicReference(text.Substring(start, end + End.Length - start), service, service == "ssm" ? ParameterName(key) : null));
            position = end + End.Length;
        }

        return parts;
    }

    /// <summary><c>/name</c> or <c>/name:3</c> (a version) → <c>/name</c>.</summary>
    private static string ParameterName(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon > 0 && int.TryParse(key.Substring(colon + 1), out _) ? key.Substring(0, colon) : key;
    }
}
