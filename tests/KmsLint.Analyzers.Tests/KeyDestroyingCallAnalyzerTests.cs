using KmsLint.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = KmsLint.Analyzers.Tests.Verification.AnalyzerVerifier<KmsLint.Analyzers.KeyDestroyingCallAnalyzer>;

namespace KmsLint.Analyzers.Tests;

public sealed class KeyDestroyingCallAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Amazon.KeyManagementService;
        using Amazon.KeyManagementService.Model;
        using KmsLint;

        """;

    [Theory]
    [InlineData("ScheduleKeyDeletionAsync", "ScheduleKeyDeletionRequest", "KMS001")]
    [InlineData("DisableKeyAsync", "DisableKeyRequest", "KMS002")]
    [InlineData("DeleteImportedKeyMaterialAsync", "DeleteImportedKeyMaterialRequest", "KMS003")]
    [InlineData("DisconnectCustomKeyStoreAsync", "DisconnectCustomKeyStoreRequest", "KMS003")]
    [InlineData("DeleteCustomKeyStoreAsync", "DeleteCustomKeyStoreRequest", "KMS003")]
    public Task Unguarded_call_through_the_interface_is_reported(string method, string request, string ruleId) =>
        Verify.VerifyAsync(Usings + $$"""
            class Cleanup
            {
                Task Run(IAmazonKeyManagementService kms) => kms.{|{{ruleId}}:{{method}}|}(new {{request}}());
            }
            """);

    [Fact]
    public Task Message_names_the_api_and_the_way_out() =>
        Verify.VerifyAsync(
            Usings + """
            class Cleanup
            {
                Task Run(IAmazonKeyManagementService kms) => kms.ScheduleKeyDeletionAsync("key-1");
            }
            """,
            Verify.Diagnostic("KMS001")
                .WithSpan(9, 54, 9, 78)
                .WithMessage("'ScheduleKeyDeletionAsync' schedules deletion of a KMS key without a [KeyLifecycleChange] guard naming the approved change request"));

    [Fact]
    public Task Every_overload_of_ScheduleKeyDeletionAsync_is_reported() =>
        Verify.VerifyAsync(Usings + """
            class Cleanup
            {
                async Task Run(IAmazonKeyManagementService kms)
                {
                    await kms.{|KMS001:ScheduleKeyDeletionAsync|}("key-1");
                    await kms.{|KMS001:ScheduleKeyDeletionAsync|}("key-1", 30);
                    await kms.{|KMS001:ScheduleKeyDeletionAsync|}(new ScheduleKeyDeletionRequest { KeyId = "key-1" });
                    await kms.{|KMS002:DisableKeyAsync|}("key-1");
                }
            }
            """);

    [Fact]
    public Task Calls_on_the_client_class_a_subclass_base_and_null_conditional_are_reported() =>
        Verify.VerifyAsync(Usings + """
            class AuditedClient : AmazonKeyManagementServiceClient
            {
                public override Task<DisableKeyResponse> DisableKeyAsync(DisableKeyRequest request, System.Threading.CancellationToken token = default)
                    => base.{|KMS002:DisableKeyAsync|}(request, token);
            }

            class Cleanup
            {
                async Task Run(AmazonKeyManagementServiceClient client, AuditedClient audited, IAmazonKeyManagementService? maybe)
                {
                    await client.{|KMS001:ScheduleKeyDeletionAsync|}("key-1");
                    await audited.{|KMS002:DisableKeyAsync|}(new DisableKeyRequest());
                    await maybe?.{|KMS002:DisableKeyAsync|}("key-1")!;
                }
            }
            """);

    [Fact]
    public Task Method_group_converted_to_a_delegate_is_reported() =>
        Verify.VerifyAsync(Usings + """
            class Cleanup
            {
                Func<string, System.Threading.CancellationToken, Task<DisableKeyResponse>> Disabler(IAmazonKeyManagementService kms)
                    => kms.{|KMS002:DisableKeyAsync|};
            }
            """);

    [Fact]
    public Task Nameof_expression_trees_and_unrelated_types_are_not_calls() =>
        Verify.VerifyAsync(Usings + """
            class Mock<T>
            {
                public void Setup<TResult>(Expression<Func<T, TResult>> call) { }
            }

            class Unrelated
            {
                public Task ScheduleKeyDeletionAsync(string keyId) => Task.CompletedTask;
                public void DisableKey(string keyId) { }
            }

            class Cleanup
            {
                string Name => nameof(IAmazonKeyManagementService.ScheduleKeyDeletionAsync);

                async Task Run(IAmazonKeyManagementService kms, Mock<IAmazonKeyManagementService> mock, Unrelated other)
                {
                    _ = nameof(kms.DisableKeyAsync);
                    mock.Setup(c => c.ScheduleKeyDeletionAsync("key-1", default));
                    mock.Setup(c => c.DisableKeyAsync(new DisableKeyRequest(), default));
                    await other.ScheduleKeyDeletionAsync("key-1");
                    other.DisableKey("key-1");
                    await kms.DisableKeyRotationAsync("key-1");
                }
            }
            """);

    [Fact]
    public Task A_guard_on_the_method_lambda_local_function_constructor_or_property_guards_the_call() =>
        Verify.VerifyAsync(Usings + """
            class Cleanup
            {
                private readonly IAmazonKeyManagementService _kms;

                [KeyLifecycleChange("CHG-1")]
                Cleanup(IAmazonKeyManagementService kms)
                {
                    _kms = kms;
                    _kms.DisableKeyAsync("key-1");
                }

                [KeyLifecycleChange("CHG-2", Reason = "retire the 2019 key")]
                Task Method() => _kms.ScheduleKeyDeletionAsync("key-1");

                Func<Task> Lambda() => [KeyLifecycleChange("CHG-3")] () => _kms.DisableKeyAsync("key-1");

                Task LocalFunction()
                {
                    return Disable();

                    [KeyLifecycleChange("OPS-77")]
                    Task Disable() => _kms.DisableKeyAsync("key-1");
                }

                [KeyLifecycleChange("CHG-4")]
                Task Property => _kms.DisableKeyAsync("key-1");

                Task Unguarded() => _kms.{|KMS002:DisableKeyAsync|}("key-1");
            }
            """);

    [Fact]
    public Task A_guard_on_any_partial_declaration_or_an_outer_type_guards_the_call() =>
        Verify.VerifyAsync(Usings + """
            [KeyLifecycleChange("CHG-10")]
            partial class Decommission
            {
            }

            partial class Decommission
            {
                Task Run(IAmazonKeyManagementService kms) => kms.ScheduleKeyDeletionAsync("key-1");

                class Nested
                {
                    Task Run(IAmazonKeyManagementService kms) => kms.DisableKeyAsync("key-1");
                }
            }

            class Elsewhere
            {
                Task Run(IAmazonKeyManagementService kms) => kms.{|KMS002:DisableKeyAsync|}("key-1");
            }
            """);

    [Fact]
    public Task Guard_without_a_valid_change_request_is_reported_as_KMS004_instead() =>
        Verify.VerifyAsync(
            Usings + """
            class Cleanup
            {
                [KeyLifecycleChange("")]
                Task Empty(IAmazonKeyManagementService kms) => kms.ScheduleKeyDeletionAsync("key-1");

                [KeyLifecycleChange("ticket 12")]
                Task WrongFormat(IAmazonKeyManagementService kms) => kms.DisableKeyAsync("key-1");

                [{|CS7036:KeyLifecycleChange|}]
                Task Missing(IAmazonKeyManagementService kms) => kms.DisableKeyAsync("key-1");

                static string Ticket() => "CHG-1";

                [KeyLifecycleChange({|CS0182:Ticket()|})]
                Task NotConstant(IAmazonKeyManagementService kms) => kms.DisableKeyAsync("key-1");
            }
            """,
            Verify.Diagnostic("KMS004").WithSpan(10, 56, 10, 80)
                .WithMessage("'ScheduleKeyDeletionAsync' is not guarded: the change request of [KeyLifecycleChange] is empty; name the approved change request, e.g. \"CHG-1234\""),
            Verify.Diagnostic("KMS004").WithSpan(13, 62, 13, 77)
                .WithMessage("'DisableKeyAsync' is not guarded: the change request 'ticket 12' of [KeyLifecycleChange] does not match the pattern '^[A-Z][A-Z0-9]{1,9}-[0-9]+$'"),
            Verify.Diagnostic("KMS004").WithSpan(16, 58, 16, 73)
                .WithMessage("'DisableKeyAsync' is not guarded: [KeyLifecycleChange] names no change request"),
            Verify.Diagnostic("KMS004").WithSpan(21, 62, 21, 77)
                .WithMessage("'DisableKeyAsync' is not guarded: the change request of [KeyLifecycleChange] is not a compile-time constant string"));

    [Fact]
    public Task Nearest_guard_decides_so_a_broken_method_guard_is_not_hidden_by_a_guarded_type() =>
        Verify.VerifyAsync(Usings + """
            [KeyLifecycleChange("CHG-1")]
            class Cleanup
            {
                [KeyLifecycleChange(" ")]
                Task Run(IAmazonKeyManagementService kms) => kms.{|KMS004:DisableKeyAsync|}("key-1");
            }
            """);

    [Fact]
    public Task Each_distinct_cause_among_the_nearest_guards_is_its_own_KMS004() =>
        Verify.VerifyAsync(
            Usings + """
            namespace Acme
            {
                [AttributeUsage(AttributeTargets.Method)]
                class ApprovedChangeAttribute : Attribute
                {
                    public ApprovedChangeAttribute() { }
                }

                class Cleanup
                {
                    [KeyLifecycleChange("chg-1")]
                    [ApprovedChange]
                    Task Run(IAmazonKeyManagementService kms) => kms.{|#0:DisableKeyAsync|}("key-1");
                }
            }
            """,
            KmsTestReferences.EditorConfig("kmslint.guard_attributes = Acme.ApprovedChange"),
            Verify.Diagnostic("KMS004").WithLocation(0)
                .WithMessage("'DisableKeyAsync' is not guarded: the change request 'chg-1' of [KeyLifecycleChange] does not match the pattern '^[A-Z][A-Z0-9]{1,9}-[0-9]+$'"),
            Verify.Diagnostic("KMS004").WithLocation(0)
                .WithMessage("'DisableKeyAsync' is not guarded: [ApprovedChange] names no change request"));

    [Fact]
    public Task Configured_team_attribute_guards_the_call() =>
        Verify.VerifyAsync(
            Usings + """
            namespace Acme.Governance
            {
                class ApprovedChangeAttribute : Attribute
                {
                    public ApprovedChangeAttribute(string ticket) { }
                }

                class Cleanup
                {
                    [ApprovedChange("OPS-77")]
                    Task Run(IAmazonKeyManagementService kms) => kms.DisableKeyAsync("key-1");
                }
            }
            """,
            KmsTestReferences.EditorConfig("kmslint.guard_attributes = Other.Attribute, Acme.Governance.ApprovedChangeAttribute"));

    [Fact]
    public Task Team_attribute_is_no_guard_unless_configured() =>
        Verify.VerifyAsync(Usings + """
            class ApprovedChangeAttribute : Attribute
            {
                public ApprovedChangeAttribute(string ticket) { }
            }

            class Cleanup
            {
                [ApprovedChange("OPS-77")]
                Task Run(IAmazonKeyManagementService kms) => kms.{|KMS002:DisableKeyAsync|}("key-1");
            }
            """);

    [Theory]
    [InlineData("^JIRA-[0-9]+$", "JIRA-42", false)]
    [InlineData("^JIRA-[0-9]+$", "CHG-42", true)]
    [InlineData("(unclosed", "CHG-42", false)]
    public Task Change_request_pattern_is_configurable_and_an_invalid_pattern_falls_back_to_the_default(
        string pattern, string changeRequest, bool reported) =>
        Verify.VerifyAsync(
            Usings + $$"""
            class Cleanup
            {
                [KeyLifecycleChange("{{changeRequest}}")]
                Task Run(IAmazonKeyManagementService kms) => kms.{{(reported ? "{|KMS004:DisableKeyAsync|}" : "DisableKeyAsync")}}("key-1");
            }
            """,
            KmsTestReferences.EditorConfig($"kmslint.change_request_pattern = {pattern}"));

    private const string GeneratedCode = """
        // <auto-generated>
        //     Generated by a tool.
        // </auto-generated>
        using System.Threading.Tasks;
        using Amazon.KeyManagementService;

        class GeneratedCleanup
        {
            Task Run(IAmazonKeyManagementService kms) => kms.{|KMS002:DisableKeyAsync|}("key-1");
        }
        """;

    [Fact]
    public Task Generated_code_is_analyzed_by_default() => Verify.VerifyAsync(GeneratedCode);

    [Fact]
    public Task Generated_code_is_skipped_when_the_user_opts_out() =>
        Verify.VerifyAsync(
            GeneratedCode.Replace("{|KMS002:DisableKeyAsync|}", "DisableKeyAsync"),
            KmsTestReferences.EditorConfig("kmslint.analyze_generated_code = false"));

    [Fact]
    public Task Same_named_interface_outside_the_sdk_is_not_reported() =>
        Verify.VerifyWithoutAwsSdkAsync(
            """
            using System.Threading.Tasks;

            namespace MyCompany.Kms
            {
                interface IAmazonKeyManagementService
                {
                    Task DisableKeyAsync(string keyId);
                }

                class Cleanup
                {
                    Task Run(IAmazonKeyManagementService kms) => kms.DisableKeyAsync("key-1");
                }
            }
            """,
            editorConfig: null);

    [Fact]
    public Task AwsSdk_v3_shape_sync_methods_are_reported() =>
        Verify.VerifyWithoutAwsSdkAsync(
            AwsSdkV3Stub.Source + """

            class LegacyCleanup
            {
                void Run(Amazon.KeyManagementService.IAmazonKeyManagementService kms)
                {
                    kms.{|KMS001:ScheduleKeyDeletion|}("key-1", {|KMS005:7|});
                    kms.{|KMS001:ScheduleKeyDeletion|}(new Amazon.KeyManagementService.Model.ScheduleKeyDeletionRequest { KeyId = "key-1" });
                    kms.{|KMS002:DisableKey|}(new Amazon.KeyManagementService.Model.DisableKeyRequest());
                }
            }
            """,
            editorConfig: null);
}
