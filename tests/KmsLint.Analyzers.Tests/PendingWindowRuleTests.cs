using KmsLint.Analyzers.Tests.Verification;
using Xunit;
using Verify = KmsLint.Analyzers.Tests.Verification.AnalyzerVerifier<KmsLint.Analyzers.KeyDestroyingCallAnalyzer>;

namespace KmsLint.Analyzers.Tests;

/// <summary>KMS005. The classes under test are guarded so that only the window is in question.</summary>
public sealed class PendingWindowRuleTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Amazon.KeyManagementService;
        using Amazon.KeyManagementService.Model;
        using KmsLint;

        """;

    [Fact]
    public Task Constant_window_below_the_default_minimum_in_the_object_initializer_is_reported() =>
        Verify.VerifyAsync(
            Usings + """
            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                Task Run(IAmazonKeyManagementService kms) =>
                    kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = "key-1", PendingWindowInDays = {|#0:7|} });
            }
            """,
            Verify.Diagnostic("KMS005").WithLocation(0)
                .WithMessage("'ScheduleKeyDeletionAsync' schedules key deletion with a pending window of 7 days, below the minimum of 30 days"));

    [Fact]
    public Task Window_at_the_minimum_or_not_constant_is_not_reported() =>
        Verify.VerifyAsync(Usings + """
            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                async Task Run(IAmazonKeyManagementService kms, int days)
                {
                    await kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = "key-1", PendingWindowInDays = 30 });
                    await kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = "key-1", PendingWindowInDays = days });
                    await kms.ScheduleKeyDeletionAsync("key-1", days);
                    await kms.ScheduleKeyDeletionAsync("key-1");
                }
            }
            """);

    [Fact]
    public Task Property_assignment_on_the_request_and_the_window_argument_are_reported() =>
        Verify.VerifyAsync(Usings + """
            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                const int Week = 7;

                async Task Run(IAmazonKeyManagementService kms)
                {
                    var request = new ScheduleKeyDeletionRequest { KeyId = "key-1" };
                    request.PendingWindowInDays = {|KMS005:Week|};
                    await kms.ScheduleKeyDeletionAsync(request);
                    await kms.ScheduleKeyDeletionAsync("key-2", {|KMS005:10|});
                }
            }
            """);

    [Fact]
    public Task Request_shared_by_two_calls_is_reported_once() =>
        Verify.VerifyAsync(Usings + """
            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                async Task Run(IAmazonKeyManagementService kms)
                {
                    var request = new ScheduleKeyDeletionRequest { KeyId = "key-1", PendingWindowInDays = {|KMS005:7|} };
                    await kms.ScheduleKeyDeletionAsync(request);
                    await kms.ScheduleKeyDeletionAsync(request);
                }
            }
            """);

    [Fact]
    public Task Unguarded_call_reports_both_the_missing_guard_and_the_short_window() =>
        Verify.VerifyAsync(Usings + """
            class Cleanup
            {
                Task Run(IAmazonKeyManagementService kms) => kms.{|KMS001:ScheduleKeyDeletionAsync|}("key-1", {|KMS005:7|});
            }
            """);

    [Fact]
    public Task Guarded_call_is_still_reported() =>
        Verify.VerifyAsync(Usings + """
            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                [KeyLifecycleChange("CHG-1")]
                Task Run(IAmazonKeyManagementService kms) => kms.ScheduleKeyDeletionAsync("key-1", {|KMS005:7|});
            }
            """);

    [Theory]
    [InlineData("7", "7", false)]
    [InlineData("10", "7", true)]
    [InlineData("10", "10", false)]
    [InlineData("3", "20", true)] // below what AWS allows: the default of 30 stays in force
    public Task Minimum_is_configurable(string minimum, string window, bool reported) =>
        Verify.VerifyAsync(
            Usings + $$"""
            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                Task Run(IAmazonKeyManagementService kms) => kms.ScheduleKeyDeletionAsync("key-1", {{(reported ? "{|KMS005:" + window + "|}" : window)}});
            }
            """,
            KmsTestReferences.EditorConfig($"kmslint.min_pending_window_days = {minimum}"));

    [Fact]
    public Task Minimum_can_come_from_a_globalconfig() =>
        Verify.VerifyAsync(
            Usings + """
            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                async Task Run(IAmazonKeyManagementService kms)
                {
                    await kms.ScheduleKeyDeletionAsync("key-1", 10);
                    await kms.ScheduleKeyDeletionAsync("key-2", {|KMS005:9|});
                }
            }
            """,
            ("/.globalconfig", "is_global = true\nkmslint.min_pending_window_days = 10\n"));

    [Fact]
    public Task Unrelated_request_types_and_calls_in_expression_trees_are_not_reported() =>
        Verify.VerifyAsync(Usings + """
            class Other
            {
                public int PendingWindowInDays { get; set; }
                public Task ScheduleKeyDeletionAsync(string keyId, int pendingWindowInDays) => Task.CompletedTask;
            }

            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                void Setup(System.Linq.Expressions.Expression<System.Func<IAmazonKeyManagementService, Task>> call) { }

                async Task Run(Other other)
                {
                    _ = new Other { PendingWindowInDays = 1 };
                    await other.ScheduleKeyDeletionAsync("key-1", 1);
                    Setup(c => c.ScheduleKeyDeletionAsync("key-1", 7, default));
                }
            }
            """);

    [Fact]
    public Task AwsSdk_v3_shape_int_window_and_sync_overload_are_reported() =>
        Verify.VerifyWithoutAwsSdkAsync(
            AwsSdkV3Stub.Source + """

            [KmsLint.KeyLifecycleChange("CHG-1")]
            class LegacyCleanup
            {
                void Run(Amazon.KeyManagementService.IAmazonKeyManagementService kms)
                {
                    kms.ScheduleKeyDeletion("key-1", {|KMS005:7|});
                    kms.ScheduleKeyDeletion(new Amazon.KeyManagementService.Model.ScheduleKeyDeletionRequest { PendingWindowInDays = {|KMS005:14|} });
                }
            }
            """,
            editorConfig: null);
}
