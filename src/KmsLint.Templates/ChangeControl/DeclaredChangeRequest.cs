using KmsLint.Templates.Findings;

namespace KmsLint.Templates.ChangeControl;

/// <summary>
/// A change request named for key changes: in a template's or a key's metadata, in <c>.kmslint.yaml</c> or in a commit
/// trailer.
/// </summary>
/// <param name="Value">The change request as written; null when it is empty or not a single text.</param>
/// <param name="Origin">Where it was named, for messages: "the key's Metadata", "the Change-Request trailer of commit 1a2b3c4".</param>
/// <param name="Location">Where it is written, when in a file; KMS414 points there.</param>
/// <param name="LogicalId">The key it is for, or null when it covers every key change in its scope.</param>
public sealed record DeclaredChangeRequest(string? Value, string Origin, SourceSpan? Location, string? LogicalId = null);
