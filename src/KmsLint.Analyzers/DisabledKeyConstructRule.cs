using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KmsLint.Analyzers;

/// <summary>
/// KMS008: <c>Enabled = false</c> on <c>KeyProps</c>, <c>CfnKeyProps</c>, <c>CfnReplicaKeyProps</c> or an L1 key
/// construct, on any branch, directly or through a local of the member. Guarded like KMS001–003.
/// </summary>
public static class DisabledKeyConstructRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        RuleIdentifiers.KeyConstructDisabled,
        title: "KMS key construct is disabled without an approved change request",
        messageFormat: "'Enabled' {0}: deploying creates the KMS key disabled, or disables the existing key, and every use of it fails, " + GuardedFinding.GuardAdvice,
        RuleIdentifiers.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A deploy with Enabled set to false disables a live key: every decrypt under it fails at once. Leave Enabled at its default (true), or name the approved change request with [KeyLifecycleChange(\"CHG-1234\")].",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.KeyConstructDisabled));

    internal static void CheckAssignment(OperationAnalysisContext context, ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, CdkApi cdk, KmsLintOptions options)
    {
        if (!cdk.IsKeyPropertyHolder(target.Property.ContainingType))
        {
            return;
        }

        var values = PossibleValues.Of(assignment.Value);
        foreach (var possible in values)
        {
            if (possible.Value.ConstantValue is { HasValue: true, Value: false })
            {
                var location = assignment.Syntax.GetLocation();
                GuardedFinding.Report(context, assignment, options, "Enabled", location,
                    () => Diagnostic.Create(Descriptor, location, LocalWrite.Locations(possible), $"{(values.Count > 1 ? "can be" : "is")} false{LocalWrite.Describe(possible)}"));
                return;
            }
        }
    }
}
