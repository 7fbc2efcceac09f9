using System.Diagnostics;
using KmsLint.Templates;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Benchmarks;

/// <summary>
/// Lints many template files from disk (as the CLI does) and samples the managed heap while it runs, at a tenth of
/// the count and at the full count, so the growth per added file is visible: what a repository of thousands of
/// templates costs in memory. Two repositories: copies of the shared corpus's real templates (most resources are of
/// types no rule reads), and small key stacks (every resource is read: the worst case). Then what the model keeps
/// alive per template until the rules have run, the part that grows with the repository.
/// </summary>
internal static class MemoryBenchmark
{
    public static void Run(int files, IReadOnlyList<CorpusFile>? corpus)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kmslint-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var stacks = Enumerable.Range(0, files).Select(i => WriteKeyStack(directory, i)).ToList();
            if (corpus is not null)
            {
                MeasureGrowth("copies of the shared corpus", Enumerable.Range(0, files).Select(i => WriteCorpusCopy(directory, corpus, i)).ToList());
            }

            MeasureGrowth("small key stacks", stacks);
            Console.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
            if (corpus is not null)
            {
                PrintRetained("shared corpus", corpus);
            }

            PrintRetained("small key stack", stacks.Take(1_000).Select(path => new CorpusFile(path, File.ReadAllBytes(path))).ToList());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void MeasureGrowth(string name, List<string> paths)
    {
        Console.WriteLine(name + ":");
        var tenth = paths.Take(Math.Max(1, paths.Count / 10)).ToList();
        var small = Measure(tenth);
        var large = Measure(paths);
        // The peak includes garbage up to the GC's allocation budget, which the GC raises when much survives a collection.
        Console.WriteLine($"  growth of the heap peak per added file: {(large - small) / (double)(paths.Count - tenth.Count) / 1024:F1} KB");
    }

    /// <summary>Lints the files as one set; returns the managed heap's peak above where it started.</summary>
    private static long Measure(List<string> paths)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = before;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!done.Wait(2))
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            }
        });
        sampler.Start();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        var report = Linter.Lint(paths.Select(path => new TemplateSource(path, () => File.OpenRead(path))), LintSettings.Default);
        watch.Stop();
        done.Set();
        sampler.Join();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"  {paths.Count,6} files: {watch.Elapsed.TotalMilliseconds,7:F0} ms, {report.TemplatesLinted} templates, {report.Findings.Count} findings; " +
                          $"managed heap peak +{(peak - before) / 1e6:F1} MB, report kept +{retained / 1e6:F1} MB, " +
                          $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:F0} MB in {GC.CollectionCount(0) - collections} collections");
        GC.KeepAlive(report);
        return peak - before;
    }

    /// <summary>
    /// Bytes that stay alive until the rules have run: the models (parsed and built as the pipeline builds them) and
    /// the repository graph over them, the part of a run's memory that grows with the repository. The baseline, in
    /// the same run, is whole models that keep every resource's properties.
    /// </summary>
    private static void PrintRetained(string name, IReadOnlyList<CorpusFile> files)
    {
        var (whole, templates, sourceBytes) = Retained(files, readsPropertiesOf: null);
        var (reduced, _, _) = Retained(files, RepoGraph.ReadsPropertiesOf);
        Console.WriteLine($"kept alive for the rules, {name}: {templates} templates of {sourceBytes / (double)templates / 1024:F1} KB on average: " +
                          $"{reduced / (double)templates / 1024:F1} KB per template ({reduced / (double)sourceBytes:F1} bytes per source byte); " +
                          $"whole models {whole / (double)templates / 1024:F1} KB; reduced ÷ whole = {reduced / (double)whole:F2}");
    }

    private static (long Bytes, int Templates, long SourceBytes) Retained(IReadOnlyList<CorpusFile> files, Func<string, bool>? readsPropertiesOf)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var models = new List<Template>(files.Count);
        long sourceBytes = 0;
        foreach (var file in files)
        {
            var parsed = TemplateReader.Read(file.Path, file.Bytes, file.Bytes.Length);
            if (parsed.ParseError is null && TemplateBuilder.IsTemplate(parsed.Root))
            {
                models.Add(TemplateBuilder.Build(file.Path, (MappingNode)parsed.Root!, new List<ParseProblem>(parsed.Malformed), readsPropertiesOf));
                sourceBytes += file.Bytes.Length;
            }
        }

        var graph = new RepoGraph(models, ExternalResources.None);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(graph);
        return (retained, models.Count, sourceBytes);
    }

    /// <summary>The corpus's templates again and again under new names, as a large repository of real stacks.</summary>
    private static string WriteCorpusCopy(string directory, IReadOnlyList<CorpusFile> corpus, int index)
    {
        var file = corpus[index % corpus.Count];
        var path = Path.Combine(directory, $"copy-{index:D5}{Path.GetExtension(file.Path)}");
        File.WriteAllBytes(path, file.Bytes);
        return path;
    }

    /// <summary>A small real-looking stack: one key with its alias and a topic, about 1 KB.</summary>
    private static string WriteKeyStack(string directory, int index)
    {
        var path = Path.Combine(directory, $"stack-{index:D5}.yaml");
        File.WriteAllText(path, $$"""
            AWSTemplateFormatVersion: "2010-09-09"
            Description: service {{index}}
            Parameters:
              Stage: { Type: String, Default: prod }
            Resources:
              Key{{index}}:
                Type: AWS::KMS::Key
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
                Properties:
                  Description: !Sub "${Stage} key {{index}}"
                  EnableKeyRotation: true
                  PendingWindowInDays: 30
                  Tags:
                    - { Key: Owner, Value: team-{{index % 17}} }
                    - { Key: Purpose, Value: data }
              Alias{{index}}:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: !Sub "alias/${Stage}-{{index}}"
                  TargetKeyId: !Ref Key{{index}}
              Topic{{index}}:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: !GetAtt Key{{index}}.Arn
            Outputs:
              KeyArn:
                Value: !GetAtt Key{{index}}.Arn
                Export: { Name: !Sub "${AWS::StackName}-key-{{index}}" }
            """);
        return path;
    }
}
