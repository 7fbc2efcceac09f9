using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace KmsLint.Analyzers;

/// <summary>
/// KMS005: a ScheduleKeyDeletion whose pending window is a compile-time constant below the configured
/// minimum — in the request's object initializer, in an assignment to the request's property in the same
/// member, or as the <c>(keyId, pendingWindowInDays)</c> argument. Reported whether the call is guarded or not.
/// Checked from <see cref="KeyDestroyingCallAnalyzer"/>'s callback, so every invocation costs one callback, not two.
/// </summary>
public static class PendingWindowRule
{
    /// <summary>Diagnostic property read by the code fix: the minimum to raise the window to.</summary>
    public const string MinimumDaysProperty = "MinimumDays";

    private const string WindowPropertyName = "PendingWindowInDays";
    private const string WindowParameterName = "pendingWindowInDays";
    private const string RequestTypeName = "ScheduleKeyDeletionRequest";

    public static readonly DiagnosticDescriptor Descriptor = new(
        RuleIdentifiers.PendingWindowTooShort,
        title: "KMS key deletion pending window is shorter than the minimum",
        messageFormat: "'{0}' schedules key deletion with a pending window of {1} days, below the minimum of {2} days",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The pending window is the only time left to notice and cancel a key deletion. Keep it at the configured minimum (kmslint.min_pending_window_days, default 30).",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.PendingWindowTooShort));

    /// <param name="reported">Values already reported in this compilation: two calls sending the same request must not report its window twice.</param>
    internal static void Check(
        OperationAnalysisContext context,
        IInvocationOperation invocation,
        KmsLintOptions options,
        ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> reported)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.Name == WindowParameterName)
            {
                CheckWindow(argument.Value);
            }
            else if (parameter.Type.Name == RequestTypeName)
            {
                foreach (var window in RequestProperties.ValuesSetOn(argument.Value, WindowPropertyName))
                {
                    CheckWindow(window);
                }
            }
        }

        void CheckWindow(IOperation window)
        {
            if (RequestProperties.WithoutImplicitConversions(window).ConstantValue is { HasValue: true, Value: int days }
                && days < options.MinPendingWindowDays
                && reported.TryAdd((window.Syntax.SyntaxTree, window.Syntax.Span), 0))
            {
                var minimum = options.MinPendingWindowDays.ToString(CultureInfo.InvariantCulture);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptor,
                    window.Syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(MinimumDaysProperty, minimum),
                    invocation.TargetMethod.Name,
                    days.ToString(CultureInfo.InvariantCulture),
                    minimum));
            }
        }
    }
}
