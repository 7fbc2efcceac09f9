namespace KmsLint.Analyzers.Tests;

/// <summary>
/// The AWS SDK v3 shape the rules must also understand — sync methods (.NET Framework build), an <c>int</c>
/// pending window and the <c>(keyId, pendingWindowInDays)</c> overload. v3 cannot be restored here, so the
/// tests compile this stub of exactly those members instead of the real assembly.
/// </summary>
internal static class AwsSdkV3Stub
{
    public const string Source = """
        namespace Amazon.KeyManagementService.Model
        {
            public class ScheduleKeyDeletionRequest
            {
                public string KeyId { get; set; }
                public int PendingWindowInDays { get; set; }
            }

            public class ScheduleKeyDeletionResponse { }
            public class DisableKeyRequest { public string KeyId { get; set; } }
            public class DisableKeyResponse { }
        }

        namespace Amazon.KeyManagementService
        {
            using Amazon.KeyManagementService.Model;

            public interface IAmazonKeyManagementService
            {
                ScheduleKeyDeletionResponse ScheduleKeyDeletion(string keyId);
                ScheduleKeyDeletionResponse ScheduleKeyDeletion(string keyId, int pendingWindowInDays);
                ScheduleKeyDeletionResponse ScheduleKeyDeletion(ScheduleKeyDeletionRequest request);
                DisableKeyResponse DisableKey(DisableKeyRequest request);
            }
        }

        """;
}
