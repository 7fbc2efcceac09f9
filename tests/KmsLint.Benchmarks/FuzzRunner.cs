using System.Diagnostics;
using System.Text;
using KmsLint.Patterns;
using KmsLint.Templates;

namespace KmsLint.Benchmarks;

/// <summary>
/// The long fuzz run (issue 5): N random and mutated inputs per engine, spread over every core with seeded
/// generators (a run is repeatable with the same --seed). An input fails when the engine throws anything but its
/// own error type, or when the linter reports an internal error (KMS999) or an unlocated finding. Failing inputs
/// are written to the temp directory so they can be replayed.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>Pieces that steer random text into the YAML front end's and model builder's corners.</summary>
    private static readonly string[] TemplateFragments =
    {
        "AWSTemplateFormatVersion: x\n", "Resources:\n", "  K:\n", "    Type: AWS::KMS::Key\n", "    Properties:\n",
        "    Type: AWS::CloudTrail::Trail\n", "    Type: AWS::Logs::MetricFilter\n", "    Type: AWS::CloudWatch::Alarm\n",
        "    Type: AWS::SNS::Topic\n", "    Type: AWS::Events::Rule\n", "Outputs:\n", "Parameters:\n", "Conditions:\n", "Mappings:\n",
        "!Ref ", "!GetAtt ", "!Sub ", "!If ", "!Join ", "!Select ", "!FindInMap ", "!ImportValue ", "!Foo ", "Fn::Sub", "Ref", "${", "}", "[", "]",
        "{", ":", "- ", "&a ", "*a ", "\"", "'", "#", "\t", "\n", "  ", "\u00e9", "\ud83d\ude00", "\0", "\r\n", "{ \"Ref\": ", "Enabled: false\n",
        "? ", "|\n", "---\n", "42", "true", "null", "~", "Metadata: { kmslint: { ignore: [KMS400] } }\n", "DependsOn: ", "Condition: ",
    };

    private const string FilterAlphabet = "{}()[]$.=!<>&|\"%*?-_,\\ \n\t\raeEINSTULRFXkmsDisableKey0123456789";
    private const string JsonAlphabet = "{}[]:,\"\\/ \n\t-+.eE0123456789truefalsnu$orxprefixnumericanything-butexistswildcard";

    private static readonly string[] FilterSeeds =
    {
        "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}",
        "{\n  ($.eventSource = kms.amazonaws.com) &&\n  (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))\n}",
        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }",
        "{ $.requestParameters.pendingWindowInDays <= 7 && $.responseElements IS NULL && $.readOnly IS FALSE }",
        "{ $.resources[0].type = \"AWS::KMS::Key\" && $.eventName = %^DisableKey$% }",
        "?ScheduleKeyDeletion ?DisableKey -AccessDenied \"kms.amazonaws.com\"",
        "%ScheduleKeyDeletion|DisableKey%",
        "[ip, user, username, timestamp, request = *GET*, status_code = 4* || status_code = 5*, ..., bytes > 1000]",
    };

    private static readonly string[] EventSeeds =
    {
        "{\"source\": [\"aws.kms\"], \"detail-type\": [\"AWS API Call via CloudTrail\"], \"detail\": {\"eventSource\": [\"kms.amazonaws.com\"], \"eventName\": [\"ScheduleKeyDeletion\", \"DisableKey\"]}}",
        "{\"source\": [\"aws.kms\"], \"$or\": [{\"detail\": {\"eventName\": [{\"prefix\": \"Disable\"}]}}, {\"detail\": {\"eventName\": [{\"wildcard\": \"Schedule*\"}], \"errorCode\": [{\"exists\": false}]}}]}",
        "{\"detail\": {\"eventName\": [{\"anything-but\": {\"equals-ignore-case\": [\"decrypt\", \"encrypt\"]}}], \"requestParameters\": {\"pendingWindowInDays\": [{\"numeric\": [\">=\", 7, \"<\", 31]}]}, \"sourceIPAddress\": [{\"cidr\": \"203.0.113.0/24\"}]}}",
        "{\"detail\": {\"eventName\": [{\"suffix\": {\"equals-ignore-case\": \"key\"}}, {\"anything-but\": [1, 2]}, null, true, 3.5e2]}}",
    };

    public static int Run(IReadOnlyList<CorpusFile> corpus, long iterations, int seed, string[] engines)
    {
        // Small files keep a million mutated lints in minutes; the size of a file is not what the mutations probe.
        var seeds = corpus.Select(file => file.Bytes).Where(bytes => bytes.Length <= 16_384).ToArray();
        var failures = 0;
        foreach (var engine in engines.Contains("all") ? new[] { "templates", "filter", "event" } : engines)
        {
            Func<Random, (string Outcome, string? Failure, byte[] Input)> one = engine switch
            {
                "templates" => random => Template(random, seeds),
                "filter" => random => Pattern(random, FilterSeeds, FilterAlphabet, text =>
                {
                    var pattern = FilterPattern.Parse(text);
                    CloudTrailCorpus.Evaluate(pattern);
                    pattern.Matches(text);
                    return "parsed and evaluated";
                }),
                "event" => random => Pattern(random, EventSeeds, JsonAlphabet, text =>
                {
                    var verdict = CloudTrailCorpus.Evaluate(EventPattern.Parse(text));
                    return verdict.MatchesNothing ? "parsed, matched no event" : "parsed, matched events";
                }),
                _ => throw new ArgumentException($"unknown engine '{engine}' (templates, filter, event)"),
            };
            failures += RunEngine(engine, one, iterations, seed);
        }

        return failures == 0 ? 0 : 1;
    }

    private static int RunEngine(string engine, Func<Random, (string Outcome, string? Failure, byte[] Input)> one, long iterations, int seed)
    {
        var workers = Environment.ProcessorCount;
        var outcomes = new Dictionary<string, long>(StringComparer.Ordinal);
        var failures = new List<string>();
        long done = 0;
        var watch = Stopwatch.StartNew();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var random = new Random(seed + worker);
            var share = iterations / workers + (worker < iterations % workers ? 1 : 0);
            var local = new Dictionary<string, long>(StringComparer.Ordinal);
            for (long i = 0; i < share; i++)
            {
                var (outcome, failure, input) = one(random);
                local[outcome] = local.GetValueOrDefault(outcome) + 1;
                if (failure is not null)
                {
                    lock (failures)
                    {
                        var file = Path.Combine(Path.GetTempPath(), $"kmslint-fuzz-{engine}-{failures.Count}.bin");
                        File.WriteAllBytes(file, input);
                        failures.Add($"{failure} (input: {file})");
                    }
                }

                if (Interlocked.Increment(ref done) % 100_000 == 0)
                {
                    Console.WriteLine($"  {engine}: {Interlocked.Read(ref done):N0} inputs, {watch.Elapsed.TotalSeconds:F0} s");
                }
            }

            lock (outcomes)
            {
                foreach (var (outcome, count) in local)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + count;
                }
            }
        });

        Console.WriteLine($"{engine}: {done:N0} inputs in {watch.Elapsed.TotalSeconds:F0} s on {workers} cores (seed {seed}): " +
                          $"{(failures.Count == 0 ? "no failure" : $"{failures.Count} FAILURES")}");
        foreach (var (outcome, count) in outcomes.OrderByDescending(pair => pair.Value))
        {
            Console.WriteLine($"  {count,10:N0}  {outcome}");
        }

        foreach (var failure in failures.Take(10))
        {
            Console.WriteLine($"  FAILURE: {failure}");
        }

        return failures.Count;
    }

    /// <summary>Random bytes, random fragment text, or a corpus file with 1–4 byte-level mutations.</summary>
    private static (string, string?, byte[]) Template(Random random, byte[][] seeds)
    {
        var input = random.Next(3) switch
        {
            0 => RandomBytes(random),
            1 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(81)).Select(_ => TemplateFragments[random.Next(TemplateFragments.Length)]))),
            _ => Mutate(random, seeds[random.Next(seeds.Length)]),
        };
        try
        {
            var report = Linter.Lint(new[] { new TemplateSource("fuzz.yaml", () => new MemoryStream(input, writable: false)) }, LintSettings.Default);
            if (report.Findings.FirstOrDefault(f => f.RuleId == "KMS999") is { } crash)
            {
                return ("internal error", crash.Message, input);
            }

            if (report.Findings.FirstOrDefault(f => f.Location.StartLine < 1 || f.Location.StartColumn < 1) is { } unlocated)
            {
                return ("unlocated finding", $"{unlocated.RuleId} at {unlocated.Location.StartLine}:{unlocated.Location.StartColumn}", input);
            }

            var kind = report.TemplatesLinted == 1 ? "template" : report.FilesNotTemplates == 1 ? "not a template" : "rejected";
            var parseFinding = report.Findings.FirstOrDefault(f => f.RuleId is "KMS900" or "KMS901" or "KMS902");
            return (parseFinding is null ? kind : $"{kind}, {parseFinding.RuleId}", null, input);
        }
        catch (Exception crash)
        {
            return ("threw", crash.ToString(), input);
        }
    }

    /// <summary>Random text over the pattern alphabet, any text, or a real pattern with 1–8 character edits.</summary>
    private static (string, string?, byte[]) Pattern(Random random, string[] seeds, string alphabet, Func<string, string> parseAndEvaluate)
    {
        var text = random.Next(3) switch
        {
            0 => new string(Enumerable.Range(0, random.Next(121)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()),
            1 => new string(Enumerable.Range(0, random.Next(121)).Select(_ => (char)random.Next(char.MaxValue + 1)).ToArray()),
            _ => Edit(random, seeds[random.Next(seeds.Length)], alphabet),
        };
        var input = Encoding.UTF8.GetBytes(text);
        try
        {
            return (parseAndEvaluate(text), null, input);
        }
        catch (PatternSyntaxException error)
        {
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var located = error.Line >= 1 && error.Line <= lines.Length && error.Column >= 1 && error.Column <= lines[error.Line - 1].Length + 1;
            return located ? ("syntax error", null, input) : ("syntax error outside the text", $"{error.Line}:{error.Column} {error.Message}", input);
        }
        catch (Exception crash)
        {
            return ("threw", crash.ToString(), input);
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(601)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>1–4 of: replace a byte, insert a run, delete a run, duplicate a slice, truncate.</summary>
    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = new List<byte>(original);
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            var length = random.Next(1, 65);
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)random.Next(256), length));
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(length, bytes.Count - at));
                    break;
                case 3:
                    bytes.InsertRange(at, bytes.Skip(at).Take(length).ToList());
                    break;
                default:
                    if (random.Next(4) == 0)
                    {
                        bytes.RemoveRange(at, bytes.Count - at);
                    }

                    break;
            }
        }

        return bytes.ToArray();
    }

    private static string Edit(Random random, string seed, string alphabet)
    {
        var text = new StringBuilder(seed);
        for (var edits = random.Next(1, 9); edits > 0; edits--)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            var c = alphabet[random.Next(alphabet.Length)];
            switch (random.Next(4))
            {
                case 0: text.Insert(at, c); break;
                case 1 when text.Length > 0: text.Remove(at, 1); break;
                case 2 when text.Length > 0: text[at] = c; break;
                default: text.Insert(at, text.ToString(at, Math.Min(1 + random.Next(7), text.Length - at))); break;
            }
        }

        return text.ToString();
    }
}
