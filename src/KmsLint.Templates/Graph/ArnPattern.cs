using KmsLint.Patterns;

namespace KmsLint.Templates.Graph;

/// <summary>
/// An ARN declared in <c>.kmslint.yaml</c> (an external topic or event bus) that may stand for the same resource in
/// every region and account: a segment is literal, <c>*</c> (anything), or <c>${AWS::Region}</c>,
/// <c>${AWS::AccountId}</c>, <c>${AWS::Partition}</c> (whichever the stack is deployed to, written in a template as
/// the same placeholder or as a literal). The resource may hold <c>*</c> wildcards.
/// </summary>
public sealed class ArnPattern
{
    private static readonly string[] Placeholders = { "${AWS::Partition}", "${AWS::Region}", "${AWS::AccountId}" };

    private readonly Arn pattern;
    private readonly string[] resourceSegments;

    private ArnPattern(string text, Arn pattern)
    {
        Text = text;
        this.pattern = pattern;
        resourceSegments = Wildcard.Split(pattern.Resource);
    }

    public string Text { get; }

    /// <summary>The pattern, or null with what is wrong (so the configuration can say it could never match).</summary>
    public static ArnPattern? Parse(string text, string service, out string? problem)
    {
        problem = null;
        if (Arn.Parse(text) is not { } arn)
        {
            problem = $"'{text}' is not an ARN (arn:partition:{service}:region:account:...)";
            return null;
        }

        if (arn.Service != service)
        {
            problem = $"'{text}' is an ARN of {arn.Service}, not {service}";
            return null;
        }

        var segments = new[] { (arn.Partition, 0), (arn.Region, 1), (arn.Account, 2) };
        foreach (var (segment, index) in segments)
        {
            if (segment.Contains("${") && segment != Placeholders[index])
            {
                problem = $"'{text}': only {Placeholders[index]} or * can stand for a {new[] { "partition", "region", "account" }[index]} there, not {segment}";
                return null;
            }
        }

        if (arn.Resource.Length == 0 || arn.Resource.Contains("${"))
        {
            problem = $"'{text}' needs a literal resource name (wildcards * allowed)";
            return null;
        }

        return new ArnPattern(text, arn);
    }

    /// <summary>True when a resolved ARN (literal or with the same placeholders) is this resource.</summary>
    public bool Matches(string text)
    {
        if (Arn.Parse(text) is not { } arn || arn.Service != pattern.Service)
        {
            return false;
        }

        return Segment(pattern.Partition, arn.Partition, "aws")
            && Segment(pattern.Region, arn.Region, null)
            && Segment(pattern.Account, arn.Account, null)
            && Wildcard.Matches(resourceSegments, arn.Resource);
    }

    /// <summary>
    /// A pattern placeholder matches the same placeholder or any literal; a literal matches itself, and the partition
    /// placeholder of a template matches the commercial partition.
    /// </summary>
    private static bool Segment(string expected, string actual, string? literalForPlaceholder) =>
        expected == "*"
        || expected == actual
        || (expected.StartsWith("${", StringComparison.Ordinal) && !actual.Contains("${"))
        || (actual.StartsWith("${", StringComparison.Ordinal) && expected == literalForPlaceholder);

    public override string ToString() => Text;
}
