using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace KmsLint.Analyzers.Tests.Verification;

/// <summary>
/// The references every test compilation gets, without network access at test time: the .NET 10 reference
/// assemblies, the KmsLint attribute and — unless a test covers the v3 shape with its own stub — the real
/// AWSSDK.KeyManagementService v4 assemblies; for the CDK rules also the real Amazon.CDK.Lib.
/// </summary>
public static class KmsTestReferences
{
    public static readonly ReferenceAssemblies NoPackageDownload = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> Framework =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();

    public static readonly MetadataReference Annotations =
        MetadataReference.CreateFromFile(typeof(KmsLint.KeyLifecycleChangeAttribute).Assembly.Location);

    public static readonly ImmutableArray<MetadataReference> AwsSdkV4 = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Amazon.KeyManagementService.AmazonKeyManagementServiceClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.Runtime.AmazonWebServiceResponse).Assembly.Location));

    /// <summary>Amazon.CDK.Lib 2.160.0 with the two assemblies its constructs derive from (Constructs, the jsii runtime).</summary>
    public static readonly ImmutableArray<MetadataReference> Cdk = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Amazon.CDK.RemovalPolicy).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Constructs.Construct).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.JSII.Runtime.Deputy.DeputyBase).Assembly.Location));

    /// <summary>Adds the references to one project state (the test state, or a code fix test's fixed state).</summary>
    public static void AddTo(SolutionState state, bool withAwsSdkV4, bool withCdk = false)
    {
        state.AdditionalReferences.AddRange(Framework);
        state.AdditionalReferences.Add(Annotations);
        if (withAwsSdkV4)
        {
            state.AdditionalReferences.AddRange(AwsSdkV4);
        }

        if (withCdk)
        {
            state.AdditionalReferences.AddRange(Cdk);
        }
    }

    /// <summary>An .editorconfig applying the given <c>key = value</c> lines to every C# file of the test project.</summary>
    public static (string Path, string Content) EditorConfig(params string[] lines) =>
        ("/.editorconfig", "root = true\n\n[*.cs]\n" + string.Join("\n", lines) + "\n");
}
