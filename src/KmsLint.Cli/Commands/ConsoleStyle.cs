namespace KmsLint.Cli.Commands;

/// <summary>
/// How much a command says besides its result (<c>--quiet</c>, <c>--verbose</c>) and whether it colours its text
/// (<c>--color auto|always|never</c>, <c>--no-color</c>).
/// </summary>
internal sealed class ConsoleStyle
{
    private static readonly string[] ColorChoices = { "auto", "always", "never" };

    private ConsoleStyle(bool quiet, bool verbose, string color)
    {
        Quiet = quiet;
        Verbose = verbose;
        Color = color;
    }

    /// <summary>Only the findings: no summary line, no progress.</summary>
    public bool Quiet { get; }

    public bool Verbose { get; }

    /// <summary>auto, always or never.</summary>
    public string Color { get; }

    public static ConsoleStyle From(ParsedArguments arguments)
    {
        var quiet = arguments.Flag(CliOptions.Quiet.Name);
        var verbose = arguments.Flag(CliOptions.Verbose.Name);
        if (quiet && verbose)
            throw arguments.Error("--quiet and --verbose contradict each other; give one");
        var color = arguments.Choice(CliOptions.Color.Name, ColorChoices, "auto");
        if (arguments.Flag(CliOptions.NoColor.Name))
        {
            if (color == "always")
                throw arguments.Error("--no-color and --color always contradict each other; give one");
            color = "never";
        }
        return new ConsoleStyle(quiet, verbose, color);
    }

    /// <summary>
    /// Whether text going to standard output (<paramref name="toStandardOutput"/>) or a file is coloured: <c>always</c>
    /// everywhere; <c>auto</c> only on a terminal, unless NO_COLOR is set (no-color.org) or TERM=dumb.
    /// </summary>
    public bool Colours(bool toStandardOutput, CliContext context) => Color switch
    {
        "always" => true,
        "never" => false,
        _ => toStandardOutput && context.StdoutIsTerminal
             && string.IsNullOrEmpty(context.GetEnvironmentVariable("NO_COLOR"))
             && context.GetEnvironmentVariable("TERM") != "dumb",
    };

    /// <summary>The context with the verbose log on stderr when <c>--verbose</c> is given.</summary>
    public CliContext Apply(CliContext context) =>
        Verbose ? context with { Log = new VerboseLog(context.Stderr) } : context;
}
