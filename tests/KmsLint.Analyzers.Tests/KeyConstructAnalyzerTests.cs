using KmsLint.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = KmsLint.Analyzers.Tests.Verification.AnalyzerVerifier<KmsLint.Analyzers.KeyConstructAnalyzer>;

namespace KmsLint.Analyzers.Tests;

/// <summary>KMS006–KMS008 against the real Amazon.CDK.Lib 2.160.0 assembly.</summary>
public sealed class KeyConstructAnalyzerTests
{
    private const string Usings = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.KMS;
        using Amazon.CDK.AWS.Logs;
        using Amazon.CDK.AWS.S3;
        using Constructs;
        using KmsLint;

        """;

    private const string Destroyed = "CloudFormation deletes the KMS key when its stack is deleted or it is removed from the stack, without a [KeyLifecycleChange] guard naming the approved change request";

    [Fact]
    public Task RemovalPolicy_DESTROY_in_KeyProps_is_reported_at_the_assignment() =>
        Verify.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope) : base(scope, "Keys")
                {
                    new Key(this, "DataKey", new KeyProps { EnableKeyRotation = true, {|#0:RemovalPolicy = RemovalPolicy.DESTROY|} });
                }
            }
            """,
            Verify.Diagnostic("KMS006").WithLocation(0)
                .WithMessage("'RemovalPolicy' is RemovalPolicy.DESTROY: " + Destroyed));

    [Fact]
    public Task ApplyRemovalPolicy_DESTROY_on_every_kind_of_key_construct_is_reported_at_the_argument() =>
        Verify.VerifyWithCdkAsync(Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope, IKey imported) : base(scope, "Keys")
                {
                    var key = new Key(this, "DataKey");
                    key.ApplyRemovalPolicy({|KMS006:RemovalPolicy.DESTROY|});
                    new CfnKey(this, "L1Key", new CfnKeyProps()).ApplyRemovalPolicy({|KMS006:RemovalPolicy.DESTROY|});
                    var replica = new CfnReplicaKey(this, "Replica", new CfnReplicaKeyProps { PrimaryKeyArn = key.KeyArn, KeyPolicy = new object() });
                    replica.ApplyRemovalPolicy({|KMS006:RemovalPolicy.DESTROY|}, new RemovalPolicyOptions { ApplyToUpdateReplacePolicy = true });
                    imported.ApplyRemovalPolicy({|KMS006:RemovalPolicy.DESTROY|});
                    ((CfnResource)key.Node.DefaultChild!).ApplyRemovalPolicy({|KMS006:RemovalPolicy.DESTROY|});
                    var child = (CfnResource)key.Node.DefaultChild!;
                    child.ApplyRemovalPolicy({|KMS006:RemovalPolicy.DESTROY|});
                }
            }

            class ThrowawayKey : Key
            {
                public ThrowawayKey(Construct scope) : base(scope, "Throwaway") => ApplyRemovalPolicy({|KMS006:RemovalPolicy.DESTROY|});
            }
            """);

    [Fact]
    public Task DeletionPolicy_and_UpdateReplacePolicy_DELETE_on_a_key_CfnOptions_are_reported() =>
        Verify.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope) : base(scope, "Keys")
                {
                    var key = new CfnKey(this, "L1Key", new CfnKeyProps());
                    {|#0:key.CfnOptions.DeletionPolicy = CfnDeletionPolicy.DELETE|};
                    var options = key.CfnOptions;
                    {|#1:options.UpdateReplacePolicy = CfnDeletionPolicy.DELETE|};
                }
            }
            """,
            Verify.Diagnostic("KMS006").WithLocation(0)
                .WithMessage("'CfnOptions.DeletionPolicy' is CfnDeletionPolicy.DELETE: " + Destroyed),
            Verify.Diagnostic("KMS006").WithLocation(1)
                .WithMessage("'CfnOptions.UpdateReplacePolicy' is CfnDeletionPolicy.DELETE: CloudFormation deletes the KMS key when an update replaces it, without a [KeyLifecycleChange] guard naming the approved change request"));

    [Fact]
    public Task DESTROY_on_one_branch_or_through_a_constant_is_reported_at_the_assignment() =>
        Verify.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                const RemovalPolicy Throwaway = RemovalPolicy.DESTROY;

                public KeysStack(Construct scope, bool isDev, RemovalPolicy? configured) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps { {|#0:RemovalPolicy = isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN|} });
                    new Key(this, "B", new KeyProps { {|KMS006:RemovalPolicy = Throwaway|} });
                    new Key(this, "C", new KeyProps { {|KMS006:RemovalPolicy = configured ?? RemovalPolicy.DESTROY|} });
                    new Key(this, "D", new KeyProps { {|KMS006:RemovalPolicy = isDev switch { true => RemovalPolicy.DESTROY, false => RemovalPolicy.RETAIN }|} });
                }
            }
            """,
            Verify.Diagnostic("KMS006").WithLocation(0)
                .WithMessage("'RemovalPolicy' can be RemovalPolicy.DESTROY: " + Destroyed));

    [Fact]
    public Task DESTROY_through_a_local_is_reported_at_the_key_and_points_to_the_local_initializer() =>
        Verify.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope, bool isDev) : base(scope, "Keys")
                {
                    var removal = {|#1:isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN|};
                    new Bucket(this, "Logs", new BucketProps { RemovalPolicy = removal });
                    new Key(this, "DataKey", new KeyProps { {|#0:RemovalPolicy = removal|} });
                    RemovalPolicy later;
                    later = {|#3:RemovalPolicy.DESTROY|};
                    new CfnKey(this, "L1Key", new CfnKeyProps()).ApplyRemovalPolicy({|#2:later|});
                }
            }
            """,
            Verify.Diagnostic("KMS006").WithLocation(0).WithLocation(1)
                .WithMessage("'RemovalPolicy' can be RemovalPolicy.DESTROY through 'removal': " + Destroyed),
            Verify.Diagnostic("KMS006").WithLocation(2).WithLocation(3)
                .WithMessage("'ApplyRemovalPolicy' applies RemovalPolicy.DESTROY through 'later': " + Destroyed));

    [Fact]
    public Task Removal_policies_of_other_constructs_and_retained_keys_are_not_reported() =>
        Verify.VerifyWithCdkAsync(Usings + """
            class AppStack : Stack
            {
                public AppStack(Construct scope, RemovalPolicy configured) : base(scope, "App")
                {
                    new Key(this, "Default");
                    new Key(this, "Retained", new KeyProps { RemovalPolicy = RemovalPolicy.RETAIN });
                    new Key(this, "Configured", new KeyProps { RemovalPolicy = configured });
                    new Key(this, "Kept", new KeyProps { RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE }).ApplyRemovalPolicy(RemovalPolicy.RETAIN);
                    var bucket = new Bucket(this, "Logs", new BucketProps { RemovalPolicy = RemovalPolicy.DESTROY, AutoDeleteObjects = true });
                    bucket.ApplyRemovalPolicy(RemovalPolicy.DESTROY);
                    new LogGroup(this, "Group", new LogGroupProps { RemovalPolicy = RemovalPolicy.DESTROY });
                    ((CfnResource)bucket.Node.DefaultChild!).CfnOptions.DeletionPolicy = CfnDeletionPolicy.DELETE;
                    var key = new CfnKey(this, "L1Key", new CfnKeyProps());
                    key.CfnOptions.DeletionPolicy = CfnDeletionPolicy.RETAIN;
                    key.CfnOptions.UpdateReplacePolicy = CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE;
                    key.ApplyRemovalPolicy(null, new RemovalPolicyOptions { Default = RemovalPolicy.RETAIN });
                }
            }
            """);

    [Fact]
    public Task Guard_on_the_constructor_or_the_stack_accepts_KMS006_and_KMS008() =>
        Verify.VerifyWithCdkAsync(Usings + """
            class ScratchStack : Stack
            {
                [KeyLifecycleChange("CHG-1234")]
                public ScratchStack(Construct scope) : base(scope, "Scratch")
                {
                    new Key(this, "Scratch", new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY, Enabled = false });
                }
            }

            [KeyLifecycleChange("CHG-1234")]
            class TeardownStack : Stack
            {
                public TeardownStack(Construct scope) : base(scope, "Teardown") =>
                    new CfnKey(this, "Old", new CfnKeyProps { Enabled = false }).ApplyRemovalPolicy(RemovalPolicy.DESTROY);
            }
            """);

    [Fact]
    public Task Malformed_guard_reports_KMS004_at_the_finding() =>
        Verify.VerifyWithCdkAsync(
            Usings + """
            class ScratchStack : Stack
            {
                [KeyLifecycleChange("")]
                public ScratchStack(Construct scope) : base(scope, "Scratch")
                {
                    new Key(this, "Scratch", new KeyProps { {|#0:RemovalPolicy = RemovalPolicy.DESTROY|}, {|#1:Enabled = false|} });
                }
            }
            """,
            Verify.Diagnostic("KMS004").WithLocation(0)
                .WithMessage("'RemovalPolicy' is not guarded: the change request of [KeyLifecycleChange] is empty; name the approved change request, e.g. \"CHG-1234\""),
            Verify.Diagnostic("KMS004").WithLocation(1)
                .WithMessage("'Enabled' is not guarded: the change request of [KeyLifecycleChange] is empty; name the approved change request, e.g. \"CHG-1234\""));

    [Fact]
    public Task Short_pending_windows_are_reported_at_the_assignment_and_point_to_the_number() =>
        Verify.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                const int Week = 7;

                public KeysStack(Construct scope) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps { {|#0:PendingWindow = Duration.Days({|#1:7|})|} });
                    new Key(this, "B", new KeyProps { {|#3:PendingWindow = Duration.Days({|#4:Week|})|} });
                    new CfnKey(this, "C", new CfnKeyProps { {|#2:PendingWindowInDays = {|#5:10|}|} });
                    new CfnReplicaKey(this, "D", new CfnReplicaKeyProps { PrimaryKeyArn = "arn", KeyPolicy = new object(), {|KMS007:PendingWindowInDays = 14|} });
                    var l1 = new CfnKey(this, "E", new CfnKeyProps());
                    {|KMS007:l1.PendingWindowInDays = 20|};
                }
            }
            """,
            Verify.Diagnostic("KMS007").WithLocation(0).WithLocation(1)
                .WithMessage("'PendingWindow' gives the KMS key a pending window of 7 days, below the minimum of 30 days"),
            Verify.Diagnostic("KMS007").WithLocation(3).WithLocation(4).WithArguments("PendingWindow", "7", "30"),
            Verify.Diagnostic("KMS007").WithLocation(2).WithLocation(5)
                .WithMessage("'PendingWindowInDays' gives the KMS key a pending window of 10 days, below the minimum of 30 days"));

    [Fact]
    public Task Pending_window_is_reported_guarded_or_not_at_each_key_a_shared_local_reaches() =>
        Verify.VerifyWithCdkAsync(
            Usings + """
            [KeyLifecycleChange("CHG-1234")]
            class KeysStack : Stack
            {
                public KeysStack(Construct scope, bool isDev) : base(scope, "Keys")
                {
                    var window = Duration.Days(isDev ? {|#2:7|} : 30);
                    new Key(this, "A", new KeyProps { {|#0:PendingWindow = window|} });
                    new Key(this, "B", new KeyProps { {|#1:PendingWindow = window|} });
                }
            }
            """,
            Verify.Diagnostic("KMS007").WithLocation(0).WithLocation(2).WithArguments("PendingWindow", "7", "30"),
            Verify.Diagnostic("KMS007").WithLocation(1).WithLocation(2).WithArguments("PendingWindow", "7", "30"));

    [Fact]
    public Task Windows_at_the_minimum_computed_or_not_on_a_key_are_not_reported() =>
        Verify.VerifyWithCdkAsync(Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope, double days) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps { PendingWindow = Duration.Days(30) });
                    new Key(this, "B", new KeyProps { PendingWindow = Duration.Days(days) });
                    new Key(this, "C", new KeyProps { RotationPeriod = Duration.Days(90) });
                    new CfnKey(this, "D", new CfnKeyProps { PendingWindowInDays = 30, RotationPeriodInDays = 7 });
                    new LogGroup(this, "E", new LogGroupProps { Retention = RetentionDays.ONE_WEEK });
                }
            }
            """);

    [Theory]
    [InlineData("7", "7", false)]
    [InlineData("14", "10", true)]
    [InlineData("3", "20", true)] // below what AWS allows: the default of 30 stays in force
    public Task Minimum_is_the_KMS005_option(string minimum, string window, bool reported) =>
        Verify.VerifyWithCdkAsync(
            Usings + $$"""
            class KeysStack : Stack
            {
                public KeysStack(Construct scope) : base(scope, "Keys") =>
                    new Key(this, "A", new KeyProps { {{(reported ? "{|KMS007:" : "")}}PendingWindow = Duration.Days({{window}}){{(reported ? "|}" : "")}} });
            }
            """,
            KmsTestReferences.EditorConfig($"kmslint.min_pending_window_days = {minimum}"));

    [Fact]
    public Task Enabled_false_on_KeyProps_CfnKeyProps_and_the_L1_construct_is_reported() =>
        Verify.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope, bool isDev) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps { {|#0:Enabled = false|} });
                    var l1 = new CfnKey(this, "B", new CfnKeyProps { {|KMS008:Enabled = false|} });
                    {|KMS008:l1.Enabled = false|};
                    new CfnReplicaKey(this, "C", new CfnReplicaKeyProps { PrimaryKeyArn = "arn", KeyPolicy = new object(), {|KMS008:Enabled = false|} });
                    new Key(this, "D", new KeyProps { {|#1:Enabled = !isDev ? true : false|} });
                }
            }
            """,
            Verify.Diagnostic("KMS008").WithLocation(0)
                .WithMessage("'Enabled' is false: deploying creates the KMS key disabled, or disables the existing key, and every use of it fails, without a [KeyLifecycleChange] guard naming the approved change request"),
            Verify.Diagnostic("KMS008").WithLocation(1)
                .WithMessage("'Enabled' can be false: deploying creates the KMS key disabled, or disables the existing key, and every use of it fails, without a [KeyLifecycleChange] guard naming the approved change request"));

    [Fact]
    public Task Enabled_true_computed_or_on_other_types_is_not_reported() =>
        Verify.VerifyWithCdkAsync(Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope, bool enabled) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps { Enabled = true });
                    new Key(this, "B", new KeyProps { Enabled = enabled });
                    new CfnKey(this, "C", new CfnKeyProps { Enabled = true, EnableKeyRotation = false });
                    new Key(this, "D", new KeyProps { EnableKeyRotation = false, MultiRegion = false });
                    new Amazon.CDK.AWS.Events.Rule(this, "E", new Amazon.CDK.AWS.Events.RuleProps { Enabled = false, Schedule = Amazon.CDK.AWS.Events.Schedule.Rate(Duration.Days(1)) });
                    new MonitoredKey(this).Enabled = false;
                }
            }

            // The application's own flag on its Key subclass is not the key's template property.
            class MonitoredKey : Key
            {
                public MonitoredKey(Construct scope) : base(scope, "Monitored") { }

                public bool Enabled { get; set; }
            }
            """);

    [Fact]
    public Task Lookalike_types_without_the_CDK_are_not_reported() =>
        Verify.VerifyAsync("""
            namespace Amazon.CDK.AWS.KMS
            {
                public enum RemovalPolicy { DESTROY, RETAIN }
                public class KeyProps { public RemovalPolicy? RemovalPolicy { get; set; } public bool? Enabled { get; set; } }
                public class Key { public void ApplyRemovalPolicy(RemovalPolicy policy) { } }
            }

            namespace App
            {
                using Amazon.CDK.AWS.KMS;

                class Stack
                {
                    void Build()
                    {
                        var props = new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY, Enabled = false };
                        new Key().ApplyRemovalPolicy(RemovalPolicy.DESTROY);
                    }
                }
            }
            """);
}
