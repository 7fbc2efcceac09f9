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

    /// <param name="reported">Spans already reported in this compilation: two calls sending the same request must not report its window twice.</param>
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
                foreach (var window in WindowsSetOn(argument.Value))
                {
                    CheckWindow(window);
                }
            }
        }

        void CheckWindow(IOperation window)
        {
            if (WithoutConversions(window).ConstantValue is { HasValue: true, Value: int days }
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

    /// <summary>The values given to the request's PendingWindowInDays: in its initializer, or, for a local, anywhere in the member.</summary>
    private static IEnumerable<IOperation> WindowsSetOn(IOperation request)
    {
        request = WithoutConversions(request);
        if (request is IObjectCreationOperation creation)
        {
            return WindowsInInitializer(creation);
        }

        if (request is not ILocalReferenceOperation { Local: var local })
        {
            return Enumerable.Empty<IOperation>();
        }

        var windows = new List<IOperation>();
        foreach (var operation in MemberBody(request).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: var initial } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    windows.AddRange(WindowsInCreation(initial));
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    windows.AddRange(WindowsInCreation(assignment.Value));
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } property } assignment
                    when property.Property.Name == WindowPropertyName
                         && SymbolEqualityComparer.Default.Equals(owner.Local, local):
                    windows.Add(assignment.Value);
                    break;
            }
        }

        return windows;
    }

    private static IEnumerable<IOperation> WindowsInCreation(IOperation value) =>
        WithoutConversions(value) is IObjectCreationOperation creation
            ? WindowsInInitializer(creation)
            : Enumerable.Empty<IOperation>();

    private static IEnumerable<IOperation> WindowsInInitializer(IObjectCreationOperation creation)
    {
        if (creation.Initializer is null)
        {
            yield break;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                && property.Property.Name == WindowPropertyName)
            {
                yield return assignment.Value;
            }
        }
    }

    private static IOperation MemberBody(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    private static IOperation WithoutConversions(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
