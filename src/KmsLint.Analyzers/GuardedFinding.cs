using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KmsLint.Analyzers;

/// <summary>
/// Reports a finding that a [KeyLifecycleChange] guard accepts (KMS001–003, KMS006, KMS008, KMS009): nothing when
/// the code is guarded, KMS004 once per cause when the nearest guard names no valid change request, else the finding.
/// </summary>
internal static class GuardedFinding
{
    /// <summary>The end of every guarded rule's message.</summary>
    public const string GuardAdvice = "without a [KeyLifecycleChange] guard naming the approved change request";

    /// <param name="subject">What the KMS004 message names: the method called or the property set.</param>
    public static void Report(
        OperationAnalysisContext context,
        IOperation site,
        KmsLintOptions options,
        string subject,
        Location location,
        Func<Diagnostic> unguarded)
    {
        var verdict = GuardVerdict.For(site, context.ContainingSymbol, options);
        if (verdict.IsGuarded)
        {
            return;
        }

        if (verdict.Problems.IsEmpty)
        {
            context.ReportDiagnostic(unguarded());
            return;
        }

        foreach (var problem in verdict.Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(KeyDestroyingCallAnalyzer.InvalidGuardRule, location, subject, Describe(problem, options)));
        }
    }

    private static string Describe(GuardProblem problem, KmsLintOptions options) => problem.Defect switch
    {
        GuardDefect.MissingChangeRequest => $"[{problem.AttributeName}] names no change request",
        GuardDefect.EmptyChangeRequest => $"the change request of [{problem.AttributeName}] is empty; name the approved change request, e.g. \"CHG-1234\"",
        GuardDefect.NotConstant => $"the change request of [{problem.AttributeName}] is not a compile-time constant string",
        _ => $"the change request '{problem.ChangeRequest}' of [{problem.AttributeName}] does not match the pattern '{options.ChangeRequestPattern}'",
    };
}
