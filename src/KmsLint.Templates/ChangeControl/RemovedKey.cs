using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.ChangeControl;

/// <summary>How a key of the base leaves the deployed stack.</summary>
public enum Removal
{
    /// <summary>The resource is gone from its template (removed, or its logical id renamed).</summary>
    ResourceRemoved,

    /// <summary>The resource is still written, but its <c>Condition</c> is now decided false: CloudFormation deletes it.</summary>
    ConditionFalse,

    /// <summary>The whole template is gone, and with it (in a repository that deploys what it holds) its stack.</summary>
    TemplateRemoved,
}

/// <summary>A key of the base that the linted version no longer deploys.</summary>
/// <param name="Before">The key as the base declares it.</param>
/// <param name="Removal">How it leaves the deployed stack.</param>
/// <param name="After">The linted template it was removed from; null when the template itself is removed.</param>
public sealed record RemovedKey(Key Before, Removal Removal, Template? After)
{
    public string LogicalId => Before.Resource.LogicalId;

    /// <summary>
    /// Where a finding goes: the resource where it is still written (condition now false), the top of the template it
    /// left, or its place at the base when its template is removed.
    /// </summary>
    public SourceSpan Location => After?.FindResource(LogicalId) is { } stillWritten ? stillWritten.Span : After?.Start ?? Before.Resource.Span;
}

/// <summary>A base file that could not be compared, and why: "does not parse (line 3: ...)", "was not read (...)".</summary>
public sealed record UncomparedFile(string Path, string Reason);
