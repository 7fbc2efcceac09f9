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
        VerifyAsync(source, editorConfig: null, withAwsSdkV4: true, expected);

    public static Task VerifyAsync(string source, (string Path, string Content)? editorConfig, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig, withAwsSdkV4: true, expected);

    /// <summary>For the v3 shape: the source brings its own stub of the SDK types instead of the real v4 assemblies.</summary>
    public static Task VerifyWithoutAwsSdkAsync(string source, (string Path, string Content)? editorConfig, params DiagnosticResult[] expected) =>
        VerifyAsync(source, editorConfig, withAwsSdkV4: false, expected);

    private static Task VerifyAsync(
        string source,
        (string Path, string Content)? editorConfig,
        bool withAwsSdkV4,
        DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = KmsTestReferences.NoPackageDownload,
        };
        KmsTestReferences.AddTo(test.TestState, withAwsSdkV4);
        if (editorConfig is { } config)
        {
            test.TestState.AnalyzerConfigFiles.Add(config);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
