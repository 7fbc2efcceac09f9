using KmsLint.Analyzers.Tests.Verification;
using Xunit;
using Analyzer = KmsLint.Analyzers.KeyConstructAnalyzer;

namespace KmsLint.CodeFixes.Tests;

/// <summary>The fixes for KMS006–KMS008, one at a time and Fix All, against the real Amazon.CDK.Lib 2.160.0.</summary>
public sealed class KeyConstructCodeFixTests
{
    private const string Usings = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.KMS;
        using Amazon.CDK.AWS.S3;
        using Constructs;

        """;

    [Fact]
    public Task KMS006_fix_retains_every_key_and_leaves_a_shared_local_to_the_bucket() =>
        CodeFixVerifier<Analyzer, RetainKeyCodeFix>.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope, bool isDev) : base(scope, "Keys")
                {
                    var removal = isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
                    new Bucket(this, "Logs", new BucketProps { RemovalPolicy = removal });
                    new Key(this, "A", new KeyProps { {|KMS006:RemovalPolicy = removal|} });
                    var b = new Key(this, "B", new KeyProps { {|KMS006:RemovalPolicy = RemovalPolicy.DESTROY|} /* dev only */ });
                    b.ApplyRemovalPolicy({|KMS006:Amazon.CDK.RemovalPolicy.DESTROY|});
                    var l1 = new CfnKey(this, "C", new CfnKeyProps());
                    {|KMS006:l1.CfnOptions.DeletionPolicy = CfnDeletionPolicy.DELETE|};
                }
            }
            """,
            Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope, bool isDev) : base(scope, "Keys")
                {
                    var removal = isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
                    new Bucket(this, "Logs", new BucketProps { RemovalPolicy = removal });
                    new Key(this, "A", new KeyProps { RemovalPolicy = RemovalPolicy.RETAIN });
                    var b = new Key(this, "B", new KeyProps { RemovalPolicy = RemovalPolicy.RETAIN /* dev only */ });
                    b.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
                    var l1 = new CfnKey(this, "C", new CfnKeyProps());
                    l1.CfnOptions.DeletionPolicy = CfnDeletionPolicy.RETAIN;
                }
            }
            """);

    [Fact]
    public Task KMS007_fix_raises_the_number_inside_Duration_Days_and_PendingWindowInDays() =>
        CodeFixVerifier<Analyzer, RaisePendingWindowCodeFix>.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                const int Week = 7;

                public KeysStack(Construct scope) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps { {|KMS007:PendingWindow = Duration.Days(7)|} });
                    new Key(this, "B", new KeyProps { {|KMS007:PendingWindow = Duration.Days(Week)|} });
                    new CfnKey(this, "C", new CfnKeyProps { {|KMS007:PendingWindowInDays = 10|} });
                    var shared = Duration.Days(7);
                    new Key(this, "D", new KeyProps { {|KMS007:PendingWindow = shared|} });
                    new Key(this, "E", new KeyProps { {|KMS007:PendingWindow = shared|} });
                }
            }
            """,
            Usings + """
            class KeysStack : Stack
            {
                const int Week = 7;

                public KeysStack(Construct scope) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps { PendingWindow = Duration.Days(14) });
                    new Key(this, "B", new KeyProps { PendingWindow = Duration.Days(14) });
                    new CfnKey(this, "C", new CfnKeyProps { PendingWindowInDays = 14 });
                    var shared = Duration.Days(14);
                    new Key(this, "D", new KeyProps { PendingWindow = shared });
                    new Key(this, "E", new KeyProps { PendingWindow = shared });
                }
            }
            """,
            KmsTestReferences.EditorConfig("kmslint.min_pending_window_days = 14"));

    [Fact]
    public Task KMS008_fix_removes_the_assignment_with_its_comma_or_its_statement_and_keeps_the_layout() =>
        CodeFixVerifier<Analyzer, RemoveEnabledFalseCodeFix>.VerifyWithCdkAsync(
            Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps
                    {
                        Alias = "alias/a",
                        {|KMS008:Enabled = false|},
                        EnableKeyRotation = true,
                    });
                    new Key(this, "B", new KeyProps
                    {
                        Alias = "alias/b",
                        {|KMS008:Enabled = false|}
                    });
                    new Key(this, "C", new KeyProps { {|KMS008:Enabled = false|}, Alias = "alias/c" });
                    new Key(this, "D", new KeyProps { Alias = "alias/d", {|KMS008:Enabled = false|} });
                    var l1 = new CfnKey(this, "E", new CfnKeyProps { {|KMS008:Enabled = false|} });
                    // parked until the migration ends
                    {|KMS008:l1.Enabled = false|};
                }
            }
            """,
            Usings + """
            class KeysStack : Stack
            {
                public KeysStack(Construct scope) : base(scope, "Keys")
                {
                    new Key(this, "A", new KeyProps
                    {
                        Alias = "alias/a",
                        EnableKeyRotation = true,
                    });
                    new Key(this, "B", new KeyProps
                    {
                        Alias = "alias/b"
                    });
                    new Key(this, "C", new KeyProps { Alias = "alias/c" });
                    new Key(this, "D", new KeyProps { Alias = "alias/d" });
                    var l1 = new CfnKey(this, "E", new CfnKeyProps { });
                    // parked until the migration ends
                }
            }
            """);

    [Fact]
    public Task Guard_fix_covers_KMS006_and_KMS008_on_the_stack_constructor() =>
        CodeFixVerifier<Analyzer, AddKeyLifecycleChangeCodeFix>.VerifyWithCdkAsync(
            Usings + """
            class ScratchStack : Stack
            {
                public ScratchStack(Construct scope) : base(scope, "Scratch")
                {
                    new Key(this, "Scratch", new KeyProps { {|KMS006:RemovalPolicy = RemovalPolicy.DESTROY|}, {|KMS008:Enabled = false|} });
                }
            }
            """,
            """
            using Amazon.CDK;
            using Amazon.CDK.AWS.KMS;
            using Amazon.CDK.AWS.S3;
            using Constructs;
            using KmsLint;
            class ScratchStack : Stack
            {
                [KeyLifecycleChange("")]
                public ScratchStack(Construct scope) : base(scope, "Scratch")
                {
                    new Key(this, "Scratch", new KeyProps { {|KMS004:RemovalPolicy = RemovalPolicy.DESTROY|}, {|KMS004:Enabled = false|} });
                }
            }
            """);
}
