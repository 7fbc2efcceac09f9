namespace KmsLint.Templates.Findings;

/// <summary>What every formatter and the <c>rules</c> command need to know about a rule.</summary>
/// <param name="Id">The fixed rule id, e.g. <c>KMS203</c>.</param>
/// <param name="Name">A PascalCase name for SARIF's <c>rule.name</c>.</param>
/// <param name="DefaultLevel">The level unless configuration changes it.</param>
/// <param name="ShortDescription">One line: what is wrong when the rule reports.</param>
public sealed record RuleDescriptor(string Id, string Name, Level DefaultLevel, string ShortDescription)
{
    /// <summary>The rule's documentation page; the same base the analyzer's help links use.</summary>
    public string HelpUri => RuleCatalog.HelpUriBase + Id + ".md";

    /// <summary>
    /// True for the rules of the detection chain, KMS100–KMS399 (trail, detection, alarm, notification): they are not
    /// run where <c>detection: {external: true}</c> says the chain lives outside the linted repository.
    /// </summary>
    public bool ChecksDetectionChain =>
        Id.Length == 6 && Id.StartsWith("KMS", StringComparison.Ordinal) && Id[3] is '1' or '2' or '3';
}
