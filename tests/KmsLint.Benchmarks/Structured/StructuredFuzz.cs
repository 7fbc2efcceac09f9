using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Text;
using KmsLint.Templates;
using KmsLint.Templates.Findings;

namespace KmsLint.Benchmarks.Structured;

/// <summary>
/// The structure-aware fuzz run (issue 11): lints generated template sets (<see cref="TemplateSetGenerator"/>) and fails a
/// set that throws, reports an internal error (KMS999), a finding outside its files' text, or a parse error in a file
/// generated to parse. A stack overflow or a hang cannot be caught inside the process that has it, so this supervisor
/// lints nothing itself: a worker child process does, recording in a shared memory-mapped file which set each of its
/// threads is on. When a worker dies or a set runs past <see cref="HangLimit"/>, the supervisor knows the sets in
/// flight, re-runs each alone to find the culprit, saves it to the temp directory, and resumes after them.
/// </summary>
internal static class StructuredFuzz
{
    public const string WorkerCommand = "fuzz-worker";

    /// <summary>A set of 1–3 small templates lints in milliseconds; one still going after this is a hang (or as good as one).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    /// <summary>Worker threads get 1 MiB of stack (the main thread's on Windows, an eighth of Linux's): recursion must stay far below.</summary>
    private const int WorkerStackBytes = 1024 * 1024;

    /// <summary>Slot value of a worker thread that has finished its share.</summary>
    private const long Finished = long.MaxValue;

    public static int Run(long count, int seed, long from)
    {
        var workers = Environment.ProcessorCount;
        var progressPath = Path.Combine(Path.GetTempPath(), $"kmslint-structured-{Environment.ProcessId}.progress");
        var tally = new Tally();
        var watch = Stopwatch.StartNew();
        try
        {
            // Thread w takes sets from+w, from+w+workers, ...; after a crash each thread resumes past the set it was on.
            var next = Enumerable.Range(0, workers).Select(w => from + w).ToArray();
            var end = from + count;
            while (RunWorker(seed, next, end, workers, progressPath, tally) is { } stopped)
            {
                for (var thread = 0; thread < workers; thread++)
                {
                    var index = stopped.Slots[thread];
                    next[thread] = index == Finished ? end : index < 0 ? ~index + workers : index + workers;
                    if (index == Finished || index < 0)
                    {
                        continue;
                    }

                    // The set this thread was on when the worker died or was killed: the culprit, or a bystander.
                    if (thread == stopped.HungThread)
                    {
                        tally.Broken(index, $"hang: still linting after {HangLimit.TotalSeconds:N0} s", seed);
                    }
                    else if (RunWorker(seed, new[] { index }, index + 1, 1, progressPath, tally) is { } alone)
                    {
                        tally.Broken(index, alone.HungThread is null ? "crash: " + alone.Crash : $"hang: still linting after {HangLimit.TotalSeconds:N0} s", seed);
                    }
                }
            }
        }
        finally
        {
            File.Delete(progressPath);
        }

        tally.Print(count, seed, workers, watch.Elapsed);
        return tally.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>How a worker process ended early: each thread's slot (see <see cref="ProgressFile"/>), and why.</summary>
    private sealed record Stopped(long[] Slots, int? HungThread, string Crash);

    /// <summary>
    /// Runs one worker process over the sets <c>next[w] + k * stride</c> below <paramref name="end"/>, relaying its
    /// results into <paramref name="tally"/>. Null when it finished; else where it stopped.
    /// </summary>
    private static Stopped? RunWorker(int seed, long[] next, long end, int stride, string progressPath, Tally tally)
    {
        using (var progress = ProgressFile.Create(progressPath, next.Length))
        {
            for (var w = 0; w < next.Length; w++)
            {
                progress[w] = next[w] < end ? next[w] : Finished;
            }
        }

        // Started as `dotnet X.dll` the host is this process's own; started through the apphost (dotnet run), the one on PATH.
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(StructuredFuzz).Assembly.Location, WorkerCommand, "--seed", seed.ToString(), "--end", end.ToString(),
                     "--stride", stride.ToString(), "--progress", progressPath, "--next", string.Join(",", next) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(line.Data);
                }
            }
        };
        process.OutputDataReceived += (_, line) => tally.Record(line.Data, seed);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var watched = ProgressFile.Open(progressPath, next.Length);
        var seen = Enumerable.Range(0, next.Length).Select(w => (Index: watched[w], Since: DateTime.UtcNow)).ToArray();
        int? hungThread = null;
        while (!process.WaitForExit(200))
        {
            for (var w = 0; w < next.Length && hungThread is null; w++)
            {
                var index = watched[w];
                if (index != seen[w].Index)
                {
                    seen[w] = (index, DateTime.UtcNow);
                }
                else if (index >= 0 && index != Finished && DateTime.UtcNow - seen[w].Since > HangLimit)
                {
                    hungThread = w;
                }
            }

            if (hungThread is not null)
            {
                process.Kill();
                break;
            }
        }

        process.WaitForExit(); // drains the redirected output
        if (hungThread is { } thread && watched[thread] != seen[thread].Index)
        {
            hungThread = null; // it reported the set just before the kill: slow, not hung, and already counted
        }

        if (hungThread is null && process.ExitCode == 0)
        {
            return null;
        }

        var slots = Enumerable.Range(0, next.Length).Select(w => watched[w]).ToArray();
        var crash = $"worker exit {process.ExitCode}: " + string.Join(" | ", errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(6));
        if (slots.All(slot => slot == Finished))
        {
            throw new InvalidOperationException("the fuzz worker failed outside any set: " + crash);
        }

        return new Stopped(slots, hungThread, crash);
    }

    /// <summary>Writes sets <paramref name="from"/>.. to <c>DIRECTORY/set-N</c> without linting them, to look at what the generator makes.</summary>
    public static int Write(int seed, long from, long count, string directory)
    {
        for (var index = from; index < from + count; index++)
        {
            Tally.Save(TemplateSetGenerator.Generate(seed, index), Path.Combine(directory, $"set-{index}"));
        }

        Console.WriteLine($"structured: wrote sets {from:N0}-{from + count - 1:N0} of seed {seed} to {directory}");
        return 0;
    }

    /// <summary>The worker process: lints its share of sets on one thread per core and prints one line per set.</summary>
    public static int Worker(int seed, long[] next, long end, int stride, string progressPath)
    {
        using var progress = ProgressFile.Open(progressPath, next.Length);
        var output = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true });
        var threads = Enumerable.Range(0, next.Length).Select(w => new Thread(() =>
        {
            for (var index = next[w]; index < end; index += stride)
            {
                progress[w] = index;
                output.WriteLine(Check(TemplateSetGenerator.Generate(seed, index)));
                progress[w] = ~index; // done with it: not in flight should the worker die now
            }

            progress[w] = Finished;
        }, WorkerStackBytes)).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return 0;
    }

    /// <summary>"ok INDEX MILLISECONDS TEMPLATES RULES" for a set that lints as it must, "fail INDEX WHY" otherwise.</summary>
    private static string Check(GeneratedSet set)
    {
        LintReport report;
        var watch = Stopwatch.StartNew();
        try
        {
            report = Linter.Lint(set.Files.Select(file => new TemplateSource(file.Path, () => new MemoryStream(Encoding.UTF8.GetBytes(file.Text), writable: false))), set.Settings);
        }
        catch (Exception crash)
        {
            return $"fail {set.Index} threw {crash.GetType().Name}: {crash.Message}";
        }

        foreach (var finding in report.Findings)
        {
            if (Problem(set, finding) is { } problem)
            {
                return $"fail {set.Index} {problem}";
            }
        }

        var rules = report.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal);
        return $"ok {set.Index} {watch.ElapsedMilliseconds} {report.TemplatesLinted} {string.Join(",", rules)}";
    }

    private static string? Problem(GeneratedSet set, Finding finding)
    {
        var where = $"{finding.RuleId} at {finding.Location.File}:{finding.Location.StartLine}:{finding.Location.StartColumn}";
        if (finding.RuleId == RuleCatalog.InternalError.Id)
        {
            return $"internal error {where}: {finding.Message}";
        }

        // A change-control finding about a removed template points into the earlier version of it.
        var file = set.Files.FirstOrDefault(f => f.Path == finding.Location.File) ?? set.EarlierFiles.FirstOrDefault(f => f.Path == finding.Location.File);
        if (file is null)
        {
            return $"finding outside the set's files: {where}";
        }

        var lines = file.Text.Split('\n');
        bool Inside(int line, int column) => line >= 1 && line <= lines.Length && column >= 1 && column <= lines[line - 1].TrimEnd('\r').Length + 1;
        if (!Inside(finding.Location.StartLine, finding.Location.StartColumn) || !Inside(finding.Location.EndLine, finding.Location.EndColumn))
        {
            return $"unlocated finding {where}-{finding.Location.EndLine}:{finding.Location.EndColumn}";
        }

        if (finding.RuleId == RuleCatalog.TemplateDoesNotParse.Id && !file.MayNotParse)
        {
            return $"a generated template does not parse (a generator bug): {where}: {finding.Message}";
        }

        return null;
    }

    /// <summary>Counts what the workers report and keeps the failures, each with its set saved for replay.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, long> templatesLinted = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> setsPerRule = new(StringComparer.Ordinal);

        public List<string> Failures { get; } = new();

        public long Sets { get; private set; }

        /// <summary>Sets counted at the last progress line (every 100,000).</summary>
        private long reported;

        /// <summary>The set that took longest to lint, a hang's near miss.</summary>
        private (long Index, long Milliseconds) Slowest { get; set; }

        public void Record(string? line, int seed)
        {
            if (line is null)
            {
                return;
            }

            var parts = line.Split(' ');
            lock (this)
            {
                if (parts[0] == "fail" && parts.Length >= 3 && long.TryParse(parts[1], out var index))
                {
                    Sets++;
                    Fail(index, line.Substring(line.IndexOf(' ', 5) + 1), seed);
                    return;
                }

                if (parts[0] != "ok" || parts.Length != 5 || !long.TryParse(parts[1], out index) || !long.TryParse(parts[2], out var milliseconds))
                {
                    return;
                }

                Sets++;
                if (milliseconds > Slowest.Milliseconds)
                {
                    Slowest = (index, milliseconds);
                }

                Count(templatesLinted, parts[3] + (parts[3] == "1" ? " template" : " templates"));
                foreach (var rule in parts[4].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    Count(setsPerRule, rule);
                }

                if (Sets / 100_000 > reported / 100_000)
                {
                    reported = Sets;
                    Console.WriteLine($"  structured: {Sets:N0} sets");
                }
            }
        }

        /// <summary>A set that killed or hung its worker: counted and saved like any failure.</summary>
        public void Broken(long index, string why, int seed)
        {
            lock (this)
            {
                Sets++;
            }

            Fail(index, why, seed);
        }

        public void Fail(long index, string why, int seed)
        {
            var directory = Path.Combine(Path.GetTempPath(), $"kmslint-fuzz-structured-{seed}-{index}");
            Save(TemplateSetGenerator.Generate(seed, index), directory);
            lock (this)
            {
                Failures.Add($"set {index}: {why} (files: {directory}; replay: kmslint lint {directory}, or fuzz --engine structured --seed {seed} --from {index} --count 1)");
            }
        }

        public void Print(long count, int seed, int workers, TimeSpan elapsed)
        {
            Console.WriteLine($"structured: {Sets:N0} of {count:N0} sets in {elapsed.TotalSeconds:F0} s on {workers} cores (seed {seed}): " +
                              (Failures.Count == 0 ? "no failure" : $"{Failures.Count} FAILURES"));
            foreach (var (outcome, sets) in templatesLinted.OrderByDescending(pair => pair.Value))
            {
                Console.WriteLine($"  {sets,10:N0}  sets with {outcome} linted");
            }

            Console.WriteLine($"  slowest set: {Slowest.Index} ({Slowest.Milliseconds:N0} ms)");
            Console.WriteLine("  sets per rule reported: " + string.Join(", ", setsPerRule.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value:N0}")));
            foreach (var failure in Failures.Take(20))
            {
                Console.WriteLine($"  FAILURE: {failure}");
            }
        }

        private static void Count(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

        /// <summary>Writes a set's files and a <c>.kmslint.yaml</c> with its settings, so <c>kmslint lint DIR</c> lints it as the fuzz run did.</summary>
        public static void Save(GeneratedSet set, string directory)
        {
            Directory.CreateDirectory(directory);
            foreach (var file in set.Files)
            {
                File.WriteAllText(Path.Combine(directory, file.Path), file.Text);
            }

            File.WriteAllText(Path.Combine(directory, ".kmslint.yaml"), ConfigOf(set.Settings));
            // The earlier version of a change goes beside the set: a git repository of the two replays it with --base.
            foreach (var file in set.EarlierFiles)
            {
                Directory.CreateDirectory(directory + "-earlier");
                File.WriteAllText(Path.Combine(directory + "-earlier", file.Path), file.Text);
            }
        }

        /// <summary>The set's settings as a <c>.kmslint.yaml</c>, so <c>kmslint lint DIR</c> replays the set as it was linted.</summary>
        private static string ConfigOf(LintSettings settings)
        {
            var routes = new List<string>();
            if ((settings.AcceptedRoutes & DetectionRoutes.MetricFilter) != 0)
            {
                routes.Add("metric-filter");
            }

            if ((settings.AcceptedRoutes & DetectionRoutes.EventBridge) != 0)
            {
                routes.Add("eventbridge");
            }

            string Minutes(double minutes) => minutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var config = new StringBuilder()
                .Append("tags:\n  required: [").Append(string.Join(", ", settings.RequiredTagKeys)).Append("]\n")
                .Append("keys:\n  min_pending_window_days: ").Append(settings.MinPendingWindowDays).Append('\n')
                .Append("detection:\n  routes: [").Append(string.Join(", ", routes)).Append("]\n")
                .Append("  max_minutes_to_detect: ").Append(Minutes(settings.MaxMinutesToDetect)).Append('\n')
                .Append("  assumed_delivery_minutes: ").Append(Minutes(settings.AssumedDeliveryMinutes)).Append('\n')
                .Append("  assumed_eventbridge_minutes: ").Append(Minutes(settings.AssumedEventBridgeMinutes)).Append('\n')
                .Append("external:\n");
            if (settings.External.Trails.Count > 0)
            {
                config.Append("  trails:\n");
                foreach (var trail in settings.External.Trails)
                {
                    config.Append("    - name: ").Append(trail.Name).Append('\n');
                    if (trail.LogGroup is not null)
                    {
                        config.Append("      log_group: ").Append(trail.LogGroup).Append('\n');
                    }
                }
            }

            config.Append("  topics: [").Append(string.Join(", ", settings.External.TopicArns)).Append("]\n")
                .Append("  event_buses: [").Append(string.Join(", ", settings.External.EventBuses)).Append("]\n");
            if (settings.Deployment.SsmParameters.Count > 0)
            {
                config.Append("  ssm_parameters:\n");
                foreach (var (name, value) in settings.Deployment.SsmParameters)
                {
                    config.Append("    \"").Append(name).Append("\": \"").Append(value).Append("\"\n");
                }
            }

            if (settings.Deployment.StackNames.Count > 0)
            {
                config.Append("stacks:\n");
                foreach (var (path, name) in settings.Deployment.StackNames)
                {
                    config.Append("  ").Append(path).Append(": ").Append(name).Append('\n');
                }
            }

            return config.ToString();
        }
    }

    /// <summary>
    /// One 64-bit slot per worker thread in a file both processes map: the set the thread is linting, <c>~set</c> once
    /// it has reported it, or <see cref="Finished"/>.
    /// </summary>
    private sealed class ProgressFile : IDisposable
    {
        private readonly MemoryMappedFile file;
        private readonly MemoryMappedViewAccessor view;

        private ProgressFile(string path, FileMode mode, int slots)
        {
            file = MemoryMappedFile.CreateFromFile(path, mode, null, slots * 8L, MemoryMappedFileAccess.ReadWrite);
            view = file.CreateViewAccessor(0, slots * 8L);
        }

        public static ProgressFile Create(string path, int slots)
        {
            File.Delete(path);
            return new ProgressFile(path, FileMode.CreateNew, slots);
        }

        public static ProgressFile Open(string path, int slots) => new(path, FileMode.Open, slots);

        public long this[int slot]
        {
            get => view.ReadInt64(slot * 8L);
            set => view.Write(slot * 8L, value);
        }

        public void Dispose()
        {
            view.Dispose();
            file.Dispose();
        }
    }
}
