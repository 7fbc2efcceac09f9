using System.Diagnostics;
using KmsLint.Templates;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Yaml;

namespace KmsLint.Benchmarks;

/// <summary>
/// Lints many small template files from disk (as the CLI does) and samples the managed heap while it runs, at a
/// tenth of the count and at the full count, so growth per template is visible: what a repository of thousands of
/// templates costs in memory. Then what the model keeps alive per template until the rules have run (the part that
/// grows with the repository), for the small stack and for the real templates of the shared corpus.
/// </summary>
internal static class MemoryBenchmark
{
    public static void Run(int files, IReadOnlyList<CorpusFile>? corpus)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kmslint-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var paths = Enumerable.Range(0, files).Select(i => WriteTemplate(directory, i)).ToList();
            Measure(paths.Take(Math.Max(1, files / 10)).ToList());
            Measure(paths);
            Console.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
            var stacks = paths.Take(1_000).Select(path => new CorpusFile(path, File.ReadAllBytes(path))).ToList();
            PrintRetained("small stack", stacks);
            if (corpus is not null)
            {
                PrintRetained("shared corpus", corpus);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Measure(List<string> paths)
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
        var watch = Stopwatch.StartNew();
        var report = Linter.Lint(paths.Select(path => new TemplateSource(path, () => File.OpenRead(path))), LintSettings.Default);
        watch.Stop();
        done.Set();
        sampler.Join();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"{paths.Count,6} files: {watch.Elapsed.TotalMilliseconds,7:F0} ms, {report.TemplatesLinted} templates, {report.Findings.Count} findings; " +
                          $"managed heap peak +{(peak - before) / 1e6:F1} MB, report kept +{retained / 1e6:F1} MB " +
                          $"({(peak - before) / paths.Count / 1024.0:F1} KB peak per file)");
        GC.KeepAlive(report);
    }

    /// <summary>Bytes the built models hold (parsed, built, kept in a list as the pipeline keeps them for the graph).</summary>
    private static void PrintRetained(string name, IReadOnlyList<CorpusFile> files)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var models = new List<Template>(files.Count);
        long sourceBytes = 0;
        foreach (var file in files)
        {
            var parsed = TemplateReader.Read(file.Path, file.Bytes, file.Bytes.Length);
            if (parsed.ParseError is null && TemplateBuilder.IsTemplate(parsed.Root))
            {
                models.Add(TemplateBuilder.Build(file.Path, (MappingNode)parsed.Root!, new List<ParseProblem>(parsed.Malformed), RepoGraph.ReadsPropertiesOf));
                sourceBytes += file.Bytes.Length;
            }
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"model kept alive, {name}: {models.Count} templates of {sourceBytes / (double)models.Count / 1024:F1} KB on average, " +
                          $"{retained / (double)models.Count / 1024:F1} KB per template ({retained / (double)sourceBytes:F1} bytes per source byte)");
        GC.KeepAlive(models);
    }

    /// <summary>A small real-looking stack: one key with its alias and a topic, about 1 KB.</summary>
    private static string WriteTemplate(string directory, int index)
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
