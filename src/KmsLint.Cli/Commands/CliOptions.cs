namespace KmsLint.Cli.Commands;

/// <summary>
/// The options commands share, defined once so that every command that reads templates (<c>lint</c>, <c>report</c>)
/// spells, parses and documents them alike. A command lists the ones it accepts in <see cref="ICommand.Options"/>.
/// </summary>
internal static class CliOptions
{
    public static readonly CliOption Config = new(
        "--config", "FILE|DIR",
        "use this configuration (for a DIR, its .kmslint.yaml or .kmslint.yml) instead\n" +
        "of the one found in the first PATH or the nearest folder above it (up to the\n" +
        "git root)");

    public static readonly CliOption Exclude = new(
        "--exclude", "GLOB",
        "skip the files and folders GLOB matches, relative to the current directory\n" +
        "(** any folders, * and ? within a name); repeatable, added to the config's\n" +
        "'exclude'");

    public static readonly CliOption IgnoreChecks = new(
        "--ignore-checks", "ID[,ID]",
        "turn these rules off for this run (as 'off' in .kmslint.yaml); repeatable",
        "--skip-check");

    public static readonly CliOption IncludeChecks = new(
        "--include-checks", "ID[,ID]",
        "run these rules even where .kmslint.yaml turns them off, at their default\n" +
        "level; repeatable");

    public static readonly CliOption StdinName = new(
        "--stdin-name", "PATH",
        "with the PATH '-' (a template on standard input): show it as PATH and lint it\n" +
        "as that file would be, with its repository's templates and config");

    public static readonly CliOption Quiet = new(
        "--quiet", null,
        "print only the findings: no summary line, no progress",
        "-q");

    public static readonly CliOption Verbose = new(
        "--verbose", null,
        "say on stderr which config and sets are used, and every file linted or\n" +
        "skipped, and why",
        "-v");

    public static readonly CliOption Color = new(
        "--color", "WHEN",
        "auto (default: colour on a terminal, unless NO_COLOR is set or TERM=dumb),\n" +
        "always or never",
        "--colour");

    public static readonly CliOption NoColor = new("--no-color", null, "the same as --color never", "--no-colour");

    /// <summary>What every command that reads a repository's templates accepts (<c>lint</c>, <c>report</c>).</summary>
    public static readonly IReadOnlyList<CliOption> TemplateInputs = new[] { Config, Exclude, IgnoreChecks, IncludeChecks, StdinName };

    /// <summary>How much a command says besides its result, and whether in colour.</summary>
    public static readonly IReadOnlyList<CliOption> Chattiness = new[] { Quiet, Verbose, Color, NoColor };
}
