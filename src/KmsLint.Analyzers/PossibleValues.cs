using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KmsLint.Analyzers;

/// <summary>One value an expression can take, and the local whose initializer or assignment wrote it, if any.</summary>
internal readonly record struct PossibleValue(IOperation Value, IOperation? WrittenToLocalAt);

/// <summary>
/// The values an expression can take as far as its own member shows: through conversions, both branches of
/// <c>?:</c> and <c>??</c>, every arm of a switch expression, and locals of the same member (their initializer
/// and every assignment to them). Anything else — a parameter, a field, a call — is a value of its own.
/// </summary>
internal static class PossibleValues
{
    /// <summary>Locals holding locals: far enough for real code, and no walk can run away.</summary>
    private const int MaxLocalHops = 8;

    public static List<PossibleValue> Of(IOperation expression)
    {
        var values = new List<PossibleValue>();
        Collect(expression, writtenAt: null, hops: 0, values, visitedLocals: null);
        return values;
    }

    private static void Collect(IOperation operation, IOperation? writtenAt, int hops, List<PossibleValue> values, HashSet<ILocalSymbol>? visitedLocals)
    {
        while (true)
        {
            if (operation.ConstantValue.HasValue)
            {
                values.Add(new PossibleValue(operation, writtenAt));
                return;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    Collect(conditional.WhenTrue, writtenAt, hops, values, visitedLocals);
                    operation = whenFalse;
                    continue;
                case ICoalesceOperation coalesce:
                    Collect(coalesce.Value, writtenAt, hops, values, visitedLocals);
                    operation = coalesce.WhenNull;
                    continue;
                case ISwitchExpressionOperation switchExpression:
                    foreach (var arm in switchExpression.Arms)
                    {
                        Collect(arm.Value, writtenAt, hops, values, visitedLocals);
                    }

                    return;
                case ILocalReferenceOperation { Local: var local } when hops < MaxLocalHops:
                    visitedLocals ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                    if (visitedLocals.Add(local))
                    {
                        foreach (var written in ValuesWrittenTo(local, operation))
                        {
                            Collect(written, written, hops + 1, values, visitedLocals);
                        }
                    }

                    return;
                default:
                    values.Add(new PossibleValue(operation, writtenAt));
                    return;
            }
        }
    }

    private static IEnumerable<IOperation> ValuesWrittenTo(ILocalSymbol local, IOperation reference)
    {
        foreach (var operation in MemberBody(reference).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: var initial } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    yield return initial;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return assignment.Value;
                    break;
            }
        }
    }

    /// <summary>The root of the operation tree the expression belongs to: the member body it is written in.</summary>
    public static IOperation MemberBody(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}

/// <summary>How a finding names a value that a local of the member wrote.</summary>
internal static class LocalWrite
{
    /// <summary>The local's initializer or assignment, as the finding's additional location; none for a direct value.</summary>
    public static IEnumerable<Location> Locations(PossibleValue value) =>
        value.WrittenToLocalAt is { } written ? new[] { written.Syntax.GetLocation() } : Enumerable.Empty<Location>();

    /// <summary>" through 'removal'" for a value written to the local <c>removal</c>; empty for a direct value.</summary>
    public static string Describe(PossibleValue value) =>
        value.WrittenToLocalAt?.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => $" through '{declarator.Symbol.Name}'",
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => $" through '{local.Local.Name}'",
            _ => string.Empty,
        };
}
