using System.Diagnostics;
using KmsLint.Patterns;
using KmsLint.Templates;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Rules;
using KmsLint.Templates.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KmsLint.Benchmarks;

/// <summary>
/// Lints the corpus and, in the same process and iterations, only parses it with YamlDotNet; prints medians,
/// templates/s and lint ÷ parse, a stage breakdown of the lint (where the time above the parse goes), and the
/// cost of evaluating one pattern against the CloudTrail corpus.
/// </summary>
internal static class LintBenchmark
{
    /// <summary>The CIS 4.7 / Security Hub CloudWatch.7 metric filter.</summary>
    private const string CisFilterPattern =
        "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}";

    private const string KeyLifecycleEventPattern =
        "{\"source\": [\"aws.kms\"], \"detail-type\": [\"AWS API Call via CloudTrail\"], " +
        "\"detail\": {\"eventSource\": [\"kms.amazonaws.com\"], \"eventName\": [\"ScheduleKeyDeletion\", \"DisableKey\"]}}";

    public static void Run(IReadOnlyList<CorpusFile> corpus, int warmups, int iterations)
    {
        var sources = corpus.Select(file => new TemplateSource(file.Path, () => new MemoryStream(file.Bytes, writable: false))).ToList();
        var totalBytes = corpus.Sum(file => (long)file.Bytes.Length);
        var reference = Linter.Lint(sources, LintSettings.Default);
        var parseable = corpus.Count(file => PlainParse(file.Bytes));
        Console.WriteLine($"corpus: {corpus.Count} files, {totalBytes / 1e6:F2} MB; {parseable} parse with YamlDotNet; " +
                          $"kmslint: {reference.TemplatesLinted} templates, {reference.FilesNotTemplates} other files, {reference.Findings.Count} findings");
        Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}, " +
                          $"{(typeof(LintBenchmark).Assembly.GetCustomAttributes(false).OfType<DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled) ? "DEBUG build (numbers meaningless)" : "optimized build")}");

        var stages = new (string Name, Action Body)[]
        {
            ("YamlDotNet YamlStream.Load (plain parse)", () => { foreach (var file in corpus) PlainParse(file.Bytes); }),
            ("kmslint Linter.Lint (whole run)", () => Linter.Lint(sources, LintSettings.Default)),
            ("  decode only (strict UTF-8)", () => { foreach (var file in corpus) Decode(file.Bytes); }),
            ("  decode + YamlDotNet parser events only", () => { foreach (var file in corpus) ParserEvents(Decode(file.Bytes)); }),
            ("  front end, each tree dropped at once", () => { foreach (var file in corpus) TemplateReader.Read(file.Path, file.Bytes, file.Bytes.Length); }),
            ("  front end: decode + tree + limits", () => FrontEnd(corpus)),
            ("  front end + model", () => Model(FrontEnd(corpus))),
            ("  front end + model + graph", () => Graph(Model(FrontEnd(corpus)))),
            ("  rules alone on a built graph", RulesOn(Graph(Model(FrontEnd(corpus))))),
        };

        var samples = Rounds.Measure(stages.Select(stage => stage.Body).ToList(), warmups, iterations);

        Console.WriteLine($"\n{warmups} warm-up rounds, {iterations} measured; each round runs every line once, GC collected before each");
        Console.WriteLine($"{"what",-44} {"median ms",10} {"min ms",8} {"files/s",9} {"× parse",8}");
        var parseMedian = Rounds.Median(samples[0]);
        for (var stage = 0; stage < stages.Length; stage++)
        {
            var median = Rounds.Median(samples[stage]);
            Console.WriteLine($"{stages[stage].Name,-44} {median,10:F1} {samples[stage].Min(),8:F1} {corpus.Count / (median / 1000),9:N0} {median / parseMedian,8:F2}");
        }

        var ratio = Rounds.Median(samples[1]) / parseMedian;
        Console.WriteLine($"\nlint ÷ parse = {ratio:F2} (target ≤ 1.3: {(ratio <= 1.3 ? "met" : "MISSED")}); " +
                          $"templates/s: lint {reference.TemplatesLinted / (Rounds.Median(samples[1]) / 1000):N0}, parse {parseable / (parseMedian / 1000):N0}");

        Console.WriteLine();
        TimePattern("CIS filter pattern", CloudTrailCorpus.Evaluate, FilterPattern.Parse(CisFilterPattern));
        TimePattern("key-lifecycle event pattern", CloudTrailCorpus.Evaluate, EventPattern.Parse(KeyLifecycleEventPattern));
    }

    /// <summary>What a YAML-only tool does with the same bytes: decode and load the representation model.</summary>
    private static bool PlainParse(byte[] bytes)
    {
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes, writable: false), detectEncodingFromByteOrderMarks: true);
            new YamlStream().Load(reader);
            return true;
        }
        catch (YamlException)
        {
            return false;
        }
    }

    private static readonly System.Text.Encoding StrictUtf8 = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);

    private static string Decode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return string.Empty;
        }
    }

    /// <summary>The event stream every tree is built from, without building anything.</summary>
    private static void ParserEvents(string text)
    {
        try
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            while (parser.MoveNext())
            {
            }
        }
        catch (YamlException)
        {
        }
    }

    private static List<ParsedFile> FrontEnd(IReadOnlyList<CorpusFile> corpus) =>
        corpus.Select(file => TemplateReader.Read(file.Path, file.Bytes, file.Bytes.Length)).ToList();

    private static List<Template> Model(List<ParsedFile> parsed) =>
        parsed.Where(file => file.ParseError is null && TemplateBuilder.IsTemplate(file.Root))
            .Select(file => TemplateBuilder.Build(file.Path, (MappingNode)file.Root!, new List<ParseProblem>(file.Malformed), RepoGraph.ReadsPropertiesOf))
            .ToList();

    private static RepoGraph Graph(List<Template> templates) => new(templates, ExternalResources.None);

    private static Action RulesOn(RepoGraph graph) => () =>
    {
        var findings = new List<Finding>();
        foreach (var rule in RuleRegistry.All)
        {
            findings.AddRange(rule.Check(graph, LintSettings.Default));
        }
    };

    private static void TimePattern<TPattern>(string name, Func<TPattern, PatternVerdict> evaluate, TPattern pattern)
    {
        var samples = CloudTrailCorpus.Samples.Count;
        var verdict = evaluate(pattern);
        const int perRound = 20_000;
        var rounds = new List<double>();
        for (var round = 0; round < 13; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perRound; i++)
            {
                evaluate(pattern);
            }

            if (round >= 3)
            {
                rounds.Add(watch.Elapsed.TotalMilliseconds * 1000 / perRound);
            }
        }

        Console.WriteLine($"{name}: {Rounds.Median(rounds):F2} µs per evaluation against the whole CloudTrail corpus ({samples} events, " +
                          $"{Rounds.Median(rounds) * 1000 / samples:F0} ns per event; matches {string.Join(", ", verdict.Matched.Select(sample => sample.Name))})");
    }
}
