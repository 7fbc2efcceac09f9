using KmsLint.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KmsLint.CodeFixes.Tests;

/// <summary>
/// Runs a code fix the way the IDE does — one fix at a time and Fix All in document, project and solution —
/// against the real AWS SDK v4 assemblies (and Amazon.CDK.Lib for the CDK rules); sources use {|KMS00n:markup|}
/// before and after.
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, (string Path, string Content)? editorConfig = null) =>
        VerifyAsync(new[] { source }, new[] { fixedSource }, editorConfig);

    public static Task VerifyWithCdkAsync(string source, string fixedSource, (string Path, string Content)? editorConfig = null) =>
        VerifyAsync(new[] { source }, new[] { fixedSource }, editorConfig, withCdk: true);

    public static Task VerifyAsync(string[] sources, string[] fixedSources, (string Path, string Content)? editorConfig = null, bool withCdk = false)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = KmsTestReferences.NoPackageDownload,
        };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var fixedSource in fixedSources)
        {
            test.FixedState.Sources.Add(fixedSource);
        }
        KmsTestReferences.AddTo(test.TestState, withAwsSdkV4: true, withCdk);
        KmsTestReferences.AddTo(test.FixedState, withAwsSdkV4: true, withCdk);
        if (editorConfig is { } config)
        {
            test.TestState.AnalyzerConfigFiles.Add(config);
            test.FixedState.AnalyzerConfigFiles.Add(config);
        }

        return test.RunAsync();
    }
}
