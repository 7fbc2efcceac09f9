using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsLint;

namespace KmsLint.Sample;

/// <summary>Retires old KMS keys and imports key material. Each method shows one KmsLint rule; see rules/KMSnnn.md.</summary>
public sealed class KeyJanitor(IAmazonKeyManagementService kms)
{
    // KMS001: schedules deletion without naming an approved change request.
    public Task RetireAsync(string keyId) =>
        kms.ScheduleKeyDeletionAsync(keyId);

    // KMS002: disables a key that other code may still need.
    public Task DisableAsync(string keyId) =>
        kms.DisableKeyAsync(keyId);

    // KMS003: imported key material is gone at once, no pending window.
    public Task WipeImportedMaterialAsync(string keyId) =>
        kms.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = keyId });

    // KMS004: the guard is there but names no change request.
    [KeyLifecycleChange("")]
    public Task RetireUnticketedAsync(string keyId) =>
        kms.ScheduleKeyDeletionAsync(keyId);

    // KMS005: guarded, but a 7-day window leaves little time to notice and cancel.
    [KeyLifecycleChange("CHG-1234")]
    public Task RetireQuicklyAsync(string keyId) =>
        kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 7 });

    // No finding: approved change, full window.
    [KeyLifecycleChange("CHG-1234", Reason = "retire the 2019 signing key")]
    public Task RetireApprovedAsync(string keyId) =>
        kms.ScheduleKeyDeletionAsync(keyId, pendingWindowInDays: 30);

    // KMS009: imported key material that expires makes the key unusable a year from now.
    public Task ImportYearlyAsync(string keyId, MemoryStream material, MemoryStream token) =>
        kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = keyId,
            EncryptedKeyMaterial = material,
            ImportToken = token,
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = DateTime.UtcNow.AddDays(365),
        });
}
