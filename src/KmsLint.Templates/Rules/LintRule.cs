using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;

namespace KmsLint.Templates.Rules;

/// <summary>
/// One check. A rule reads the repository graph (never files) and yields findings; the pipeline then
/// applies configured levels and suppressions, so a rule always reports at its default level.
/// Subclass it, name the class for what it checks, and add an instance to <see cref="RuleRegistry.All"/>.
/// </summary>
public abstract class LintRule
{
    /// <summary>The rule's entry from <see cref="RuleCatalog"/>.</summary>
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>The findings for this repository.</summary>
    public abstract IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings);

    /// <summary>A finding of this rule on a resource (its logical id is recorded for suppression and messages).</summary>
    protected Finding Report(Model.Resource resource, string message) =>
        new(Descriptor.Id, Descriptor.DefaultLevel, message, resource.Span, resource.LogicalId);

    /// <summary>A finding of this rule at a place, e.g. a property of a resource.</summary>
    protected Finding Report(SourceSpan location, string message, string? logicalId = null) =>
        new(Descriptor.Id, Descriptor.DefaultLevel, message, location, logicalId);

    /// <summary>
    /// A finding below the rule's level: a note where KmsLint cannot know a value (it says how to declare it), a
    /// warning for a milder case. Configuration may lower it further, never raise it.
    /// </summary>
    protected Finding Report(Level level, SourceSpan location, string message, string? logicalId = null) =>
        new(Descriptor.Id, (Level)Math.Min((int)level, (int)Descriptor.DefaultLevel), message, location, logicalId);
}
