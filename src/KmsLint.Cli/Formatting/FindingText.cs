using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Formatting;

/// <summary>The parts of a finding every text format words alike.</summary>
internal static class FindingText
{
    /// <summary>The resource: its logical id, and the CDK construct that made it (<c>DataKey5A1B (DataStack/DataKey/Resource)</c>); null for none.</summary>
    public static string? Resource(Finding finding) =>
        finding.LogicalId is null ? null
        : finding.ConstructPath is null ? finding.LogicalId
        : $"{finding.LogicalId} ({finding.ConstructPath})";

    /// <summary>
    /// What suppressed a finding, for <c>--show-suppressed</c>: <c> (suppressed by keys.yaml:8: reason)</c> or
    /// <c> (suppressed by the baseline kmslint-baseline.json:12)</c>; empty when it is not suppressed.
    /// </summary>
    public static string SuppressedBy(Finding finding) => finding.Suppression switch
    {
        null => string.Empty,
        { Kind: SuppressionKind.Baseline } baseline => $" (suppressed by the baseline {baseline.Location.File}:{baseline.Location.StartLine})",
        var inSource => $" (suppressed by {inSource.Location.File}:{inSource.Location.StartLine}" + (inSource.Reason is null ? ")" : $": {inSource.Reason})"),
    };

    /// <summary>SARIF's and JSON's word for where a suppression is written.</summary>
    public static string KindName(SuppressionKind kind) => kind == SuppressionKind.Baseline ? "baseline" : "inSource";
}
