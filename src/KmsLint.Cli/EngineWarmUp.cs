using KmsLint.Patterns;
using KmsLint.Templates.Yaml;

namespace KmsLint.Cli;

/// <summary>
/// Warms the two costliest first uses of a lint on a background thread while the CLI starts up, finds and reads the
/// user's files: the YAML front end (YamlDotNet's parser builds a regex in its static set-up) and the CloudTrail
/// corpus with the filter pattern engine. Even precompiled (ReadyToRun) code pays for loading and initialising its
/// types on first use; on a one-file run, as a pre-commit hook makes, the real lint then finds that done
/// (bench/startup.sh: ~110 ms to ~90 ms). Warming the whole pipeline measured slower: it competes with the real run.
/// </summary>
internal static class EngineWarmUp
{
    public static void Start() => new Thread(Run) { IsBackground = true, Name = "kmslint warm-up" }.Start();

    private static void Run()
    {
        try
        {
            Exercise();
        }
        catch (Exception)
        {
            // Only a head start: whatever failed here, the real lint meets and reports itself.
        }
    }

    /// <summary>Runs the warm-up work; true when the sample parsed and the pattern matched the DisableKey record, as it must.</summary>
    internal static bool Exercise()
    {
        var parsed = TemplateReader.Read("warm-up.yaml", "Resources:\n  Key:\n    Type: !Ref Kind\n    Tags: [\"a\", 'b']\n");
        var verdict = CloudTrailCorpus.Evaluate(FilterPattern.Parse("{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) }"));
        return parsed.ParseError is null && verdict.MatchesDisableKey;
    }
}
