using KmsLint.Benchmarks;

// kmslint's engine benchmarks and long fuzz run; see the project file for the commands.
var arguments = args.ToList();
var command = arguments.Count > 0 && !arguments[0].StartsWith("--", StringComparison.Ordinal) ? arguments[0] : "bench";

long Option(string name, long fallback)
{
    var at = arguments.IndexOf(name);
    return at >= 0 && at + 1 < arguments.Count && long.TryParse(arguments[at + 1], out var value) ? value : fallback;
}

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
        return FuzzRunner.Run(
            CorpusFiles.Load(Text("--corpus")),
            iterations: Option("--iterations", 1_000_000),
            seed: (int)Option("--seed", 20261128),
            engines: (Text("--engine") ?? "all").Split(','));
    default:
        Console.Error.WriteLine("usage: KmsLint.Benchmarks [bench|change|memory|fuzz] [--corpus DIR] [--iterations N] [--warmups N] [--files N] [--seed N] [--engine templates,filter,event]");
        return 2;
}
