namespace KmsLint.Templates.Graph;

/// <summary>
/// An Amazon Resource Name as text: <c>arn:partition:service:region:account:resource</c>. Segments may be symbolic
/// (<c>${AWS::Region}</c>); the resource keeps any further colons (<c>log-group:NAME:*</c>).
/// </summary>
public sealed class Arn
{
    private Arn(string partition, string service, string region, string account, string resource)
    {
        Partition = partition;
        Service = service;
        Region = region;
        Account = account;
        Resource = resource;
    }

    public string Partition { get; }

    public string Service { get; }

    public string Region { get; }

    public string Account { get; }

    public string Resource { get; }

    /// <summary>The account segment is the deploying account (<c>${AWS::AccountId}</c>) or left empty.</summary>
    public bool IsOwnAccount => Account is "" or "${AWS::AccountId}";

    public static Arn? Parse(string text)
    {
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = SplitOutsidePlaceholders(text, 6);
        return parts.Count == 6 ? new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }

    /// <summary>The topic name of an SNS topic ARN, or null.</summary>
    public static string? TopicName(string text) => Parse(text) is { Service: "sns" } arn ? arn.Resource : null;

    /// <summary>The log group name in <c>arn:aws:logs:region:account:log-group:NAME[:*]</c>, or the text itself.</summary>
    public static string LogGroupName(string nameOrArn)
    {
        if (Parse(nameOrArn) is not { Service: "logs" } arn || !arn.Resource.StartsWith("log-group:", StringComparison.Ordinal))
        {
            return nameOrArn;
        }

        var name = arn.Resource.Substring("log-group:".Length);
        return name.EndsWith(":*", StringComparison.Ordinal) ? name.Substring(0, name.Length - 2) : name;
    }

    /// <summary>The bus name of an EventBridge event bus ARN (<c>event-bus/NAME</c>), or null.</summary>
    public string? EventBusName =>
        Service == "events" && Resource.StartsWith("event-bus/", StringComparison.Ordinal) ? Resource.Substring("event-bus/".Length) : null;

    /// <summary>Splits on ':' at most <paramref name="count"/> times, never inside a <c>${...}</c> placeholder (<c>${AWS::Region}</c>).</summary>
    private static List<string> SplitOutsidePlaceholders(string text, int count)
    {
        var parts = new List<string>(count);
        var start = 0;
        var depth = 0;
        for (var i = 0; i < text.Length && parts.Count < count - 1; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && depth > 0)
            {
                depth--;
            }
            else if (text[i] == ':' && depth == 0)
            {
                parts.Add(text.Substring(start, i - start));
                start = i + 1;
            }
        }

        parts.Add(text.Substring(start));
        return parts;
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
