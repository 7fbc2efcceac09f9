namespace KmsLint.Cli.Commands;

/// <summary>
/// One command-line option: its name, the other spellings users type by habit (<c>-f</c>, <c>--skip-check</c>), whether
/// it takes a value, and its help. Commands list the options they accept (<see cref="ICommand.Options"/>); parsing,
/// "did you mean" and the Options section of <c>--help</c> all come from that one list.
/// </summary>
internal sealed class CliOption
{
    public CliOption(string name, string? valueName, string description, params string[] aliases)
    {
        Name = name;
        ValueName = valueName;
        Description = description;
        Aliases = aliases;
    }

    /// <summary>The canonical spelling, e.g. <c>--format</c>: what commands ask <see cref="ParsedArguments"/> for.</summary>
    public string Name { get; }

    /// <summary>Other spellings: a short form (<c>-f</c>) or another tool's name for the same thing (<c>--skip-check</c>).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>What the value is called in help (<c>FORMAT</c>), or null for a switch.</summary>
    public string? ValueName { get; }

    public bool TakesValue => ValueName is not null;

    /// <summary>The help text; lines after the first are continuation lines.</summary>
    public string Description { get; }

    public IEnumerable<string> Names => Aliases.Prepend(Name);

    /// <summary>Short aliases first, as help lists them: <c>-f, --format FORMAT</c>.</summary>
    private string Usage
    {
        get
        {
            var names = Names.OrderBy(name => name.StartsWith("--", StringComparison.Ordinal) ? 1 : 0).ThenBy(name => name == Name ? 0 : 1);
            return string.Join(", ", names) + (ValueName is null ? string.Empty : " " + ValueName);
        }
    }

    /// <summary>The Options section of a command's help: one entry per option, descriptions aligned.</summary>
    public static string Help(IEnumerable<CliOption> options)
    {
        var text = new System.Text.StringBuilder("Options:\n");
        foreach (var option in options)
            Append(text, option.Usage, option.Description);
        Append(text, "-h, --help", "show this help");
        return text.ToString();
    }

    /// <summary>The column descriptions start at (after the two-space indent).</summary>
    private const int Width = 24;

    private static void Append(System.Text.StringBuilder text, string usage, string description)
    {
        const int width = Width;
        var lines = description.Split('\n');
        // A long usage gets its description on the next line rather than a ragged column.
        if (usage.Length + 2 > width)
            text.Append("  ").Append(usage).Append('\n').Append(' ', width + 2).Append(lines[0]).Append('\n');
        else
            text.Append("  ").Append(usage.PadRight(width)).Append(lines[0]).Append('\n');
        foreach (var line in lines.Skip(1))
            text.Append(' ', width + 2).Append(line).Append('\n');
    }
}
