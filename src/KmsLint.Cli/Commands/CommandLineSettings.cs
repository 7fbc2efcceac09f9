using KmsLint.Cli.Configuration;
using KmsLint.Cli.Discovery;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>
/// What the command line changes in every set's configuration, over what <c>.kmslint.yaml</c> says: <c>--exclude</c>
/// globs (relative to the current directory), <c>--ignore-checks</c> (rules off) and <c>--include-checks</c> (rules on
/// at their default level where the config turns them off, overrides included).
/// </summary>
internal sealed class CommandLineSettings
{
    private readonly ExcludeSet excludes;
    private readonly IReadOnlyList<RuleDescriptor> ignored;
    private readonly IReadOnlyList<RuleDescriptor> included;

    private CommandLineSettings(ExcludeSet excludes, IReadOnlyList<RuleDescriptor> ignored, IReadOnlyList<RuleDescriptor> included)
    {
        this.excludes = excludes;
        this.ignored = ignored;
        this.included = included;
    }

    public static CommandLineSettings From(ParsedArguments arguments, CliContext context)
    {
        var globs = arguments.Values(CliOptions.Exclude.Name).Select(pattern => pattern.Length == 0
            ? throw arguments.Error("--exclude is empty (an unset variable?): give a glob such as 'legacy/**'")
            : new Glob(pattern)).ToArray();
        var ignored = Rules(arguments, CliOptions.IgnoreChecks.Name);
        var included = Rules(arguments, CliOptions.IncludeChecks.Name);
        if (ignored.Intersect(included).FirstOrDefault() is { } both)
            throw arguments.Error($"{both.Id} is given to both --ignore-checks and --include-checks; give one");
        return new CommandLineSettings(new ExcludeSet(context.WorkingDirectory, globs, "--exclude"), ignored, included);
    }

    /// <summary>The configuration with the command line's excludes added and its rules turned off or on.</summary>
    public LintConfig Apply(LintConfig config)
    {
        if (ignored.Count == 0 && included.Count == 0)
            return config with { Excludes = config.Excludes.And(excludes) };
        return config with
        {
            Excludes = config.Excludes.And(excludes),
            Settings = config.Settings with { RuleLevels = Adjust(config.Settings.RuleLevels) },
            Overrides = config.Overrides.Select(rule => rule with { Levels = Adjust(rule.Levels) }).ToList(),
        };
    }

    /// <summary>Levels with the included rules on where they are off, and the ignored ones off everywhere.</summary>
    private Dictionary<string, Level?> Adjust(IReadOnlyDictionary<string, Level?> levels)
    {
        var adjusted = new Dictionary<string, Level?>(levels.ToDictionary(pair => pair.Key, pair => pair.Value), StringComparer.OrdinalIgnoreCase);
        foreach (var rule in included)
        {
            if (adjusted.TryGetValue(rule.Id, out var level) && level is null)
                adjusted[rule.Id] = rule.DefaultLevel;
        }
        foreach (var rule in ignored)
            adjusted[rule.Id] = null;
        return adjusted;
    }

    /// <summary>The rules an option names (<c>KMS400,KMS402</c>, repeatable), each a linter rule that can be switched.</summary>
    private static IReadOnlyList<RuleDescriptor> Rules(ParsedArguments arguments, string option) =>
        arguments.ListValues(option).Select(id =>
        {
            if (RuleCatalog.Find(id) is not { } rule)
            {
                throw arguments.Error(KnownRules.Find(id) is { Product: RuleProduct.Analyzer }
                    ? $"{option}: {id.ToUpperInvariant()} is a rule of the C# analyzer; set its severity in .editorconfig"
                    : $"{option}: unknown rule id '{id}'{KnownRules.DidYouMean(id)} ('kmslint rules' lists them)");
            }
            return rule == RuleCatalog.InternalError
                ? throw arguments.Error($"{option}: {rule.Id} (internal errors) always fails the run and cannot be switched")
                : rule;
        }).Distinct().ToList();
}
