namespace KmsLint.Patterns;

/// <summary>KMS205: the exact filter-pattern texts Security Hub CloudWatch.7 / the CIS benchmark accept.</summary>
public static class SecurityHubPattern
{
    /// <summary>
    /// The Security Hub CloudWatch.7 remediation text, and the CIS AWS Foundations Benchmark (3.7 / 4.7) text.
    /// </summary>
    public static IReadOnlyList<string> AcceptedTexts { get; } = new[]
    {
        "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}",
        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
    };

    /// <summary>Ordinal comparison: Security Hub compares the text, so one space more is a FAILED control.</summary>
    public static bool IsAcceptedText(string patternText) => AcceptedTexts.Contains(patternText, StringComparer.Ordinal);
}
