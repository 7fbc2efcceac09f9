using KmsLint.Templates.Findings;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.ChangeControl;

/// <summary>One change to a key that a change-control rule found, before the change requests named for it are applied.</summary>
/// <param name="Template">The linted template the key is (or was) in; null when the template is removed.</param>
/// <param name="LogicalId">The key's logical id; null for a whole file that could not be compared.</param>
/// <param name="Location">Where the finding goes.</param>
/// <param name="Message">What the change does at deploy, and why.</param>
public sealed record KeyChange(Template? Template, string? LogicalId, SourceSpan Location, string Message)
{
    /// <summary>How to avoid the change, when it is not intended; left out of the note of an authorized change.</summary>
    public string? Remedy { get; init; }

    /// <summary>KmsLint cannot know whether the change happens (a value it cannot read): a note, whatever change request is named.</summary>
    public bool CannotTell { get; init; }
}
