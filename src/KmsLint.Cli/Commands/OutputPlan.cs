namespace KmsLint.Cli.Commands;

/// <summary>One report of a run: a format and where it goes.</summary>
internal sealed record PlannedOutput(string Format, ReportOutput Destination);

/// <summary>
/// The reports one run writes, from <c>--format F [--output FILE]</c> pairs: text to the log and SARIF to a file in one
/// run (<c>-f github -f sarif -o kmslint.sarif</c>). Each <c>--output</c> belongs to the <c>--format</c> before it; with a
/// single format the order does not matter (<c>-o x.json -f json</c>). At most one report goes to standard output.
/// </summary>
internal static class OutputPlan
{
    public static IReadOnlyList<PlannedOutput> Parse(ParsedArguments arguments, CliContext context, string[] formats, string fallback)
    {
        var pairs = new List<(string Format, string? Output)>();
        string? leadingOutput = null;
        foreach (var given in arguments.InOrder)
        {
            if (given.Option.Name == "--format")
            {
                pairs.Add((arguments.ChoiceOf("--format", given.Value!, formats), null));
            }
            else if (given.Option.Name == ReportOutput.Option)
            {
                if (pairs.Count == 0 && leadingOutput is null)
                    leadingOutput = given.Value;
                else if (pairs.Count > 0 && pairs[^1].Output is null)
                    pairs[^1] = (pairs[^1].Format, given.Value);
                else
                    throw arguments.Error($"--output '{given.Value}' has no --format of its own: give a --format before each --output (e.g. --format github --format sarif --output kmslint.sarif)");
            }
        }

        if (leadingOutput is not null)
        {
            if (pairs.Count == 0)
                pairs.Add((fallback, leadingOutput));
            else if (pairs.Count == 1 && pairs[0].Output is null)
                pairs[0] = (pairs[0].Format, leadingOutput);
            else
                throw arguments.Error($"--output '{leadingOutput}' comes before every --format: with several formats, give each --output after its --format");
        }
        if (pairs.Count == 0)
            pairs.Add((fallback, null));

        var outputs = pairs.Select(pair => new PlannedOutput(pair.Format, ReportOutput.Of(pair.Output, arguments, context))).ToList();
        if (outputs.Count(output => output.Destination.IsStandardOutput) > 1)
            throw arguments.Error($"{string.Join(" and ", outputs.Where(output => output.Destination.IsStandardOutput).Select(output => output.Format))} would both go to standard output: give all but one an --output FILE");
        if (outputs.Where(output => !output.Destination.IsStandardOutput).GroupBy(output => output.Destination.FullPath).FirstOrDefault(group => group.Count() > 1) is { } twice)
            throw arguments.Error($"--output '{twice.First().Destination.Given}' is given for two formats; one would overwrite the other");
        return outputs;
    }
}
