using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KmsLint.Analyzers;

/// <summary>What a KMS request passed to a call sets, as far as the calling member shows.</summary>
internal static class RequestProperties
{
    /// <summary>
    /// The values given to the request's property <paramref name="propertyName"/>: in its object initializer, or,
    /// for a request held in a local, in every initializer and assignment of that local in the member.
    /// </summary>
    public static IEnumerable<IOperation> ValuesSetOn(IOperation request, string propertyName)
    {
        request = WithoutImplicitConversions(request);
        if (request is IObjectCreationOperation creation)
        {
            return ValuesInInitializer(creation, propertyName);
        }

        if (request is not ILocalReferenceOperation { Local: var local })
        {
            return Enumerable.Empty<IOperation>();
        }

        var values = new List<IOperation>();
        foreach (var operation in PossibleValues.MemberBody(request).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: var initial } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    values.AddRange(ValuesInCreation(initial, propertyName));
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    values.AddRange(ValuesInCreation(assignment.Value, propertyName));
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } property } assignment
                    when property.Property.Name == propertyName
                         && SymbolEqualityComparer.Default.Equals(owner.Local, local):
                    values.Add(assignment.Value);
                    break;
            }
        }

        return values;
    }

    public static IOperation WithoutImplicitConversions(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static IEnumerable<IOperation> ValuesInCreation(IOperation value, string propertyName) =>
        WithoutImplicitConversions(value) is IObjectCreationOperation creation
            ? ValuesInInitializer(creation, propertyName)
            : Enumerable.Empty<IOperation>();

    private static IEnumerable<IOperation> ValuesInInitializer(IObjectCreationOperation creation, string propertyName)
    {
        if (creation.Initializer is null)
        {
            yield break;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                && property.Property.Name == propertyName)
            {
                yield return assignment.Value;
            }
        }
    }
}
