namespace KmsLint.Cli.Commands;

/// <summary><c>kmslint explain KMS203 KMS301</c>: prints the rules' pages, rules/ID.md, embedded in the tool (either product's rules).</summary>
internal sealed class ExplainCommand : ICommand
{
    public string Name => "explain";
    public string Summary => "print rules' documentation pages (kmslint explain KMS203 KMS301)";
    public string Help =>
        "Usage: kmslint explain <RULE-ID> [RULE-ID ...]\n\n" +
        "Prints each rule's page, in the order given: what it reports, why it matters, a bad and a good\n" +
        "example, its options and how to suppress it. 'kmslint rules' lists the ids.\n";
    public IReadOnlyList<CliOption> Options => Array.Empty<CliOption>();

    public int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count == 0)
            throw arguments.Error("expects at least one rule id, e.g. KMS203");
        // Every id is checked before anything is printed: a typo in the third id must not leave two pages and an error.
        var rules = arguments.Positionals.Select(id => KnownRules.Find(id) ?? throw UnknownRule(arguments, id)).Distinct().ToList();
        for (var i = 0; i < rules.Count; i++)
        {
            if (i > 0)
                context.Stdout.WriteLine();
            context.Stdout.Write(RulePages.Read(rules[i].Descriptor.Id));
        }
        return ExitCode.Success;
    }

    private static UsageException UnknownRule(ParsedArguments arguments, string id) =>
        arguments.Error($"unknown rule id '{id}'{KnownRules.DidYouMean(id)} ('kmslint rules' lists them)");
}
