using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KmsLint.Analyzers;

/// <summary>
/// KMS007: a KMS key construct whose pending window is a constant below the configured minimum (the option of
/// KMS005) — <c>PendingWindow = Duration.Days(n)</c> in <c>KeyProps</c>, <c>PendingWindowInDays</c> on
/// <c>CfnKeyProps</c>, <c>CfnReplicaKeyProps</c> or the L1 construct — on any branch, directly or through a local.
/// Reported guarded or not, like KMS005, once per assignment: two keys given one short window are two findings.
/// </summary>
public static class KeyConstructPendingWindowRule
{
    public static readonly DiagnosticDescriptor Descriptor = new(
        RuleIdentifiers.KeyConstructPendingWindowTooShort,
        title: "KMS key construct has a pending window shorter than the minimum",
        messageFormat: "'{0}' gives the KMS key a pending window of {1} days, below the minimum of {2} days",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When CloudFormation deletes the key, the pending window is the only time left to notice and cancel the deletion. Keep it at the configured minimum (kmslint.min_pending_window_days, default 30).",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.KeyConstructPendingWindowTooShort));

    internal static void CheckAssignment(
        OperationAnalysisContext context,
        ISimpleAssignmentOperation assignment,
        IPropertyReferenceOperation target,
        CdkApi cdk,
        KmsLintOptions options)
    {
        var property = target.Property;
        if (property.Name == "PendingWindow" && SymbolEqualityComparer.Default.Equals(property.ContainingType, cdk.KeyProps))
        {
            foreach (var duration in PossibleValues.Of(assignment.Value))
            {
                if (duration.Value is IInvocationOperation { TargetMethod: { Name: "Days", IsStatic: true } days, Arguments.Length: 1 } call
                    && SymbolEqualityComparer.Default.Equals(days.ContainingType, cdk.Duration))
                {
                    CheckDays(call.Arguments[0].Value);
                }
            }
        }
        else if (property.Name == "PendingWindowInDays" && cdk.IsKeyPropertyHolder(property.ContainingType))
        {
            CheckDays(assignment.Value);
        }

        void CheckDays(IOperation value)
        {
            foreach (var window in PossibleValues.Of(value))
            {
                if (Days(window.Value.ConstantValue) is not { } days || days >= options.MinPendingWindowDays)
                {
                    continue;
                }

                var minimum = options.MinPendingWindowDays.ToString(CultureInfo.InvariantCulture);
                // Reported at the assignment; the additional location is the number the fix raises.
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor,
                    assignment.Syntax.GetLocation(),
                    new[] { window.Value.Syntax.GetLocation() },
                    ImmutableDictionary<string, string?>.Empty.Add(PendingWindowRule.MinimumDaysProperty, minimum),
                    property.Name,
                    days.ToString(CultureInfo.InvariantCulture),
                    minimum));
            }
        }
    }

    private static double? Days(Optional<object?> constant) => constant is { HasValue: true, Value: { } value }
        ? value switch
        {
            int number => number,
            long number => number,
            double number => number,
            float number => number,
            decimal number => (double)number,
            short number => number,
            byte number => number,
            _ => null,
        }
        : null;
}
