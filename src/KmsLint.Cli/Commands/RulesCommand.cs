using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary><c>kmslint rules</c>: every rule with its id, default level and one-line description.</summary>
internal sealed class RulesCommand : ICommand
{
    public string Name => "rules";
    public string Summary => "list every rule with its id, default level and description";
    public string Help =>
        "Usage: kmslint rules\n\n" +
        "Lists every rule: id, default level (change it in .kmslint.yaml under 'rules:') and what it reports.\n" +
        "'kmslint explain <ID>' prints a rule's page.\n";
    public IReadOnlyCollection<string> ValueOptions => Array.Empty<string>();
    public IReadOnlyCollection<string> FlagOptions => Array.Empty<string>();

    public int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count > 0)
            throw arguments.Error($"unexpected argument '{arguments.Positionals[0]}'");
        foreach (var rule in RuleCatalog.All)
            context.Stdout.WriteLine($"{rule.Id}  {LevelNames.Of(rule.DefaultLevel),-7}  {rule.ShortDescription}");
        return ExitCode.Success;
    }
}
