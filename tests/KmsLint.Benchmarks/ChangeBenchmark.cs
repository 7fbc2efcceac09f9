using System.Diagnostics;
using KmsLint.Templates;
using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Benchmarks;

/// <summary>
/// What <c>kmslint lint --base</c> adds to a run: the corpus committed to a throwaway git repository, then a branch's
/// worth of change (keys renamed away, templates renamed and edited); in the same process and rounds, a plain lint of
/// the work tree, <c>--base HEAD</c>, and <c>--base HEAD --staged</c>, each through the CLI; and, in the engine alone,
/// the comparison with every base file parsed again against the one the CLI makes (unchanged files shared).
/// </summary>
internal static class ChangeBenchmark
{
    public static void Run(string? corpusDirectory, int warmups, int iterations)
    {
        var corpus = CorpusFiles.Load(corpusDirectory);
        var root = Path.Combine(Path.GetTempPath(), "kmslint-change-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var changed = Prepare(root, corpus);
            Console.WriteLine($"repository: {corpus.Count} corpus files committed; the change: {changed}");
            Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
                              $"{(typeof(ChangeBenchmark).Assembly.GetCustomAttributes(false).OfType<DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled) ? "DEBUG build (numbers meaningless)" : "optimized build")}");

            var directory = Path.Combine(root, "corpus");
            var worktree = CorpusFiles.Load(directory).Select(file => (file.Path, file.Bytes)).ToList();
            var changedPaths = KeyFiles.Concat(Edited).ToHashSet(StringComparer.Ordinal);
            var renames = Renamed.ToDictionary(pair => pair.From, pair => pair.To);
            var lintedSources = worktree.Select(file => Source(file.Path, file.Bytes)).ToList();
            var everyBaseFile = new Baseline("HEAD", corpus.Select(file => Source(file.Path, file.Bytes)).ToList()) { Renames = renames };
            var sharedUnchanged = new Baseline("HEAD", corpus.Where(file => changedPaths.Contains(file.Path)).Select(file => Source(file.Path, file.Bytes)).ToList())
            {
                Renames = renames,
                Unchanged = worktree.Select(file => file.Path).Where(path => !changedPaths.Contains(path)).ToList(),
            };

            var stages = new (string Name, Func<string> Body)[]
            {
                ("kmslint lint corpus (plain, the baseline)", () => Cli(root, "lint", "--fail-level", "none", "corpus")),
                ("kmslint lint --base HEAD corpus", () => Cli(root, "lint", "--fail-level", "none", "--base", "HEAD", "corpus")),
                ("kmslint lint --base HEAD --staged corpus", () => Cli(root, "lint", "--fail-level", "none", "--base", "HEAD", "--staged", "corpus")),
                ("engine: Linter.Lint of the work tree", () => Count(Linter.Lint(lintedSources, LintSettings.Default))),
                ("engine: + baseline, every base file parsed", () => Count(Linter.Lint(lintedSources, LintSettings.Default with { Baseline = everyBaseFile }))),
                ("engine: + baseline, unchanged files shared", () => Count(Linter.Lint(lintedSources, LintSettings.Default with { Baseline = sharedUnchanged }))),
            };
            foreach (var (name, body) in stages)
                Console.WriteLine($"  {name}: {body()}");

            var samples = Rounds.Measure(stages.Select(stage => (Action)(() => stage.Body())).ToList(), warmups, iterations);

            Console.WriteLine($"\n{warmups} warm-up rounds, {iterations} measured; each round runs every line once, GC collected before each");
            Console.WriteLine($"{"what",-46} {"median ms",10} {"min ms",8} {"× baseline",11}");
            for (var stage = 0; stage < stages.Length; stage++)
            {
                var baseline = Rounds.Median(samples[stage < 3 ? 0 : 3]);
                Console.WriteLine($"{stages[stage].Name,-46} {Rounds.Median(samples[stage]),10:F1} {samples[stage].Min(),8:F1} {Rounds.Median(samples[stage]) / baseline,11:F2}");
            }
            Console.WriteLine($"\n--base ÷ plain lint = {Rounds.Median(samples[1]) / Rounds.Median(samples[0]):F2}; --base --staged ÷ plain lint = {Rounds.Median(samples[2]) / Rounds.Median(samples[0]):F2} " +
                              "(the CLI lines are ÷ the plain CLI lint, the engine lines ÷ the engine's plain lint)");
        }
        finally
        {
            DeleteQuietly(root);
        }
    }

    /// <summary>Keys renamed away (their logical id gets a suffix: the old key is deleted at deploy).</summary>
    private static readonly List<string> KeyFiles = new();

    private static readonly List<string> Edited = new();

    private static readonly List<(string From, string To)> Renamed = new();

    /// <summary>Commits the corpus, then changes it as a branch would; returns what changed.</summary>
    private static string Prepare(string root, IReadOnlyList<CorpusFile> corpus)
    {
        var directory = Path.Combine(root, "corpus");
        foreach (var file in corpus)
        {
            var path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Bytes);
        }
        Git(root, "init", "-q", ".");
        Git(root, "add", "-A");
        Git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "corpus");
        Git(root, "repack", "-adq"); // history is packed in a real repository (and in any CI clone)

        foreach (var file in corpus.Where(file => file.Path.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            if (KeyFiles.Count < 3 && FirstKey(file) is { } key)
            {
                var path = Path.Combine(directory, file.Path);
                var lines = File.ReadAllLines(path);
                lines[key.Span.StartLine - 1] = lines[key.Span.StartLine - 1].Replace(key.LogicalId + ":", key.LogicalId + "Renamed:");
                File.WriteAllLines(path, lines);
                KeyFiles.Add(file.Path);
            }
            else if (Edited.Count < 5 && FirstKey(file) is null)
            {
                File.AppendAllText(Path.Combine(directory, file.Path), "\n# edited on the branch\n");
                Edited.Add(file.Path);
            }
            else if (Renamed.Count < 2 && FirstKey(file) is null)
            {
                var to = Path.ChangeExtension(file.Path, null) + "-renamed.yaml";
                Git(directory, "mv", file.Path, to);
                Renamed.Add((file.Path, to));
            }
        }
        // Staged, so --staged compares the same change. Then the index is refreshed once after the files' timestamps,
        // as in a developer's repository: files written in the same second as the index would otherwise be "racily
        // clean" and re-read on every run (kmslint never writes the index to fix that itself).
        Git(root, "add", "-A");
        Thread.Sleep(1100);
        Git(root, "update-index", "--refresh", "-q");
        return $"{KeyFiles.Count} keys renamed away, {Edited.Count} templates edited, {Renamed.Count} renamed (git mv), the rest unchanged; all staged";
    }

    private static Resource? FirstKey(CorpusFile file)
    {
        var parsed = TemplateReader.Read(file.Path, file.Bytes, file.Bytes.Length);
        return parsed.Root is MappingNode root && TemplateBuilder.IsTemplate(root)
            ? TemplateBuilder.Build(file.Path, root, new List<ParseProblem>()).ResourcesOfType("AWS::KMS::Key").FirstOrDefault()
            : null;
    }

    private static string Cli(string directory, params string[] arguments)
    {
        var stdout = new StringWriter();
        var exit = KmsLint.Cli.Cli.Run(arguments, stdout, new StringWriter(), directory);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return $"exit {exit}, {lines.Count(line => line.Contains(" KMS41", StringComparison.Ordinal))} change-control findings; {lines.LastOrDefault()}";
    }

    private static string Count(LintReport report) =>
        $"{report.Findings.Count(finding => finding.RuleId.StartsWith("KMS41", StringComparison.Ordinal))} change-control findings, {report.TemplatesLinted} templates";

    private static TemplateSource Source(string path, byte[] bytes) => new(path, () => new MemoryStream(bytes, writable: false));

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }
}
