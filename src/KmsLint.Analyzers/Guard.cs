using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace KmsLint.Analyzers;

/// <summary>Why a guard attribute does not guard: each cause is reported as its own KMS004.</summary>
internal enum GuardDefect
{
    MissingChangeRequest,
    EmptyChangeRequest,
    NotConstant,
    PatternMismatch,
}

internal readonly record struct GuardProblem(string AttributeName, GuardDefect Defect, string? ChangeRequest);

/// <summary>The outcome of looking for a guard around one call.</summary>
internal sealed class GuardVerdict
{
    public static readonly GuardVerdict Guarded = new(isGuarded: true, ImmutableArray<GuardProblem>.Empty);
    public static readonly GuardVerdict Unguarded = new(isGuarded: false, ImmutableArray<GuardProblem>.Empty);

    private GuardVerdict(bool isGuarded, ImmutableArray<GuardProblem> problems)
    {
        IsGuarded = isGuarded;
        Problems = problems;
    }

    public bool IsGuarded { get; }

    /// <summary>Non-empty when the nearest guard attributes exist but none of them names a valid change request.</summary>
    public ImmutableArray<GuardProblem> Problems { get; }

    /// <summary>
    /// The nearest declaration carrying a guard attribute decides, from the call outwards: lambda, local
    /// function, member (an accessor also looks at its property), then each containing type. A broken guard
    /// close to the call is reported even when an outer type is guarded: it is what the author wrote for this code.
    /// </summary>
    public static GuardVerdict For(IOperation call, ISymbol containingSymbol, KmsLintOptions options)
    {
        for (ISymbol? symbol = InnermostFunction(call) ?? containingSymbol;
             symbol is not null and not INamespaceSymbol;
             symbol = symbol.ContainingSymbol)
        {
            var verdict = Evaluate(GuardAttributesOf(symbol, options), options);
            if (verdict is not null)
            {
                return verdict;
            }
        }

        return Unguarded;
    }

    private static ISymbol? InnermostFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol;
            }
        }

        return null;
    }

    private static ImmutableArray<AttributeData> GuardAttributesOf(ISymbol symbol, KmsLintOptions options)
    {
        var guards = ImmutableArray.CreateBuilder<AttributeData>();
        Collect(symbol);
        if (symbol is IMethodSymbol { AssociatedSymbol: IPropertySymbol property })
        {
            Collect(property);
        }

        return guards.ToImmutable();

        void Collect(ISymbol target)
        {
            foreach (var attribute in target.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass && options.IsGuardAttribute(attributeClass))
                {
                    guards.Add(attribute);
                }
            }
        }
    }

    private static GuardVerdict? Evaluate(ImmutableArray<AttributeData> guards, KmsLintOptions options)
    {
        if (guards.IsEmpty)
        {
            return null;
        }

        var problems = ImmutableArray.CreateBuilder<GuardProblem>();
        foreach (var guard in guards)
        {
            var problem = Check(guard, options);
            if (problem is null)
            {
                return Guarded;
            }

            if (!problems.Any(known => known.Defect == problem.Value.Defect))
            {
                problems.Add(problem.Value);
            }
        }

        return new GuardVerdict(isGuarded: false, problems.ToImmutable());
    }

    private static GuardProblem? Check(AttributeData guard, KmsLintOptions options)
    {
        var name = DisplayName(guard.AttributeClass!);
        if (guard.ConstructorArguments.Length > 0)
        {
            var first = guard.ConstructorArguments[0];
            if (first.Kind == TypedConstantKind.Error || first.Value is not (string or null))
            {
                return new GuardProblem(name, GuardDefect.NotConstant, null);
            }

            var changeRequest = (string?)first.Value;
            if (string.IsNullOrWhiteSpace(changeRequest))
            {
                return new GuardProblem(name, GuardDefect.EmptyChangeRequest, changeRequest);
            }

            return options.MatchesChangeRequestPattern(changeRequest!)
                ? null
                : new GuardProblem(name, GuardDefect.PatternMismatch, changeRequest);
        }

        // No bound argument: either none was written, or what was written did not bind to a constant.
        return WrittenArgumentCount(guard) > 0
            ? new GuardProblem(name, GuardDefect.NotConstant, null)
            : new GuardProblem(name, GuardDefect.MissingChangeRequest, null);
    }

    private static int WrittenArgumentCount(AttributeData guard) =>
        guard.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } arguments }
            ? arguments.Arguments.Count(argument => argument.NameEquals is null)
            : 0;

    private static string DisplayName(INamedTypeSymbol attributeClass) =>
        attributeClass.Name.EndsWith("Attribute", StringComparison.Ordinal) && attributeClass.Name.Length > "Attribute".Length
            ? attributeClass.Name.Substring(0, attributeClass.Name.Length - "Attribute".Length)
            : attributeClass.Name;
}
