using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using KmsLint;

namespace KmsLint.CdkSample;

/// <summary>Keys for a data platform. Each construct shows one KmsLint rule; see rules/KMSnnn.md.</summary>
public sealed class DataStack : Stack
{
    public DataStack(Construct scope, string id, bool isDev) : base(scope, id)
    {
        // No finding: keys are retained by default; a bucket may be destroyed with its stack.
        var dataKey = new Key(this, "DataKey", new KeyProps { EnableKeyRotation = true });
        new Bucket(this, "Scratch", new BucketProps { EncryptionKey = dataKey, RemovalPolicy = RemovalPolicy.DESTROY });

        // KMS006: the key is deleted with the stack.
        new Key(this, "SessionKey", new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY });

        // KMS006 through the local: DESTROY on one branch (a dev flag set wrongly in production).
        var removal = isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
        new Key(this, "ReportKey", new KeyProps { RemovalPolicy = removal });

        // KMS006: an L1 key given a Delete deletion policy through its CfnOptions.
        var legacyKey = new CfnKey(this, "LegacyKey", new CfnKeyProps { KeyPolicy = KeyPolicy() });
        legacyKey.CfnOptions.DeletionPolicy = CfnDeletionPolicy.DELETE;

        // KMS007: a 7-day pending window leaves little time to notice and cancel the deletion.
        new Key(this, "AuditKey", new KeyProps { PendingWindow = Duration.Days(7) });

        // KMS008: deploying disables the key, and everything using it fails.
        new Key(this, "ArchiveKey", new KeyProps { Enabled = false });

        CreateLoadTestKey();
        CreateTeardownKey();
    }

    // KMS004: the guard is there but names no change request.
    [KeyLifecycleChange("")]
    private void CreateLoadTestKey() =>
        new Key(this, "LoadTestKey", new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY });

    // No finding: an approved teardown.
    [KeyLifecycleChange("CHG-1234", Reason = "tear down the 2019 pilot")]
    private void CreateTeardownKey() =>
        new Key(this, "PilotKey", new KeyProps { RemovalPolicy = RemovalPolicy.DESTROY });

    private static object KeyPolicy() => new Dictionary<string, object>
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = Array.Empty<object>(),
    };
}
