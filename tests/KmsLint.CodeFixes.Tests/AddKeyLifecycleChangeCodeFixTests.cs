using Xunit;
using Verify = KmsLint.CodeFixes.Tests.CodeFixVerifier<KmsLint.Analyzers.KeyDestroyingCallAnalyzer, KmsLint.CodeFixes.AddKeyLifecycleChangeCodeFix>;

namespace KmsLint.CodeFixes.Tests;

public sealed class AddKeyLifecycleChangeCodeFixTests
{
    [Fact]
    public Task Adds_the_attribute_above_the_method_after_its_doc_comment_and_imports_the_namespace() =>
        Verify.VerifyAsync(
            """
            // Copyright Acme.
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;

            namespace Acme.Cleanup;

            public class KeyJanitor
            {
                /// <summary>Retires the old key.</summary>
                public Task RetireAsync(IAmazonKeyManagementService kms) // retire
                    => kms.{|KMS001:ScheduleKeyDeletionAsync|}("key-1");
            }
            """,
            """
            // Copyright Acme.
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;
            using KmsLint;

            namespace Acme.Cleanup;

            public class KeyJanitor
            {
                /// <summary>Retires the old key.</summary>
                [KeyLifecycleChange("")]
                public Task RetireAsync(IAmazonKeyManagementService kms) // retire
                    => kms.{|KMS004:ScheduleKeyDeletionAsync|}("key-1");
            }
            """);

    [Fact]
    public Task Guards_the_innermost_local_function_constructor_or_method_around_a_lambda_after_existing_attributes() =>
        Verify.VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;
            using KmsLint;

            class KeyJanitor
            {
                KeyJanitor(IAmazonKeyManagementService kms)
                {
                    kms.{|KMS002:DisableKeyAsync|}("key-1");
                }

                [Obsolete("use the runbook")]
                void Later(IAmazonKeyManagementService kms)
                {
                    Func<Task> later = () => kms.{|KMS003:DeleteImportedKeyMaterialAsync|}(new Amazon.KeyManagementService.Model.DeleteImportedKeyMaterialRequest());
                }

                Task Retire(IAmazonKeyManagementService kms)
                {
                    return Disable();

                    Task Disable()
                    {
                        return kms.{|KMS002:DisableKeyAsync|}("key-1");
                    }
                }
            }
            """,
            """
            using System;
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;
            using KmsLint;

            class KeyJanitor
            {
                [KeyLifecycleChange("")]
                KeyJanitor(IAmazonKeyManagementService kms)
                {
                    kms.{|KMS004:DisableKeyAsync|}("key-1");
                }

                [Obsolete("use the runbook")]
                [KeyLifecycleChange("")]
                void Later(IAmazonKeyManagementService kms)
                {
                    Func<Task> later = () => kms.{|KMS004:DeleteImportedKeyMaterialAsync|}(new Amazon.KeyManagementService.Model.DeleteImportedKeyMaterialRequest());
                }

                Task Retire(IAmazonKeyManagementService kms)
                {
                    return Disable();

                    [KeyLifecycleChange("")]
                    Task Disable()
                    {
                        return kms.{|KMS004:DisableKeyAsync|}("key-1");
                    }
                }
            }
            """);

    [Fact]
    public Task Fix_all_puts_one_attribute_per_member_across_documents() =>
        Verify.VerifyAsync(
            new[]
            {
                """
                using System.Threading.Tasks;
                using Amazon.KeyManagementService;

                class First
                {
                    async Task Run(IAmazonKeyManagementService kms)
                    {
                        await kms.{|KMS002:DisableKeyAsync|}("key-1");
                        await kms.{|KMS001:ScheduleKeyDeletionAsync|}("key-1");
                    }

                    Task Other(IAmazonKeyManagementService kms) => kms.{|KMS003:DeleteCustomKeyStoreAsync|}(new Amazon.KeyManagementService.Model.DeleteCustomKeyStoreRequest());
                }
                """,
                """
                using Amazon.KeyManagementService;

                class Second
                {
                    System.Threading.Tasks.Task Run(IAmazonKeyManagementService kms) => kms.{|KMS002:DisableKeyAsync|}("key-2");
                }
                """,
            },
            new[]
            {
                """
                using System.Threading.Tasks;
                using Amazon.KeyManagementService;
                using KmsLint;

                class First
                {
                    [KeyLifecycleChange("")]
                    async Task Run(IAmazonKeyManagementService kms)
                    {
                        await kms.{|KMS004:DisableKeyAsync|}("key-1");
                        await kms.{|KMS004:ScheduleKeyDeletionAsync|}("key-1");
                    }

                    [KeyLifecycleChange("")]
                    Task Other(IAmazonKeyManagementService kms) => kms.{|KMS004:DeleteCustomKeyStoreAsync|}(new Amazon.KeyManagementService.Model.DeleteCustomKeyStoreRequest());
                }
                """,
                """
                using Amazon.KeyManagementService;
                using KmsLint;

                class Second
                {
                    [KeyLifecycleChange("")]
                    System.Threading.Tasks.Task Run(IAmazonKeyManagementService kms) => kms.{|KMS004:DisableKeyAsync|}("key-2");
                }
                """,
            });

    [Fact]
    public Task Property_is_guarded_and_a_file_without_usings_gets_one_above_the_code() =>
        Verify.VerifyAsync(
            """
            class KeyJanitor
            {
                private readonly Amazon.KeyManagementService.IAmazonKeyManagementService _kms = null!;

                System.Threading.Tasks.Task Disabling => _kms.{|KMS002:DisableKeyAsync|}("key-1");
            }
            """,
            """
            using KmsLint;

            class KeyJanitor
            {
                private readonly Amazon.KeyManagementService.IAmazonKeyManagementService _kms = null!;

                [KeyLifecycleChange("")]
                System.Threading.Tasks.Task Disabling => _kms.{|KMS004:DisableKeyAsync|}("key-1");
            }
            """);

    [Fact]
    public Task No_fix_for_a_call_in_a_field_initializer() =>
        Verify.VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;

            class KeyJanitor
            {
                static readonly IAmazonKeyManagementService Kms = new AmazonKeyManagementServiceClient();
                readonly Task _pending = Kms.{|KMS002:DisableKeyAsync|}("key-1");
            }
            """,
            """
            using System;
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;

            class KeyJanitor
            {
                static readonly IAmazonKeyManagementService Kms = new AmazonKeyManagementServiceClient();
                readonly Task _pending = Kms.{|KMS002:DisableKeyAsync|}("key-1");
            }
            """);

    [Fact]
    public Task KMS009_on_a_request_built_in_a_local_is_guarded_on_the_method() =>
        Verify.VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;
            using Amazon.KeyManagementService.Model;

            class Importer
            {
                Task ImportAsync(IAmazonKeyManagementService kms)
                {
                    var request = new ImportKeyMaterialRequest { KeyId = "key-1" };
                    request.ValidTo = DateTime.UtcNow.AddDays(365);
                    return kms.ImportKeyMaterialAsync({|KMS009:request|});
                }
            }
            """,
            """
            using System;
            using System.Threading.Tasks;
            using Amazon.KeyManagementService;
            using Amazon.KeyManagementService.Model;
            using KmsLint;

            class Importer
            {
                [KeyLifecycleChange("")]
                Task ImportAsync(IAmazonKeyManagementService kms)
                {
                    var request = new ImportKeyMaterialRequest { KeyId = "key-1" };
                    request.ValidTo = DateTime.UtcNow.AddDays(365);
                    return kms.ImportKeyMaterialAsync({|KMS004:request|});
                }
            }
            """);
}
