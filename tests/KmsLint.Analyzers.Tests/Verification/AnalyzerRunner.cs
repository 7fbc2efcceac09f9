using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KmsLint.Analyzers.Tests.Verification;

/// <summary>
/// Runs every KmsLint analyzer over arbitrary — possibly broken — source the way the IDE does, and returns what a
/// user would see: the analyzer diagnostics (an analyzer exception surfaces as AD0001) and the exceptions themselves.
/// </summary>
public static class AnalyzerRunner
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> AllAnalyzers =
        typeof(KeyDestroyingCallAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    // Compilations derived from one base share its bound references, which keeps a fuzz loop fast.
    private static readonly CSharpCompilation BaseCompilation = CSharpCompilation.Create(
        "Broken",
        syntaxTrees: null,
        KmsTestReferences.Framework.Add(KmsTestReferences.Annotations).AddRange(KmsTestReferences.AwsSdkV4),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static readonly CSharpCompilation BaseCompilationWithCdk = BaseCompilation.AddReferences(KmsTestReferences.Cdk);

    public static async Task<AnalyzerRun> RunAsync(string source, bool withCdk = false)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/src/Broken.cs");
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await (withCdk ? BaseCompilationWithCdk : BaseCompilation).AddSyntaxTrees(tree)
            .WithAnalyzers(AllAnalyzers, options)
            .GetAnalyzerDiagnosticsAsync();
        return new AnalyzerRun(diagnostics, exceptions.ToList());
    }
}

public sealed record AnalyzerRun(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)
{
    public IEnumerable<string> KmsRuleIds => Diagnostics.Select(diagnostic => diagnostic.Id).Where(id => id.StartsWith("KMS", StringComparison.Ordinal));

    public bool AnalyzerCrashed => Exceptions.Count > 0 || Diagnostics.Any(diagnostic => diagnostic.Id == "AD0001");
}
