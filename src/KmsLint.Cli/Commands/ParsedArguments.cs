namespace KmsLint.Cli.Commands;

/// <summary>
/// A command's arguments split into positionals, option values and switches. Parsed by hand: small, no
/// reflection (NativeAOT), no start-up cost.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private ParsedArguments(string commandName) => CommandName = commandName;

    /// <summary>E.g. <c>kmslint lint</c>: used in error messages.</summary>
    public string CommandName { get; }

    public List<string> Positionals { get; } = new();

    public bool HelpRequested => flags.Contains("--help");

    public string? Value(string option) => values.TryGetValue(option, out var value) ? value : null;

    public bool Flag(string option) => flags.Contains(option);

    /// <summary>
    /// Parses <paramref name="args"/>; <c>--help</c>/<c>-h</c> is accepted by every command and <c>--</c> ends
    /// the options. Unknown options, missing values and repeated options are <see cref="UsageException"/>s.
    /// </summary>
    public static ParsedArguments Parse(
        IReadOnlyList<string> args, string commandName,
        IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var parsed = new ParsedArguments(commandName);
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg == "-" || !arg.StartsWith('-'))
            {
                parsed.Positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            if (arg is "-h" or "--help")
            {
                parsed.flags.Add("--help");
                continue;
            }

            var equals = arg.IndexOf('=');
            var name = equals < 0 ? arg : arg[..equals];
            if (valueOptions.Contains(name))
            {
                string value;
                if (equals >= 0)
                    value = arg[(equals + 1)..];
                else if (i + 1 < args.Count)
                    value = args[++i];
                else
                    throw parsed.Error($"option '{name}' needs a value");
                if (!parsed.values.TryAdd(name, value))
                    throw parsed.Error($"option '{name}' is given more than once");
            }
            else if (flagOptions.Contains(name) && equals < 0)
            {
                parsed.flags.Add(name);
            }
            else
            {
                throw parsed.Error($"unknown option '{arg}'");
            }
        }
        return parsed;
    }

    /// <summary>A usage error that says where to read the command's help (the CLI prefixes <c>kmslint: </c>).</summary>
    public UsageException Error(string problem) =>
        new($"{problem} (see '{CommandName} --help')");

    /// <summary>The value of an option restricted to <paramref name="allowed"/>, or <paramref name="fallback"/>.</summary>
    public string Choice(string option, string[] allowed, string fallback)
    {
        var value = Value(option);
        if (value is null)
            return fallback;
        if (Array.IndexOf(allowed, value) < 0)
            throw Error($"option '{option}' must be one of {string.Join(", ", allowed)}, not '{value}'");
        return value;
    }
}
