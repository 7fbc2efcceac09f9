namespace KmsLint.Cli.Commands;

/// <summary><c>kmslint explain KMS203</c>: prints the rule's page, rules/KMS203.md, embedded in the tool (either product's rule).</summary>
internal sealed class ExplainCommand : ICommand
{
    public string Name => "explain";
    public string Summary => "print a rule's documentation page (kmslint explain KMS203)";
    public string Help =>
        "Usage: kmslint explain <RULE-ID>\n\n" +
        "Prints the rule's page: what it reports, why it matters, a bad and a good example, its options\n" +
        "and how to suppress it. 'kmslint rules' lists the ids.\n";
    public IReadOnlyCollection<string> ValueOptions => Array.Empty<string>();
    public IReadOnlyCollection<string> FlagOptions => Array.Empty<string>();

    public int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count != 1)
            throw arguments.Error("expects exactly one rule id, e.g. KMS203");
        var id = arguments.Positionals[0];
        var rule = KnownRules.Find(id) ?? throw arguments.Error($"unknown rule id '{id}' ('kmslint rules' lists them)");
        context.Stdout.Write(RulePages.Read(rule.Descriptor.Id));
        return ExitCode.Success;
    }
}
