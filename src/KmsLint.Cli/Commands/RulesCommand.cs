namespace KmsLint.Cli.Commands;

/// <summary><c>kmslint rules</c>: every rule of both products with its id, default level, product and one-line description.</summary>
internal sealed class RulesCommand : ICommand
{
    public string Name => "rules";
    public string Summary => "list every rule of the linter and the analyzer with its id, default level and description";
    public string Help =>
        "Usage: kmslint rules\n\n" +
        "Lists every rule: id, default level, product and what it reports. 'linter' rules are kmslint lint's\n" +
        "(change a level in .kmslint.yaml under 'rules:'); 'analyzer' rules are the C# analyzer's, NuGet package\n" +
        "KmsLint.Analyzers (change a severity in .editorconfig: dotnet_diagnostic.<ID>.severity).\n" +
        "'kmslint explain <ID>' prints a rule's page.\n";
    public IReadOnlyCollection<string> ValueOptions => Array.Empty<string>();
    public IReadOnlyCollection<string> FlagOptions => Array.Empty<string>();

    public int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count > 0)
            throw arguments.Error($"unexpected argument '{arguments.Positionals[0]}'");
        foreach (var (rule, product) in KnownRules.All)
            context.Stdout.WriteLine($"{rule.Id}  {LevelNames.Of(rule.DefaultLevel),-7}  {ProductName(product),-8}  {rule.ShortDescription}");
        return ExitCode.Success;
    }

    private static string ProductName(RuleProduct product) => product == RuleProduct.Analyzer ? "analyzer" : "linter";
}
