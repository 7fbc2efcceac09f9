using CsCheck;
using KmsLint.Analyzers.Tests.Verification;
using Xunit;

namespace KmsLint.Analyzers.Tests;

/// <summary>
/// The analyzer runs on every keystroke: half-typed and invalid code must never make it throw (AD0001), and code
/// that does not bind to the AWS SDK must never be reported.
/// </summary>
public sealed class BrokenCodeTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Amazon.KeyManagementService;
        using Amazon.KeyManagementService.Model;
        using KmsLint;

        """;

    public static TheoryData<string> CodeThatDoesNotBindToTheSdk => new()
    {
        // unresolved receiver
        "class C { Task M() => client.ScheduleKeyDeletionAsync(\"key-1\"); }",
        // receiver of an error type
        "class C { Task M(Missing kms) => kms.ScheduleKeyDeletionAsync(\"key-1\", 7); }",
        // dynamic receiver
        "class C { void M(dynamic kms) { kms.ScheduleKeyDeletionAsync(\"key-1\"); kms.DisableKeyAsync(new DisableKeyRequest()); } }",
        // no overload matches
        "class C { Task M(IAmazonKeyManagementService kms) => kms.ScheduleKeyDeletionAsync(42, \"seven\", true, false); }",
        "class C { void M(IAmazonKeyManagementService kms) { Func<int> f = kms.DisableKeyAsync; } }",
        // half-typed
        "class C { void M(IAmazonKeyManagementService kms) { kms.ScheduleKeyDeletionAsync( } }",
        "class C { Task M(IAmazonKeyManagementService kms) => kms.ScheduleKeyDeletionAsync(\"key-1\", ); }",
        "class C { void M(IAmazonKeyManagementService kms) { kms.DisableKeyAsync",
        "class C { void M(IAmazonKeyManagementService kms) { kms.",
        "class C { void M(IAmazonKeyManagementService kms) { kms?. } }",
        "class C { string M(IAmazonKeyManagementService kms) => nameof(kms.DisableKeyAsync; }",
        // base call without a base that has it
        "class C { Task M() => base.DisableKeyAsync(\"key-1\"); }",
        // same name, not the SDK
        "class C { void M() { ScheduleKeyDeletionAsync(\"key-1\", 7); static void ScheduleKeyDeletionAsync(string k, int d) { } } }",
        "[KeyLifecycleChange(] class C { void M() { } }",
        "class C { void M() { var r = new ScheduleKeyDeletionRequest { PendingWindowInDays = }; } }",
        // KMS009: half-typed requests, a lookalike type
        "class C { Task M(IAmazonKeyManagementService kms) => kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { ExpirationModel = }); }",
        "class C { Task M(IAmazonKeyManagementService kms) => kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { ExpirationModel = ExpirationModelType.FindValue() }); }",
        "class C { Task M(IAmazonKeyManagementService kms) => kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { ExpirationModel = new ExpirationModelType( }); }",
        "class C { Task M(IAmazonKeyManagementService kms) => kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRE }); }",
        "class C { void M() { var r = new ImportKeyMaterialRequest { ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES }; } }",
        "class ExpirationModelType { public static string KEY_MATERIAL_EXPIRES = \"x\"; } class C { string M() => ExpirationModelType.KEY_MATERIAL_EXPIRES; }",
    };

    private const string CdkUsings = """
        using System;
        using Amazon.CDK;
        using Amazon.CDK.AWS.KMS;
        using Amazon.CDK.AWS.S3;
        using Constructs;
        using KmsLint;

        """;

    /// <summary>Half-typed CDK code and code that does not bind to a key construct: no finding, no crash.</summary>
    public static TheoryData<string> CdkCodeThatSetsNoKeyPolicy => new()
    {
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { RemovalPolicy = }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { RemovalPolicy = RemovalPolicy. }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { PendingWindow = Duration.Days( }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { PendingWindow = Duration.Days(\"seven\") }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\").ApplyRemovalPolicy(); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\").ApplyRemovalPolicy( } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { Missing.ApplyRemovalPolicy(RemovalPolicy.DESTROY); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { dynamic k = new Key(this, \"K\"); k.ApplyRemovalPolicy(RemovalPolicy.DESTROY); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new CfnKey(this, \"K\", new CfnKeyProps()).CfnOptions.DeletionPolicy = ; } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { var a = b; var b = a; new Key(this, \"K\", new KeyProps { RemovalPolicy = a }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Bucket(this, \"B\", new BucketProps { RemovalPolicy = RemovalPolicy.DESTROY }).ApplyRemovalPolicy(RemovalPolicy.DESTROY); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { Enabled = }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new CfnKey(this, \"K\", new CfnKeyProps { PendingWindowInDays = , Enabled = \"false\" }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { RemovalPolicy = (RemovalPolicy)\"DESTROY\" }); } }",
        // no overload matches: the compiler reports it, there is no call to judge
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\").ApplyRemovalPolicy(RemovalPolicy.DESTROY, extra: 1); } }",
    };

    /// <summary>Broken code around a real key setting: it is still reported (or KMS004 for the broken guard), without a crash.</summary>
    public static TheoryData<string> BrokenCodeAroundRealCdkSettings => new()
    {
        "class S : Stack { [KeyLifecycleChange(1, 2)] S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY, Alias = }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { Enabled = false, Missing = 1 }); } }",
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { PendingWindow = Duration.Days(7) }) }",
        "new Key(new App(), \"K\", new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY });",
        "class S { static readonly KeyProps P = new KeyProps { Enabled = false }",
        // typed up to the policy, the rest of the file still missing
        "class S : Stack { S(Construct c) : base(c, \"S\") { new Key(this, \"K\", new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY",
    };

    public static TheoryData<string> BrokenCodeAroundRealSdkCalls => new()
    {
        // attributes with wrong arguments
        "class C { [KeyLifecycleChange(1, 2, 3)] Task M(IAmazonKeyManagementService kms) => kms.DisableKeyAsync(\"key-1\"); }",
        "class C { [KeyLifecycleChange(null)] Task M(IAmazonKeyManagementService kms) => kms.DisableKeyAsync(\"key-1\"); }",
        "class C { [KeyLifecycleChange(changeRequest: )] Task M(IAmazonKeyManagementService kms) => kms.DisableKeyAsync(\"key-1\"); }",
        "class C { [KeyLifecycleChange(Reason = 5)] Task M(IAmazonKeyManagementService kms) => kms.DisableKeyAsync(\"key-1\"); }",
        "[KeyLifecycleChange(\"\")][KeyLifecycleChange(\"\")] class C { Task M(IAmazonKeyManagementService kms) => kms.DisableKeyAsync(\"key-1\"); }",
        // missing arguments and a half-typed initializer
        "class C { Task M(IAmazonKeyManagementService kms) => kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { PendingWindowInDays = }); }",
        "class C { async Task M(IAmazonKeyManagementService kms) { var r = new ScheduleKeyDeletionRequest(); r.PendingWindowInDays = ; await kms.ScheduleKeyDeletionAsync(r); } }",
        // a call at the top level and in a field initializer of an unfinished type
        "await new AmazonKeyManagementServiceClient().DisableKeyAsync(\"key-1\");",
        "class C { static readonly Task T = new AmazonKeyManagementServiceClient().DisableKeyAsync(\"key-1\")",
        // KMS009 with a half-typed neighbour property
        "class C { Task M(IAmazonKeyManagementService kms) => kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest { ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES, KeyId = }); }",
    };

    [Theory]
    [MemberData(nameof(CodeThatDoesNotBindToTheSdk))]
    public async Task Code_that_does_not_bind_to_the_sdk_is_never_reported(string code)
    {
        var run = await AnalyzerRunner.RunAsync(Usings + code);

        Assert.False(run.AnalyzerCrashed, string.Join(Environment.NewLine, run.Exceptions));
        Assert.Empty(run.KmsRuleIds);
    }

    [Theory]
    [MemberData(nameof(BrokenCodeAroundRealSdkCalls))]
    public async Task Broken_code_around_a_real_sdk_call_still_reports_it_without_crashing(string code)
    {
        var run = await AnalyzerRunner.RunAsync(Usings + code);

        Assert.False(run.AnalyzerCrashed, string.Join(Environment.NewLine, run.Exceptions));
        Assert.Contains(run.KmsRuleIds, id => id is "KMS001" or "KMS002" or "KMS004" or "KMS009");
    }

    [Theory]
    [MemberData(nameof(CdkCodeThatSetsNoKeyPolicy))]
    public async Task Cdk_code_that_sets_no_key_policy_is_never_reported(string code)
    {
        var run = await AnalyzerRunner.RunAsync(CdkUsings + code, withCdk: true);

        Assert.False(run.AnalyzerCrashed, string.Join(Environment.NewLine, run.Exceptions));
        Assert.Empty(run.KmsRuleIds);
    }

    [Theory]
    [MemberData(nameof(BrokenCodeAroundRealCdkSettings))]
    public async Task Broken_code_around_a_real_cdk_setting_still_reports_it_without_crashing(string code)
    {
        var run = await AnalyzerRunner.RunAsync(CdkUsings + code, withCdk: true);

        Assert.False(run.AnalyzerCrashed, string.Join(Environment.NewLine, run.Exceptions));
        Assert.Contains(run.KmsRuleIds, id => id is "KMS006" or "KMS007" or "KMS008" or "KMS004");
    }

    private const string RealisticFile = """
        using System;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Amazon.KeyManagementService;
        using Amazon.KeyManagementService.Model;
        using KmsLint;

        namespace Acme.Keys;

        [KeyLifecycleChange("CHG-1")]
        public partial class Janitor(IAmazonKeyManagementService kms)
        {
            private const int Week = 7;

            [KeyLifecycleChange("")]
            public async Task RetireAsync(string keyId)
            {
                var request = new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = Week };
                request.PendingWindowInDays = 10;
                await kms.ScheduleKeyDeletionAsync(request);
                await kms?.DisableKeyAsync(keyId)!;
                Func<string, System.Threading.CancellationToken, Task<DisableKeyResponse>> disable = kms.DisableKeyAsync;
                await Local();

                [KeyLifecycleChange("OPS-7", Reason = "drill")]
                Task Local() => kms.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = keyId });
            }

            public string Name => nameof(IAmazonKeyManagementService.DisableKeyAsync);

            public void Setup(Expression<Func<IAmazonKeyManagementService, Task>> call) => Setup(c => c.DisconnectCustomKeyStoreAsync(null!, default));

            class Nested
            {
                Task Run(IAmazonKeyManagementService k) => k.DeleteCustomKeyStoreAsync(new DeleteCustomKeyStoreRequest(), default);
            }
        }
        """;

    private const string RealisticCdkFile = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.KMS;
        using Amazon.CDK.AWS.S3;
        using Constructs;
        using KmsLint;

        namespace Acme.Infra;

        public sealed class DataStack : Stack
        {
            private const int Week = 7;

            [KeyLifecycleChange("")]
            public DataStack(Construct scope, string id, bool isDev) : base(scope, id)
            {
                var removal = isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
                new Bucket(this, "Logs", new BucketProps { RemovalPolicy = removal });
                var key = new Key(this, "DataKey", new KeyProps { RemovalPolicy = removal, PendingWindow = Duration.Days(Week), Enabled = !isDev });
                key.ApplyRemovalPolicy(RemovalPolicy.DESTROY);
                var l1 = new CfnKey(this, "L1", new CfnKeyProps { PendingWindowInDays = 10, Enabled = false });
                l1.CfnOptions.DeletionPolicy = CfnDeletionPolicy.DELETE;
                ((CfnResource)key.Node.DefaultChild!).CfnOptions.UpdateReplacePolicy = CfnDeletionPolicy.DELETE;
            }
        }
        """;

    private static readonly int FuzzIterations =
        int.TryParse(Environment.GetEnvironmentVariable("KMSLINT_FUZZ_ITERATIONS"), out var iterations) ? iterations : 500;

    private static readonly string[] CdkTypedFragments = { "(", ")", "{", "}", ";", ",", ".", "=", " = ", "?", ":", "??", "!", "new ", "RemovalPolicy.DESTROY", "Duration.Days(", "Enabled = false", "var x = ", "(CfnResource)", "7", "default" };

    private static readonly string[] TypedFragments = { "(", ")", "{", "}", "[", "]", ";", ",", ".", "?.", "=>", "\"", "[KeyLifecycleChange(", "kms.", "ScheduleKeyDeletionAsync", "new ", " = ", "nameof(", "dynamic ", "base.", "7", "@" };

    [Fact]
    [Trait("Category", "Fuzz")]
    public void Any_prefix_or_mutation_of_a_realistic_file_never_makes_the_analyzer_throw() =>
        PrefixesAndEditsNeverCrash(RealisticFile, TypedFragments, withCdk: false);

    [Fact]
    [Trait("Category", "Fuzz")]
    public void Any_prefix_or_mutation_of_a_realistic_cdk_file_never_makes_the_analyzer_throw() =>
        PrefixesAndEditsNeverCrash(RealisticCdkFile, CdkTypedFragments, withCdk: true);

    private static void PrefixesAndEditsNeverCrash(string file, string[] typedFragments, bool withCdk)
    {
        // Every prefix is a moment while typing the file; every edit is a half-finished change.
        var prefixes = Gen.Int[0, file.Length].Select(length => file.Substring(0, length));
        var edits = Gen.Select(
            Gen.Int[0, file.Length],
            Gen.Int[0, 40],
            Gen.OneOf(typedFragments),
            (start, deleted, typed) => file.Substring(0, start) + typed + file.Substring(Math.Min(file.Length, start + deleted)));

        Gen.Frequency((1, (IGen<string>)prefixes), (2, edits)).Sample(
            source => !AnalyzerRunner.RunAsync(source, withCdk).GetAwaiter().GetResult().AnalyzerCrashed,
            iter: FuzzIterations);
    }
}
