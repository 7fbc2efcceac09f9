using System.Reflection;
using System.Xml.Linq;
using KmsLint.Analyzers;
using KmsLint.Cli.Commands;
using KmsLint.Templates.Findings;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KmsLint.Cli.Tests;

/// <summary>
/// The CLI lists and explains the analyzer's rules from its own table (<see cref="AnalyzerRules"/>), because it must not
/// reference Roslyn or the analyzer. This test project sees both, and fails when the table and the analyzer's real
/// DiagnosticDescriptors differ — a rule added to the analyzer must be added to the table — and when the CLI side
/// starts to depend on the analyzer side.
/// </summary>
public sealed class AnalyzerRuleTableTests
{
    private static readonly Assembly AnalyzerAssembly = typeof(KeyDestroyingCallAnalyzer).Assembly;

    /// <summary>Every descriptor of every analyzer the package ships, found by reflection so a new analyzer counts too.</summary>
    private static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = AnalyzerAssembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                       && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .SelectMany(type => ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics)
        .DistinctBy(descriptor => descriptor.Id)
        .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void The_table_has_exactly_the_analyzer_rule_ids()
    {
        Assert.NotEmpty(Descriptors);
        Assert.Equal(Descriptors.Select(descriptor => descriptor.Id), AnalyzerRules.All.Select(rule => rule.Descriptor.Id));
    }

    /// <summary>One change-request pattern for both products: code and templates are held to the same approvals.</summary>
    [Fact]
    public void The_linter_s_default_change_request_pattern_is_the_analyzer_s()
    {
        var analyzerDefault = AnalyzerAssembly.GetType("KmsLint.Analyzers.KmsLintOptions", throwOnError: true)!
            .GetField("DefaultChangeRequestPattern")!.GetRawConstantValue();
        Assert.Equal(analyzerDefault, KmsLint.Templates.ChangeControl.ChangeRequestPolicy.DefaultPattern);
    }

    public static TheoryData<string> AnalyzerRuleIds()
    {
        var ids = new TheoryData<string>();
        foreach (var descriptor in Descriptors)
            ids.Add(descriptor.Id);
        return ids;
    }

    [Theory]
    [MemberData(nameof(AnalyzerRuleIds))]
    public void The_table_entry_matches_the_analyzer_descriptor(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var entry = AnalyzerRules.All.SingleOrDefault(rule => rule.Descriptor.Id == id);
        Assert.True(entry is not null, $"{id} is reported by the analyzer but missing from AnalyzerRules (src/KmsLint.Cli/Commands/AnalyzerRules.cs)");

        Assert.Equal(RuleProduct.Analyzer, entry.Product);
        Assert.Equal(LevelOf(descriptor.DefaultSeverity), entry.Descriptor.DefaultLevel);
        Assert.Equal(descriptor.Title.ToString(), entry.Descriptor.ShortDescription);
        Assert.Equal(descriptor.HelpLinkUri, entry.Descriptor.HelpUri);
        Assert.Contains(entry.Descriptor.Name, IdentifierNamesOf(id));
    }

    /// <summary>The linter side (CLI, template engine, pattern engines) reaches neither Roslyn nor the analyzer, in the project files or the built assemblies.</summary>
    [Fact]
    public void The_CLI_and_the_engines_depend_on_neither_Roslyn_nor_the_analyzer()
    {
        var reachable = ProjectsReachableFrom(Path.Combine(ExternalTools.RepositoryRoot, "src", "KmsLint.Cli", "KmsLint.Cli.csproj"));
        Assert.Equal(new[] { "KmsLint.Cli", "KmsLint.Patterns", "KmsLint.Templates" },
            reachable.Keys.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        foreach (var (project, packages) in reachable)
            Assert.False(packages.Any(package => package.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)),
                $"{Path.GetFileName(project)} references Roslyn: {string.Join(", ", packages)}");

        foreach (var assembly in new[] { typeof(Cli).Assembly, typeof(RuleCatalog).Assembly, typeof(Patterns.FilterPattern).Assembly })
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), reference =>
                reference.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ||
                reference.Name.StartsWith("KmsLint.Analyzers", StringComparison.Ordinal) ||
                reference.Name.StartsWith("KmsLint.CodeFixes", StringComparison.Ordinal));
    }

    private static Level LevelOf(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => Level.Error,
        DiagnosticSeverity.Warning => Level.Warning,
        DiagnosticSeverity.Info => Level.Note,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "the CLI's levels have no hidden rules"),
    };

    /// <summary>The names of the analyzer's string constants holding <paramref name="id"/> (e.g. RuleIdentifiers.ScheduleKeyDeletion).</summary>
    private static IEnumerable<string> IdentifierNamesOf(string id) => AnalyzerAssembly.GetTypes()
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(field => field.IsLiteral && field.FieldType == typeof(string) && (string?)field.GetRawConstantValue() == id)
        .Select(field => field.Name);

    /// <summary>Every project reachable through ProjectReference, with the packages each references.</summary>
    private static Dictionary<string, List<string>> ProjectsReachableFrom(string project)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(project));
        while (pending.TryPop(out var path))
        {
            if (found.ContainsKey(path))
                continue;
            var document = XDocument.Load(path);
            found[path] = document.Descendants("PackageReference").Select(element => (string)element.Attribute("Include")!).ToList();
            foreach (var reference in document.Descendants("ProjectReference"))
            {
                var relative = ((string)reference.Attribute("Include")!).Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, relative)));
            }
        }
        return found;
    }
}
