using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KmsLint.Analyzers.Tests.Verification;

/// <summary>Runs one analyzer over C# source with {|KMS00n:markup|} for the expected diagnostics.</summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string ruleId) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(ruleId);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig: null, withAwsSdkV4: true, withCdk: false, expected);

    public static Task VerifyAsync(string source, (string Path, string Content)? editorConfig, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig, withAwsSdkV4: true, withCdk: false, expected);

    /// <summary>For the v3 shape: the source brings its own stub of the SDK types instead of the real v4 assemblies.</summary>
    public static Task VerifyWithoutAwsSdkAsync(string source, (string Path, string Content)? editorConfig, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig, withAwsSdkV4: false, withCdk: false, expected);

    /// <summary>For the CDK rules: the real Amazon.CDK.Lib as well as the AWS SDK.</summary>
    public static Task VerifyWithCdkAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig: null, withAwsSdkV4: true, withCdk: true, expected);

    public static Task VerifyWithCdkAsync(string source, (string Path, string Content)? editorConfig, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig, withAwsSdkV4: true, withCdk: true, expected);

    private static Task VerifyAsync(
        string source,
        (string Path, string Content)? editorConfig,
        bool withAwsSdkV4,
        bool withCdk,
        DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = KmsTestReferences.NoPackageDownload,
        };
        KmsTestReferences.AddTo(test.TestState, withAwsSdkV4, withCdk);
        if (editorConfig is { } config)
        {
            test.TestState.AnalyzerConfigFiles.Add(config);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
