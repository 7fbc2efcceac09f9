using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using KmsLint.Analyzers;
using KmsLint.Analyzers.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// Analyzer cost of KmsLint vs. BannedApiAnalyzers banning the same methods, and vs. compiling, in one run.
// Each run compiles, then analyzes, so machine load hits all three figures alike; ratios are what to compare.
const int MeasuredRuns = 5;

var files = SyntheticCodebase.Generate();
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
    .Append(MetadataReference.CreateFromFile(typeof(Amazon.KeyManagementService.AmazonKeyManagementServiceClient).Assembly.Location))
    .Append(MetadataReference.CreateFromFile(typeof(Amazon.Runtime.AmazonWebServiceResponse).Assembly.Location))
    .Append(MetadataReference.CreateFromFile(typeof(Amazon.CDK.RemovalPolicy).Assembly.Location))
    .Append(MetadataReference.CreateFromFile(typeof(Constructs.Construct).Assembly.Location))
    .Append(MetadataReference.CreateFromFile(typeof(Amazon.JSII.Runtime.Deputy.DeputyBase).Assembly.Location))
    .ToImmutableArray();
var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release);

CSharpCompilation Compilation() => CSharpCompilation.Create(
    "Synthetic",
    files.Select(file => CSharpSyntaxTree.ParseText(file.Source, parseOptions, file.Path)),
    references,
    compilationOptions);

ImmutableArray<DiagnosticAnalyzer> kmsLint = ImmutableArray.Create<DiagnosticAnalyzer>(new KeyDestroyingCallAnalyzer(), new KeyConstructAnalyzer());
var banned = LoadBannedApiAnalyzers(Path.Combine(AppContext.BaseDirectory, "BannedApiAnalyzers"));
var bannedSymbols = new InMemoryAdditionalText("/BannedSymbols.txt", BannedSymbolsFor(Compilation()));

var errors = Compilation().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
if (errors.Count > 0)
{
    Console.Error.WriteLine($"The synthetic codebase does not compile: {errors[0]}");
    return 1;
}

// One warm-up run (JIT, metadata), then the measured runs.
var compileTimes = new List<TimeSpan>();
var kmsLintTimes = new List<TimeSpan>();
var kmsLintTimesByAnalyzer = kmsLint.ToDictionary(analyzer => analyzer.GetType().Name, _ => new List<TimeSpan>());
var bannedTimes = new List<TimeSpan>();
(int KmsLint, int Banned) findings = default;
for (var run = 0; run <= MeasuredRuns; run++)
{
    CollectGarbage();
    var stopwatch = Stopwatch.StartNew();
    var emitted = Compilation().Emit(Stream.Null);
    stopwatch.Stop();
    if (!emitted.Success)
    {
        Console.Error.WriteLine("Emit failed.");
        return 1;
    }

    CollectGarbage();
    var withAnalyzers = Compilation().WithAnalyzers(
        kmsLint.AddRange(banned),
        new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(bannedSymbols)),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true));
    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    var kmsLintTime = await ExecutionTime(withAnalyzers, kmsLint);
    var bannedTime = await ExecutionTime(withAnalyzers, banned);
    findings = (diagnostics.Count(d => d.Id.StartsWith("KMS", StringComparison.Ordinal)), diagnostics.Count(d => d.Id == "RS0030"));
    if (run > 0)
    {
        compileTimes.Add(stopwatch.Elapsed);
        kmsLintTimes.Add(kmsLintTime);
        foreach (var analyzer in kmsLint)
        {
            kmsLintTimesByAnalyzer[analyzer.GetType().Name].Add(await ExecutionTime(withAnalyzers, ImmutableArray.Create(analyzer)));
        }
        bannedTimes.Add(bannedTime);
    }
}

// Load on the machine varies from run to run but hits one run's three figures alike: ratios are taken per run.
var versusBanned = kmsLintTimes.Zip(bannedTimes, Ratio).ToList();
var versusCompile = kmsLintTimes.Zip(compileTimes, Ratio).ToList();
var bannedAssembly = banned[0].GetType().Assembly;
var bannedRoslyn = bannedAssembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "Microsoft.CodeAnalysis")?.Version;
var methods = SyntheticCodebase.FileCount * SyntheticCodebase.MethodsPerFile;

Console.WriteLine($"Synthetic compilation: {files.Count} files ({files.Count / SyntheticCodebase.CdkStackEvery} of them CDK stacks), {methods} methods, {SyntheticCodebase.KeyDestroyingMethodCount} of them destroy a key ({100.0 * SyntheticCodebase.KeyDestroyingMethodCount / methods:F1} %)");
Console.WriteLine($"Host Roslyn {typeof(Compilation).Assembly.GetName().Version}; BannedApiAnalyzers {bannedAssembly.GetName().Version} (built against Microsoft.CodeAnalysis {bannedRoslyn})");
Console.WriteLine($"Findings: KmsLint {findings.KmsLint}, BannedApiAnalyzers RS0030 {findings.Banned}");
Console.WriteLine($"{MeasuredRuns} runs after a warm-up:");
Console.WriteLine($"  compile without analyzers (parse + bind + emit): {Each(compileTimes, Ms)}");
Console.WriteLine($"  BannedApiAnalyzers execution time:               {Each(bannedTimes, Ms)}");
Console.WriteLine($"  KmsLint execution time:                          {Each(kmsLintTimes, Ms)}");
foreach (var (name, times) in kmsLintTimesByAnalyzer)
{
    Console.WriteLine($"    {name + ":",-46}{Each(times, Ms)}");
}
Console.WriteLine($"KmsLint / BannedApiAnalyzers = {Median(versusBanned):F3}x  (median; runs {Each(versusBanned, r => r.ToString("F3", CultureInfo.InvariantCulture))}; target <= 0.1x)");
Console.WriteLine($"KmsLint / compile            = {100 * Median(versusCompile):F2} %  (median; runs {Each(versusCompile, r => (100 * r).ToString("F2", CultureInfo.InvariantCulture))}; target <= 1 %)");
return 0;

// A collection left over from the previous step would be billed to whichever code happens to run next.
static void CollectGarbage()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}

static async Task<TimeSpan> ExecutionTime(CompilationWithAnalyzers compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
{
    var total = TimeSpan.Zero;
    foreach (var analyzer in analyzers)
    {
        total += (await compilation.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
    }

    return total;
}

static ImmutableArray<DiagnosticAnalyzer> LoadBannedApiAnalyzers(string folder)
{
    // The language-neutral assembly first: the C# one depends on it.
    var assemblies = new[] { "Microsoft.CodeAnalysis.BannedApiAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers.dll" }
        .Select(name => Assembly.LoadFrom(Path.Combine(folder, name)))
        .ToList();
    return assemblies
        .SelectMany(LoadableTypes)
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
            && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>()?.Languages.Contains(LanguageNames.CSharp) == true)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();
}

// The package also holds code fixes that need Workspaces, which this host does not load; the analyzers do not.
static IEnumerable<Type> LoadableTypes(Assembly assembly)
{
    try
    {
        return assembly.GetTypes();
    }
    catch (ReflectionTypeLoadException partial)
    {
        return partial.Types.OfType<Type>();
    }
}

// Every overload of the key-destroying methods (and the import) on the interface and the client, and the key
// properties the CDK rules read, as BannedApiAnalyzers wants them. A ban cannot look at the value, so the synthetic
// code sets those properties only where KmsLint reports them: both find the same places.
static string BannedSymbolsFor(Compilation compilation)
{
    string[] methodNames =
    {
        "ScheduleKeyDeletion", "ScheduleKeyDeletionAsync", "DisableKey", "DisableKeyAsync",
        "DeleteImportedKeyMaterial", "DeleteImportedKeyMaterialAsync", "DisconnectCustomKeyStore",
        "DisconnectCustomKeyStoreAsync", "DeleteCustomKeyStore", "DeleteCustomKeyStoreAsync",
        "ImportKeyMaterial", "ImportKeyMaterialAsync",
    };
    var sdkMembers = new[] { "Amazon.KeyManagementService.IAmazonKeyManagementService", "Amazon.KeyManagementService.AmazonKeyManagementServiceClient" }
        .Select(name => compilation.GetTypeByMetadataName(name) ?? throw new InvalidOperationException($"{name} not found"))
        .SelectMany(type => methodNames.SelectMany(name => type.GetMembers(name)));
    var keyProps = compilation.GetTypeByMetadataName("Amazon.CDK.AWS.KMS.KeyProps") ?? throw new InvalidOperationException("KeyProps not found");
    var cdkMembers = new[] { "RemovalPolicy", "Enabled" }.SelectMany(name => keyProps.GetMembers(name));
    var lines = sdkMembers.Concat(cdkMembers).Select(member => $"{member.GetDocumentationCommentId()};Needs an approved change request");
    return string.Join("\n", lines);
}

static T Median<T>(List<T> values) => values.Order().ElementAt(values.Count / 2);

static string Each<T>(IEnumerable<T> values, Func<T, string> format) => string.Join(" | ", values.Select(format));

static double Ratio(TimeSpan part, TimeSpan whole) => part.TotalMilliseconds / whole.TotalMilliseconds;

static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture).PadLeft(8) + " ms";

internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
