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

    /// <summary>The CDK construct path of the resource (its <c>aws:cdk:path</c> metadata), when it has one.</summary>
    public string? ConstructPath { get; init; }
}

/// <summary>Why a finding is not counted: the ignore entry (in a template, or in a baseline file) and the reason given there.</summary>
/// <param name="Location">The entry: a <c>kmslint: ignore:</c> item, or the baseline file's entry.</param>
/// <param name="Reason">The reason written with it, if any.</param>
/// <param name="Kind">Where the entry is written.</param>
public sealed record Suppression(SourceSpan Location, string? Reason, SuppressionKind Kind = SuppressionKind.InSource);

/// <summary>Where a suppression is written (SARIF's <c>suppression.kind</c>).</summary>
public enum SuppressionKind
{
    /// <summary>A <c>Metadata: kmslint: ignore:</c> entry in the template.</summary>
    InSource,

    /// <summary>An entry of the baseline file (<c>kmslint lint --baseline FILE</c>): a finding accepted when KmsLint was adopted.</summary>
    Baseline,
}

/// <summary>Something the linter took as given to link templates, where it was needed, and how to declare it instead.</summary>
public sealed record Assumption(string Message, SourceSpan Location);
