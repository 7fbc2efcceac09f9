using KmsLint.Analyzers.Tests.Verification;
using Xunit;
using Verify = KmsLint.CodeFixes.Tests.CodeFixVerifier<KmsLint.Analyzers.KeyDestroyingCallAnalyzer, KmsLint.CodeFixes.RaisePendingWindowCodeFix>;

namespace KmsLint.CodeFixes.Tests;

public sealed class RaisePendingWindowCodeFixTests
{
    private const string Before = """
        using System.Threading.Tasks;
        using Amazon.KeyManagementService;
        using Amazon.KeyManagementService.Model;
        using KmsLint;

        [KeyLifecycleChange("CHG-1")]
        class KeyJanitor
        {
            const int Week = 7;

            async Task Run(IAmazonKeyManagementService kms)
            {
                await kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = "key-1", PendingWindowInDays = {|KMS005:7|} /* one week */ });
                await kms.ScheduleKeyDeletionAsync("key-2", {|KMS005:Week|});
            }
        }
        """;

    [Fact]
    public Task Raises_every_short_window_to_the_default_minimum() =>
        Verify.VerifyAsync(
            Before,
            Before.Replace("{|KMS005:7|}", "30").Replace("{|KMS005:Week|}", "30"));

    [Fact]
    public Task Raises_to_the_configured_minimum() =>
        Verify.VerifyAsync(
            Before,
            Before.Replace("{|KMS005:7|}", "14").Replace("{|KMS005:Week|}", "14"),
            KmsTestReferences.EditorConfig("kmslint.min_pending_window_days = 14"));
}
