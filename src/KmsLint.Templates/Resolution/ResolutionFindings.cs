using KmsLint.Templates.Findings;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.Resolution;

/// <summary>
/// A chain of references that leads back to itself (an export that imports its own name, a mapping value that
/// looks itself up, conditions that name each other). CloudFormation rejects such a template; the resolver reads
/// the value as unknown. <paramref name="Chain"/> names the links, e.g. <c>Fn::ImportValue N → Export N → Fn::ImportValue N</c>.
/// </summary>
public sealed record ResolutionCycle(string Chain, SourceSpan Location);

/// <summary>
/// A link the resolver made on an assumption the user can confirm or correct: an <c>Fn::ImportValue</c> matched to
/// the only export whose name fits when <paramref name="ExportingTemplate"/> is deployed as stack <paramref name="StackName"/>.
/// </summary>
public sealed record StackNameAssumption(Template ExportingTemplate, string StackName, string ExportName, SourceSpan ImportLocation)
{
    public string Describe() =>
        $"{ImportLocation.File}:{ImportLocation.StartLine}: Fn::ImportValue {ExportName} is taken from {ExportingTemplate.Path}, "
        + $"assuming it is deployed as stack '{StackName}' (declare it under stacks: in .kmslint.yaml to confirm)";
}

/// <summary>Facts about the deployment that templates cannot tell (from <c>.kmslint.yaml</c>).</summary>
/// <param name="StackNames">Template path (as linted) → the name of the stack it is deployed as.</param>
/// <param name="SsmParameters">Systems Manager parameter name → its value, for parameters no linted template creates.</param>
public sealed record DeploymentFacts(IReadOnlyDictionary<string, string> StackNames, IReadOnlyDictionary<string, string> SsmParameters)
{
    public static DeploymentFacts None { get; } = new(
        new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Parameters that hold the ARN of a subscribed SNS topic outside the set (<c>external.topic_parameters</c>).</summary>
    public IReadOnlyCollection<string> TopicParameters { get; init; } = Array.Empty<string>();
}
