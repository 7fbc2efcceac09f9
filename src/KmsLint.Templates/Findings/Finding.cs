namespace KmsLint.Templates.Findings;

/// <summary>
/// One reported problem. Every formatter renders only this record; rules create it, the pipeline
/// then applies configured levels and template suppressions.
/// </summary>
/// <param name="RuleId">The rule, e.g. <c>KMS203</c>.</param>
/// <param name="Level">The effective level (after configuration).</param>
/// <param name="Message">A sentence that names the resource's problem and the way out.</param>
/// <param name="Location">Where the finding points.</param>
/// <param name="LogicalId">The logical id of the resource concerned, if any.</param>
/// <param name="Suppression">Set when a <c>Metadata: kmslint: ignore</c> entry suppressed it.</param>
public sealed record Finding(
    string RuleId,
    Level Level,
    string Message,
    SourceSpan Location,
    string? LogicalId = null,
    Suppression? Suppression = null)
{
    public bool IsSuppressed => Suppression is not null;
}

/// <summary>Why a finding is not counted: the resource or template that ignores it, and the reason given there.</summary>
public sealed record Suppression(SourceSpan Location, string? Reason);

/// <summary>Something the linter took as given to link templates, where it was needed, and how to declare it instead.</summary>
public sealed record Assumption(string Message, SourceSpan Location);
