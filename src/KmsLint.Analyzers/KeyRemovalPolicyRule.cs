using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KmsLint.Analyzers;

/// <summary>
/// KMS006: a KMS key construct that CloudFormation will delete — <c>RemovalPolicy.DESTROY</c> in <c>KeyProps</c> or
/// given to <c>ApplyRemovalPolicy</c> of a key construct, <c>CfnDeletionPolicy.DELETE</c> as the deletion or
/// update-replace policy of a key's <c>CfnOptions</c> — on any branch, directly or through a local of the member.
/// Guarded like KMS001–003. Checked from <see cref="KeyConstructAnalyzer"/>'s callbacks.
/// </summary>
public static class KeyRemovalPolicyRule
{
    /// <summary>Diagnostic property read by the code fix: the full name of the policy type whose RETAIN replaces the value.</summary>
    public const string PolicyTypeProperty = "PolicyType";

    /// <summary>The member both policy enums call "keep the resource".</summary>
    public const string RetainMember = "RETAIN";

    public static readonly DiagnosticDescriptor Descriptor = new(
        RuleIdentifiers.KeyConstructDestroyed,
        title: "KMS key construct is deleted with its stack without an approved change request",
        messageFormat: "{0}: CloudFormation deletes the KMS key {1}, " + GuardedFinding.GuardAdvice,
        RuleIdentifiers.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When CloudFormation deletes a KMS key resource it schedules the key's deletion, and data encrypted under it is lost when the window ends. Retain the key (RemovalPolicy.RETAIN), or name the approved change request with [KeyLifecycleChange(\"CHG-1234\")].",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.KeyConstructDestroyed));

    private const string OnStackDeletion = "when its stack is deleted or it is removed from the stack";
    private const string OnReplacement = "when an update replaces it";

    /// <summary><c>KeyProps.RemovalPolicy = …</c> and <c>key.CfnOptions.DeletionPolicy / UpdateReplacePolicy = …</c>.</summary>
    internal static void CheckAssignment(OperationAnalysisContext context, ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, CdkApi cdk, KmsLintOptions options)
    {
        switch (target.Property.Name)
        {
            case "RemovalPolicy" when SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, cdk.KeyProps):
                Check(context, assignment, assignment.Value, "RemovalPolicy", isCall: false, cdk.RemovalPolicy, cdk.DestroyValue, OnStackDeletion, options);
                break;
            case "DeletionPolicy" or "UpdateReplacePolicy" when cdk.IsKeyResourceOptions(target.Instance):
                Check(context, assignment, assignment.Value, $"CfnOptions.{target.Property.Name}", isCall: false, cdk.DeletionPolicy, cdk.DeleteValue,
                    target.Property.Name == "DeletionPolicy" ? OnStackDeletion : OnReplacement, options);
                break;
        }
    }

    /// <summary><c>ApplyRemovalPolicy(RemovalPolicy.DESTROY)</c> on a Key, CfnKey or CfnReplicaKey.</summary>
    internal static void CheckApplyRemovalPolicy(OperationAnalysisContext context, IInvocationOperation invocation, CdkApi cdk, KmsLintOptions options)
    {
        if (invocation.Instance is not { } receiver
            || invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == 0) is not { } policy
            || !cdk.IsKeyConstruct(receiver))
        {
            return;
        }

        Check(context, policy, policy.Value, "ApplyRemovalPolicy", isCall: true, cdk.RemovalPolicy, cdk.DestroyValue, OnStackDeletion, options);
    }

    private static void Check(
        OperationAnalysisContext context,
        IOperation site,
        IOperation value,
        string subject,
        bool isCall,
        INamedTypeSymbol policyType,
        object? deletingValue,
        string consequence,
        KmsLintOptions options)
    {
        if (deletingValue is null)
        {
            return;
        }

        var values = PossibleValues.Of(value);
        foreach (var possible in values)
        {
            if (!SymbolEqualityComparer.Default.Equals(possible.Value.Type, policyType)
                || !deletingValue.Equals(possible.Value.ConstantValue.Value))
            {
                continue;
            }

            var deleting = $"{policyType.Name}.{policyType.GetMembers().OfType<IFieldSymbol>().First(field => deletingValue.Equals(field.ConstantValue)).Name}";
            var verb = (isCall, values.Count > 1) switch
            {
                (true, false) => "applies",
                (true, true) => "can apply",
                (false, false) => "is",
                (false, true) => "can be",
            };
            var location = site.Syntax.GetLocation();
            var properties = ImmutableDictionary<string, string?>.Empty.Add(PolicyTypeProperty, policyType.ToDisplayString());
            GuardedFinding.Report(context, site, options, subject, location,
                () => Diagnostic.Create(Descriptor, location, LocalWrite.Locations(possible), properties, $"'{subject}' {verb} {deleting}{LocalWrite.Describe(possible)}", consequence));
            return;
        }
    }
}
