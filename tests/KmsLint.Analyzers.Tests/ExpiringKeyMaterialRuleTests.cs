using Xunit;
using Verify = KmsLint.Analyzers.Tests.Verification.AnalyzerVerifier<KmsLint.Analyzers.KeyDestroyingCallAnalyzer>;

namespace KmsLint.Analyzers.Tests;

/// <summary>KMS009 against the real AWS SDK v4 ImportKeyMaterialRequest.</summary>
public sealed class ExpiringKeyMaterialRuleTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Amazon.KeyManagementService;
        using Amazon.KeyManagementService.Model;
        using KmsLint;

        """;

    private const string Consequence = "the KMS key becomes unusable when it does, without a [KeyLifecycleChange] guard naming the approved change request";

    [Fact]
    public Task KEY_MATERIAL_EXPIRES_is_reported_at_the_assignment() =>
        Verify.VerifyAsync(
            Usings + """
            class Importer
            {
                Task Run(IAmazonKeyManagementService kms, MemoryStream material, MemoryStream token) =>
                    kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
                    {
                        KeyId = "key-1",
                        EncryptedKeyMaterial = material,
                        ImportToken = token,
                        {|#0:ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES|},
                        ValidTo = DateTime.UtcNow.AddDays(365),
                    });
            }
            """,
            Verify.Diagnostic("KMS009").WithLocation(0)
                .WithMessage("'ImportKeyMaterialAsync' imports key material that expires (ExpirationModel = KEY_MATERIAL_EXPIRES): " + Consequence));

    [Fact]
    public Task ValidTo_with_the_default_expiration_model_is_reported_at_ValidTo() =>
        Verify.VerifyAsync(
            Usings + """
            class Importer
            {
                Task Run(IAmazonKeyManagementService kms) =>
                    kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { KeyId = "key-1", {|#0:ValidTo = DateTime.UtcNow.AddDays(30)|} });
            }
            """,
            Verify.Diagnostic("KMS009").WithLocation(0)
                .WithMessage("'ImportKeyMaterialAsync' imports key material that expires (ValidTo is set and ExpirationModel defaults to KEY_MATERIAL_EXPIRES): " + Consequence));

    [Fact]
    public Task Every_way_of_naming_the_expiring_model_is_reported() =>
        Verify.VerifyAsync(Usings + """
            class Importer
            {
                async Task Run(IAmazonKeyManagementService kms)
                {
                    await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { {|KMS009:ExpirationModel = "KEY_MATERIAL_EXPIRES"|} });
                    await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { {|KMS009:ExpirationModel = ExpirationModelType.FindValue("KEY_MATERIAL_EXPIRES")|} });
                    await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { {|KMS009:ExpirationModel = new ExpirationModelType("KEY_MATERIAL_EXPIRES")|} });
                }
            }
            """);

    [Fact]
    public Task Request_built_in_a_local_is_reported_once_at_the_argument_and_points_to_the_setting() =>
        Verify.VerifyAsync(
            Usings + """
            class Importer
            {
                async Task Run(IAmazonKeyManagementService kms, bool rotateYearly)
                {
                    var request = new ImportKeyMaterialRequest { KeyId = "key-1" };
                    var model = {|#1:rotateYearly ? ExpirationModelType.KEY_MATERIAL_EXPIRES : ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE|};
                    request.ExpirationModel = model;
                    await kms.ImportKeyMaterialAsync({|#0:request|});
                    await kms.ImportKeyMaterialAsync(request, default);
                }
            }
            """,
            Verify.Diagnostic("KMS009").WithLocation(0).WithLocation(1)
                .WithMessage("'ImportKeyMaterialAsync' imports key material that expires (ExpirationModel = KEY_MATERIAL_EXPIRES): " + Consequence));

    [Fact]
    public Task Material_that_does_not_expire_and_requests_not_visible_here_are_not_reported() =>
        Verify.VerifyAsync(Usings + """
            class Importer
            {
                async Task Run(IAmazonKeyManagementService kms, ImportKeyMaterialRequest fromCaller, ExpirationModelType chosen)
                {
                    await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { KeyId = "key-1", ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE });
                    await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { KeyId = "key-1", ExpirationModel = chosen, ValidTo = DateTime.UtcNow });
                    await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { KeyId = "key-1", ValidTo = null });
                    await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { KeyId = "key-1" });
                    await kms.ImportKeyMaterialAsync(fromCaller);
                    Func<ImportKeyMaterialRequest, System.Threading.CancellationToken, Task<ImportKeyMaterialResponse>> import = kms.ImportKeyMaterialAsync;
                }
            }
            """);

    [Fact]
    public Task Guard_accepts_it_and_a_malformed_guard_reports_KMS004() =>
        Verify.VerifyAsync(
            Usings + """
            class Importer
            {
                [KeyLifecycleChange("CHG-1234", Reason = "material rotates yearly by design")]
                Task Approved(IAmazonKeyManagementService kms) =>
                    kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES });

                [KeyLifecycleChange("soon")]
                Task Unticketed(IAmazonKeyManagementService kms) =>
                    kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { {|#0:ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES|} });
            }
            """,
            Verify.Diagnostic("KMS004").WithLocation(0)
                .WithMessage("'ImportKeyMaterialAsync' is not guarded: the change request 'soon' of [KeyLifecycleChange] does not match the pattern '^[A-Z][A-Z0-9]{1,9}-[0-9]+$'"));
}
