using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KmsLint.Annotations.Tests;

public sealed class KeyLifecycleChangeAttributeTests
{
    private const string Consumer = """
        using System;
        using System.Threading.Tasks;
        using KmsLint;

        [KeyLifecycleChange("CHG-1", Reason = "retire 2019 keys")]
        public class Janitor
        {
            [KeyLifecycleChange("CHG-2")]
            public Janitor() { }

            [KeyLifecycleChange("CHG-3")]
            public int Property => 1;

            [KeyLifecycleChange("CHG-4")]
            public Task Method()
            {
                Func<Task> lambda = [KeyLifecycleChange("CHG-5")] () => Task.CompletedTask;
                return Local();

                [KeyLifecycleChange("CHG-6")]
                Task Local() => lambda();
            }
        }

        [KeyLifecycleChange("CHG-7")]
        public struct Retirement { }
        """;

    [Fact]
    public void Constructor_and_properties_keep_what_the_user_wrote()
    {
        var attribute = new KeyLifecycleChangeAttribute("CHG-1234") { Reason = "retire the 2019 key" };

        Assert.Equal("CHG-1234", attribute.ChangeRequest);
        Assert.Equal("retire the 2019 key", attribute.Reason);
        Assert.Null(new KeyLifecycleChangeAttribute("OPS-77").Reason);
    }

    [Fact]
    public void Compiles_on_classes_structs_constructors_properties_methods_local_functions_and_lambdas()
    {
        var (_, diagnostics) = Compile(Consumer);

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Is_rejected_on_targets_the_analyzer_does_not_read()
    {
        var (_, diagnostics) = Compile("""
            using KmsLint;

            class Janitor
            {
                [KeyLifecycleChange("CHG-1")]
                private int _field;
            }
            """);

        Assert.Contains(diagnostics, diagnostic => diagnostic.Id == "CS0592");
    }

    [Fact]
    public void Is_not_emitted_so_the_built_application_needs_no_KmsLint_assembly_at_run_time()
    {
        var (image, diagnostics) = Compile(Consumer);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

        using var reader = new PEReader(image);
        var metadata = reader.GetMetadataReader();
        var referencedAssemblies = metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .ToList();

        Assert.DoesNotContain("KmsLint.Annotations", referencedAssemblies);
        Assert.Contains("System.Runtime", referencedAssemblies);
    }

    private static (MemoryStream Image, IReadOnlyList<Diagnostic> Diagnostics) Compile(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            Basic.Reference.Assemblies.Net100.References.All
                .Append(MetadataReference.CreateFromFile(typeof(KeyLifecycleChangeAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var image = new MemoryStream();
        var result = compilation.Emit(image);
        image.Position = 0;
        return (image, result.Diagnostics);
    }
}
