using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>
/// The analyzer's rules as the CLI lists and explains them. The CLI does not reference Roslyn or the analyzer
/// assembly, so this table repeats what the analyzer declares; a test (AnalyzerRuleTableTests) fails when it differs
/// from the analyzer's DiagnosticDescriptors: the ids, the name (the analyzer's constant for the id), the default
/// severity and the title. One line per rule, in id order.
/// </summary>
internal static class AnalyzerRules
{
    public static IReadOnlyList<KnownRule> All { get; } = new[]
    {
        Analyzer("KMS001", "ScheduleKeyDeletion", Level.Warning, "KMS key deletion is scheduled without an approved change request"),
        Analyzer("KMS002", "DisableKey", Level.Warning, "KMS key is disabled without an approved change request"),
        Analyzer("KMS003", "DestroyKeyMaterial", Level.Warning, "KMS key material is destroyed or keys are cut off without an approved change request"),
        Analyzer("KMS004", "InvalidGuard", Level.Warning, "Guard attribute does not name a valid change request"),
        Analyzer("KMS005", "PendingWindowTooShort", Level.Warning, "KMS key deletion pending window is shorter than the minimum"),
        Analyzer("KMS006", "KeyConstructDestroyed", Level.Warning, "KMS key construct is deleted with its stack without an approved change request"),
        Analyzer("KMS007", "KeyConstructPendingWindowTooShort", Level.Warning, "KMS key construct has a pending window shorter than the minimum"),
        Analyzer("KMS008", "KeyConstructDisabled", Level.Warning, "KMS key construct is disabled without an approved change request"),
        Analyzer("KMS009", "ExpiringKeyMaterial", Level.Warning, "Imported KMS key material is set to expire without an approved change request"),
    };

    private static KnownRule Analyzer(string id, string name, Level defaultLevel, string title) =>
        new(new RuleDescriptor(id, name, defaultLevel, title), RuleProduct.Analyzer);
}
