namespace KmsLint.Analyzers;

/// <summary>The rule ids of the analyzer and where each rule is documented.</summary>
public static class RuleIdentifiers
{
    public const string ScheduleKeyDeletion = "KMS001";
    public const string DisableKey = "KMS002";
    public const string DestroyKeyMaterial = "KMS003";
    public const string InvalidGuard = "KMS004";
    public const string PendingWindowTooShort = "KMS005";
    public const string KeyConstructDestroyed = "KMS006";
    public const string KeyConstructPendingWindowTooShort = "KMS007";
    public const string KeyConstructDisabled = "KMS008";
    public const string ExpiringKeyMaterial = "KMS009";

    public const string Category = "Security";

    private const string HelpLinkBase = "https://github.com/kmslint/kmslint/blob/main/rules/";

    public static string GetHelpUri(string ruleId) => HelpLinkBase + ruleId + ".md";
}
