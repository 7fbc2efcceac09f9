using KmsLint.Benchmarks;
using KmsLint.Benchmarks.Structured;

// kmslint's engine benchmarks and long fuzz run; see the project file for the commands.
var arguments = args.ToList();
var command = arguments.Count > 0 && !arguments[0].StartsWith("--", StringComparison.Ordinal) ? arguments[0] : "bench";

long Option(string name, long fallback)
{
    var at = arguments.IndexOf(name);
    return at >= 0 && at + 1 < arguments.Count && long.TryParse(arguments[at + 1], out var value) ? value : fallback;
}

// --count is the same as --iterations.
var count = Option("--count", Option("--iterations", 1_000_000));
var seed = (int)Option("--seed", 20261128);

string? Text(string name)
{
    var at = arguments.IndexOf(name);
    return at >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : null;
}

switch (command)
{
    case "bench":
        LintBenchmark.Run(CorpusFiles.Load(Text("--corpus")), warmups: (int)Option("--warmups", 5), iterations: (int)Option("--iterations", 30));
        return 0;
    case "change":
        ChangeBenchmark.Run(Text("--corpus"), warmups: (int)Option("--warmups", 3), iterations: (int)Option("--iterations", 15));
        return 0;
    case "memory":
        MemoryBenchmark.Run((int)Option("--files", 5_000), CorpusFiles.TryLoad(Text("--corpus")));
        return 0;
    case "fuzz":
        var engines = (Text("--engine") ?? "all").Split(',').SelectMany(engine => engine == "all" ? new[] { "templates", "filter", "event", "structured" } : new[] { engine }).ToList();
        if (Text("--write") is { } directory)
        {
            return StructuredFuzz.Write(seed, Option("--from", 0), count, directory);
        }

        var failed = engines.Remove("structured") && StructuredFuzz.Run(count, seed, from: Option("--from", 0)) != 0;
        return (engines.Count > 0 ? FuzzRunner.Run(CorpusFiles.Load(Text("--corpus")), count, seed, engines.ToArray()) : 0) != 0 || failed ? 1 : 0;
    case StructuredFuzz.WorkerCommand:
        return StructuredFuzz.Worker(seed, Text("--next")!.Split(',').Select(long.Parse).ToArray(), Option("--end", 0), (int)Option("--stride", 1), Text("--progress")!);
    default:
        Console.Error.WriteLine("usage: KmsLint.Benchmarks [bench|change|memory|fuzz] [--corpus DIR] [--count N] [--warmups N] [--files N] [--seed N] [--from N] [--engine templates,filter,event,structured] [--write DIR]");
        return 2;
}
