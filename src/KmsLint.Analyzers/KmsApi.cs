using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace KmsLint.Analyzers;

/// <summary>The operations of the AWS KMS client that the rules know about: key-destroying ones, and the import that can set key material to expire.</summary>
internal enum KmsOperation
{
    ScheduleKeyDeletion,
    DisableKey,
    DeleteImportedKeyMaterial,
    DisconnectCustomKeyStore,
    DeleteCustomKeyStore,
    ImportKeyMaterial,
}

/// <summary>
/// The KMS client interface of one compilation, resolved once, and the test "is this method one of its
/// key-destroying operations" — declared on the interface, implementing it, or overriding an implementation.
/// </summary>
internal sealed class KmsApi
{
    private const string ServiceInterfaceName = "Amazon.KeyManagementService.IAmazonKeyManagementService";

    private readonly INamedTypeSymbol _serviceInterface;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _isServiceMethod = new(SymbolEqualityComparer.Default);

    private KmsApi(INamedTypeSymbol serviceInterface) => _serviceInterface = serviceInterface;

    /// <summary>Null when the compilation does not reference the AWS KMS SDK: then no rule has anything to do.</summary>
    public static KmsApi? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName(ServiceInterfaceName) is { TypeKind: TypeKind.Interface } serviceInterface
            ? new KmsApi(serviceInterface)
            : null;

    /// <summary>The name check comes first: it rejects almost every method before any symbol work.</summary>
    public KmsOperation? Classify(IMethodSymbol method)
    {
        var operation = OperationFromName(method.Name);
        if (operation is null)
        {
            return null;
        }

        return _isServiceMethod.GetOrAdd(method.OriginalDefinition, IsServiceMethod) ? operation : null;
    }

    public static KmsOperation? OperationFromName(string methodName) => methodName switch
    {
        "ScheduleKeyDeletion" or "ScheduleKeyDeletionAsync" => KmsOperation.ScheduleKeyDeletion,
        "DisableKey" or "DisableKeyAsync" => KmsOperation.DisableKey,
        "DeleteImportedKeyMaterial" or "DeleteImportedKeyMaterialAsync" => KmsOperation.DeleteImportedKeyMaterial,
        "DisconnectCustomKeyStore" or "DisconnectCustomKeyStoreAsync" => KmsOperation.DisconnectCustomKeyStore,
        "DeleteCustomKeyStore" or "DeleteCustomKeyStoreAsync" => KmsOperation.DeleteCustomKeyStore,
        "ImportKeyMaterial" or "ImportKeyMaterialAsync" => KmsOperation.ImportKeyMaterial,
        _ => null,
    };

    private bool IsServiceMethod(IMethodSymbol method)
    {
        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _serviceInterface))
        {
            return true;
        }

        // An override is a KMS call when the method it ultimately overrides implements the interface.
        var root = method;
        while (root.OverriddenMethod is { } overridden)
        {
            root = overridden;
        }

        foreach (var implemented in root.ExplicitInterfaceImplementations)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.ContainingType, _serviceInterface))
            {
                return true;
            }
        }

        var containingType = root.ContainingType;
        if (containingType is null || !containingType.AllInterfaces.Contains(_serviceInterface, SymbolEqualityComparer.Default))
        {
            return false;
        }

        foreach (var member in _serviceInterface.GetMembers(method.Name))
        {
            if (SymbolEqualityComparer.Default.Equals(containingType.FindImplementationForInterfaceMember(member), root))
            {
                return true;
            }
        }

        return false;
    }
}
