using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace KmsLint.Analyzers;

/// <summary>
/// The AWS CDK (Amazon.CDK.Lib, v2) types of one compilation that the KMS key construct rules need, resolved once by
/// metadata name — the analyzer does not reference the CDK. Null when the compilation does not reference it.
/// </summary>
internal sealed class CdkApi
{
    private CdkApi(
        INamedTypeSymbol removalPolicy,
        INamedTypeSymbol deletionPolicy,
        INamedTypeSymbol duration,
        INamedTypeSymbol keyProps,
        INamedTypeSymbol cfnKeyProps,
        INamedTypeSymbol cfnReplicaKeyProps,
        INamedTypeSymbol key,
        INamedTypeSymbol keyInterface,
        INamedTypeSymbol cfnKey,
        INamedTypeSymbol cfnReplicaKey)
    {
        RemovalPolicy = removalPolicy;
        DeletionPolicy = deletionPolicy;
        Duration = duration;
        KeyProps = keyProps;
        _cfnKeyProps = cfnKeyProps;
        _cfnReplicaKeyProps = cfnReplicaKeyProps;
        _keyInterface = keyInterface;
        _l1KeyClasses = ImmutableArray.Create(cfnKey, cfnReplicaKey);
        _keyClasses = ImmutableArray.Create(key, cfnKey, cfnReplicaKey);
        DestroyValue = EnumValue(removalPolicy, "DESTROY");
        DeleteValue = EnumValue(deletionPolicy, "DELETE");
    }

    private readonly INamedTypeSymbol _cfnKeyProps;
    private readonly INamedTypeSymbol _cfnReplicaKeyProps;
    private readonly INamedTypeSymbol _keyInterface;

    /// <summary>Key (L2), CfnKey and CfnReplicaKey (L1): the constructs that are a KMS key in the template.</summary>
    private readonly ImmutableArray<INamedTypeSymbol> _keyClasses;

    /// <summary>CfnKey and CfnReplicaKey: their template properties are settable on the construct itself.</summary>
    private readonly ImmutableArray<INamedTypeSymbol> _l1KeyClasses;

    /// <summary><c>Amazon.CDK.RemovalPolicy</c>: DESTROY becomes <c>DeletionPolicy: Delete</c>.</summary>
    public INamedTypeSymbol RemovalPolicy { get; }

    /// <summary><c>Amazon.CDK.CfnDeletionPolicy</c>, the type of <c>CfnOptions.DeletionPolicy</c>.</summary>
    public INamedTypeSymbol DeletionPolicy { get; }

    public INamedTypeSymbol Duration { get; }

    /// <summary><c>Amazon.CDK.AWS.KMS.KeyProps</c>, the L2 key's properties.</summary>
    public INamedTypeSymbol KeyProps { get; }

    public object? DestroyValue { get; }

    public object? DeleteValue { get; }

    public static CdkApi? TryCreate(Compilation compilation)
    {
        // RemovalPolicy first: in a compilation without the CDK this one lookup is all the rules cost.
        if (compilation.GetTypeByMetadataName("Amazon.CDK.RemovalPolicy") is not { TypeKind: TypeKind.Enum } removalPolicy
            || compilation.GetTypeByMetadataName("Amazon.CDK.CfnDeletionPolicy") is not { TypeKind: TypeKind.Enum } deletionPolicy
            || compilation.GetTypeByMetadataName("Amazon.CDK.Duration") is not { } duration
            || compilation.GetTypeByMetadataName("Amazon.CDK.AWS.KMS.KeyProps") is not { } keyProps
            || compilation.GetTypeByMetadataName("Amazon.CDK.AWS.KMS.CfnKeyProps") is not { } cfnKeyProps
            || compilation.GetTypeByMetadataName("Amazon.CDK.AWS.KMS.CfnReplicaKeyProps") is not { } cfnReplicaKeyProps
            || compilation.GetTypeByMetadataName("Amazon.CDK.AWS.KMS.Key") is not { } key
            || compilation.GetTypeByMetadataName("Amazon.CDK.AWS.KMS.IKey") is not { TypeKind: TypeKind.Interface } keyInterface
            || compilation.GetTypeByMetadataName("Amazon.CDK.AWS.KMS.CfnKey") is not { } cfnKey
            || compilation.GetTypeByMetadataName("Amazon.CDK.AWS.KMS.CfnReplicaKey") is not { } cfnReplicaKey)
        {
            return null;
        }

        return new CdkApi(removalPolicy, deletionPolicy, duration, keyProps, cfnKeyProps, cfnReplicaKeyProps, key, keyInterface, cfnKey, cfnReplicaKey);
    }

    /// <summary>
    /// The type that declares a key's template property: KeyProps, CfnKeyProps, CfnReplicaKeyProps, or an L1 key
    /// construct (or a subclass). Not a class of the application that merely implements <c>IKey</c>.
    /// </summary>
    public bool IsKeyPropertyHolder(INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, KeyProps)
        || SymbolEqualityComparer.Default.Equals(type, _cfnKeyProps)
        || SymbolEqualityComparer.Default.Equals(type, _cfnReplicaKeyProps)
        || DerivesFromAny(type, _l1KeyClasses);

    /// <summary>A Key, CfnKey or CfnReplicaKey, a subclass of one, or an <c>IKey</c>.</summary>
    public bool IsKeyConstructType(ITypeSymbol? type) =>
        type is not null
        && (SymbolEqualityComparer.Default.Equals(type, _keyInterface)
            || type.AllInterfaces.Contains(_keyInterface, SymbolEqualityComparer.Default)
            || DerivesFromAny(type, _keyClasses));

    private static bool DerivesFromAny(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> classes)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (classes.Contains(current, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The receiver is a KMS key construct: typed as one, or — through casts and locals of the member — the escape
    /// hatch <c>key.Node.DefaultChild</c> of a Key, which is its CfnKey.
    /// </summary>
    public bool IsKeyConstruct(IOperation receiver)
    {
        if (IsKeyConstructType(receiver.Type))
        {
            return true;
        }

        // Only a CfnResource can be a key's default child: a Bucket or a LogGroup needs no further look.
        if (receiver.Type is not { Name: "CfnResource" } || !SymbolEqualityComparer.Default.Equals(receiver.Type.ContainingNamespace, RemovalPolicy.ContainingNamespace))
        {
            return false;
        }

        foreach (var value in PossibleValues.Of(receiver))
        {
            if (IsKeyConstructType(value.Value.Type)
                || value.Value is IPropertyReferenceOperation { Property.Name: "DefaultChild", Instance: IPropertyReferenceOperation { Property.Name: "Node", Instance: { } owner } }
                   && IsKeyConstructType(owner.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>CfnOptions</c> of a KMS key construct, directly or through a local of the member.</summary>
    public bool IsKeyResourceOptions(IOperation? options)
    {
        if (options is null)
        {
            return false;
        }

        foreach (var value in PossibleValues.Of(options))
        {
            if (value.Value is IPropertyReferenceOperation { Property.Name: "CfnOptions", Instance: { } owner } && IsKeyConstruct(owner))
            {
                return true;
            }
        }

        return false;
    }

    private static object? EnumValue(INamedTypeSymbol enumType, string memberName) =>
        enumType.GetMembers(memberName).OfType<IFieldSymbol>().FirstOrDefault() is { HasConstantValue: true } field
            ? field.ConstantValue
            : null;
}
