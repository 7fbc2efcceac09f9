using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>
/// A command's arguments split into positionals and the options given, in the order given. Parsed by hand: small, no
/// reflection (NativeAOT), no start-up cost. Options are asked for by their canonical name (<c>--format</c>), whichever
/// spelling the user typed (<c>-f</c>, <c>-fjson</c>, <c>--format=json</c>).
/// </summary>
internal sealed class ParsedArguments
{
    private readonly List<GivenOption> given = new();

    private ParsedArguments(string commandName) => CommandName = commandName;

    /// <summary>E.g. <c>kmslint lint</c>: used in error messages.</summary>
    public string CommandName { get; }

    public List<string> Positionals { get; } = new();

    public bool HelpRequested { get; private set; }

    /// <summary>Every option given, in command-line order (<c>--format</c>/<c>--output</c> pairs depend on it).</summary>
    public IReadOnlyList<GivenOption> InOrder => given;

    /// <summary>The value of an option that may be given once, or null; given twice is a usage error.</summary>
    public string? Value(string option)
    {
        var values = Values(option);
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw Error($"option '{option}' is given more than once"),
        };
    }

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string option) =>
        given.Where(item => item.Option.Name == option).Select(item => item.Value!).ToList();

    /// <summary>Every value of a repeatable option whose values may also be comma-separated (<c>--ignore-checks A,B</c>).</summary>
    public IReadOnlyList<string> ListValues(string option) =>
        Values(option).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public bool Flag(string option) => given.Exists(item => item.Option.Name == option);

    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="options"/>; <c>--help</c>/<c>-h</c> is accepted by every
    /// command and <c>--</c> ends the options. An unknown option (with the closest known one) or a missing value is a
    /// <see cref="UsageException"/>.
    /// </summary>
    public static ParsedArguments Parse(IReadOnlyList<string> args, string commandName, IReadOnlyList<CliOption> options)
    {
        var byName = new Dictionary<string, CliOption>(StringComparer.Ordinal);
        foreach (var option in options)
            foreach (var name in option.Names)
                byName[name] = option;

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
                parsed.HelpRequested = true;
                continue;
            }

            var (name, attached) = Split(arg, byName);
            if (!byName.TryGetValue(name, out var known))
                throw parsed.UnknownOption(arg, name, byName.Keys);
            if (!known.TakesValue)
            {
                if (attached is not null)
                    throw parsed.Error($"option '{name}' takes no value");
                parsed.given.Add(new GivenOption(known, name, null));
                continue;
            }
            var value = attached ?? (i + 1 < args.Count ? args[++i] : throw parsed.Error($"option '{name}' needs a value"));
            parsed.given.Add(new GivenOption(known, name, value));
        }
        return parsed;
    }

    /// <summary><c>--name=value</c>, <c>-xvalue</c> (a short option that takes a value) or a bare name.</summary>
    private static (string Name, string? Value) Split(string arg, Dictionary<string, CliOption> byName)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            var equals = arg.IndexOf('=');
            return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
        }
        if (arg.Length > 2 && byName.TryGetValue(arg[..2], out var shortOption) && shortOption.TakesValue)
            return (arg[..2], arg[2] == '=' ? arg[3..] : arg[2..]);
        return (arg, null);
    }

    private UsageException UnknownOption(string arg, string name, IEnumerable<string> known)
    {
        var closest = Suggestions.Closest(name, known.Where(candidate => candidate.StartsWith("--", StringComparison.Ordinal) == name.StartsWith("--", StringComparison.Ordinal)));
        return Error(closest is null ? $"unknown option '{arg}'" : $"unknown option '{arg}'; did you mean '{closest}'?");
    }

    /// <summary>A usage error that says where to read the command's help (the CLI prefixes <c>kmslint: </c>).</summary>
    public UsageException Error(string problem) =>
        new($"{problem} (see '{CommandName} --help')");

    /// <summary>
    /// The value of an option restricted to <paramref name="allowed"/> (in any case: <c>--format JSON</c>), as written in
    /// <paramref name="allowed"/>; <paramref name="fallback"/> when the option is absent.
    /// </summary>
    public string Choice(string option, string[] allowed, string fallback) =>
        Value(option) is { } value ? ChoiceOf(option, value, allowed) : fallback;

    /// <summary>One value checked against <paramref name="allowed"/>, any case; a near miss is named.</summary>
    public string ChoiceOf(string option, string value, string[] allowed)
    {
        foreach (var candidate in allowed)
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                return candidate;
        var closest = Suggestions.Closest(value.ToLowerInvariant(), allowed);
        throw Error($"option '{option}' must be one of {string.Join(", ", allowed)}, not '{value}'" + (closest is null ? string.Empty : $"; did you mean '{closest}'?"));
    }
}

/// <summary>One option as given: which option, how it was spelt, and its value (null for a switch).</summary>
internal sealed record GivenOption(CliOption Option, string Written, string? Value);
