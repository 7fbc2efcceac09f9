using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KmsLint.Analyzers;

/// <summary>What the rules need to know about where a KMS method is invoked or referenced.</summary>
internal static class KmsCallSite
{
    /// <summary>
    /// A method inside <c>nameof</c> or inside a lambda converted to an expression tree (a mock setup such as
    /// <c>Setup(c =&gt; c.DisableKeyAsync(...))</c>) is data about the call, not a call.
    /// </summary>
    public static bool IsNeverExecuted(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case INameOfOperation:
                    return true;
                case IAnonymousFunctionOperation { Parent: { } conversion }
                    when conversion.Type is { TypeKind: not TypeKind.Delegate and not TypeKind.Error }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The method name in <c>client.DisableKeyAsync(...)</c> / <c>client?.DisableKeyAsync</c>, so the squiggle sits on the API.</summary>
    public static Location NameLocation(IOperation operation)
    {
        var syntax = operation.Syntax is InvocationExpressionSyntax invocation ? invocation.Expression : operation.Syntax;
        return syntax switch
        {
            MemberAccessExpressionSyntax memberAccess => memberAccess.Name.GetLocation(),
            MemberBindingExpressionSyntax memberBinding => memberBinding.Name.GetLocation(),
            _ => syntax.GetLocation(),
        };
    }
}
