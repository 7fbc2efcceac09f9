using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace KmsLint.Analyzers;

/// <summary>
/// KMS009: an <c>ImportKeyMaterial</c> whose request makes the imported key material expire — <c>ExpirationModel</c>
/// set to <c>KEY_MATERIAL_EXPIRES</c>, or <c>ValidTo</c> given while <c>ExpirationModel</c> keeps its default, which
/// AWS documents as <c>KEY_MATERIAL_EXPIRES</c> (with any other model AWS rejects a <c>ValidTo</c>). Guarded like
/// KMS001–003. Checked from <see cref="KeyDestroyingCallAnalyzer"/>'s callback.
/// </summary>
public static class ExpiringKeyMaterialRule
{
    private const string RequestTypeName = "ImportKeyMaterialRequest";
    private const string ExpirationModelProperty = "ExpirationModel";
    private const string ValidToProperty = "ValidTo";
    private const string ExpiringModel = "KEY_MATERIAL_EXPIRES";

    public static readonly DiagnosticDescriptor Descriptor = new(
        RuleIdentifiers.ExpiringKeyMaterial,
        title: "Imported KMS key material is set to expire without an approved change request",
        messageFormat: "'{0}' imports key material that expires ({1}): the KMS key becomes unusable when it does, " + GuardedFinding.GuardAdvice,
        RuleIdentifiers.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When imported key material expires, KMS deletes it and every decrypt under the key fails until the same material is imported again. Import with KEY_MATERIAL_DOES_NOT_EXPIRE, or name the approved change request with [KeyLifecycleChange(\"CHG-1234\")].",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.ExpiringKeyMaterial));

    internal static void Check(
        OperationAnalysisContext context,
        IInvocationOperation invocation,
        KmsLintOptions options,
        ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> reported)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.Name != RequestTypeName
                || ExpiringSetting(argument.Value) is not { } setting
                || !reported.TryAdd((setting.Location.SourceTree!, setting.Location.SourceSpan), 0))
            {
                continue;
            }

            // At the setting when the call holds it (an initializer in the argument); else at the argument, with
            // the setting as additional location: Roslyn files a finding outside the call as non-local (no fix).
            var inCall = invocation.Syntax.Span.Contains(setting.Location.SourceSpan);
            var location = inCall ? setting.Location : argument.Syntax.GetLocation();
            var additional = inCall ? Array.Empty<Location>() : new[] { setting.Location };
            var method = invocation.TargetMethod.Name;
            GuardedFinding.Report(context, invocation, options, method, location,
                () => Diagnostic.Create(Descriptor, location, additional, method, setting.Reason));
        }
    }

    private static (Location Location, string Reason)? ExpiringSetting(IOperation request)
    {
        var models = RequestProperties.ValuesSetOn(request, ExpirationModelProperty).ToList();
        foreach (var model in models)
        {
            foreach (var value in PossibleValues.Of(model))
            {
                if (IsExpiringModel(value.Value))
                {
                    return (SettingLocation(model, value), $"{ExpirationModelProperty} = {ExpiringModel}");
                }
            }
        }

        if (models.Count > 0)
        {
            return null;
        }

        foreach (var validTo in RequestProperties.ValuesSetOn(request, ValidToProperty))
        {
            foreach (var value in PossibleValues.Of(validTo))
            {
                if (value.Value.ConstantValue is not { HasValue: true, Value: null })
                {
                    return (SettingLocation(validTo, value), $"{ValidToProperty} is set and {ExpirationModelProperty} defaults to {ExpiringModel}");
                }
            }
        }

        return null;
    }

    /// <summary>The assignment that sets the property, or the initializer of the local that held the value.</summary>
    private static Location SettingLocation(IOperation assignedValue, PossibleValue value) =>
        (value.WrittenToLocalAt ?? assignedValue.Parent ?? assignedValue).Syntax.GetLocation();

    private static bool IsExpiringModel(IOperation value) => value switch
    {
        IFieldReferenceOperation { Field: { Name: ExpiringModel } field } => IsExpirationModelType(field.ContainingType),
        { ConstantValue: { HasValue: true, Value: ExpiringModel } } => true,
        IObjectCreationOperation creation => IsExpiringName(creation.Arguments) && IsExpirationModelType(creation.Type),
        IInvocationOperation { TargetMethod.Name: "FindValue" } lookup => IsExpiringName(lookup.Arguments) && IsExpirationModelType(lookup.TargetMethod.ContainingType),
        _ => false,
    };

    /// <summary><c>new ExpirationModelType("KEY_MATERIAL_EXPIRES")</c>, <c>ExpirationModelType.FindValue("KEY_MATERIAL_EXPIRES")</c>.</summary>
    private static bool IsExpiringName(ImmutableArray<IArgumentOperation> arguments) =>
        arguments.Length == 1 && arguments[0].Value.ConstantValue is { HasValue: true, Value: ExpiringModel };

    private static bool IsExpirationModelType(ITypeSymbol? type) =>
        type is { Name: "ExpirationModelType", ContainingNamespace.Name: "KeyManagementService" };
}
