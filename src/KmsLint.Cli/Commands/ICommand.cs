namespace KmsLint.Cli.Commands;

/// <summary>
/// One <c>kmslint</c> subcommand. To add a command, write a class implementing this and add one line to
/// <see cref="Cli.Commands"/>; <c>--help</c>, unknown-option errors and dispatch come for free.
/// </summary>
internal interface ICommand
{
    /// <summary>The word after <c>kmslint</c>, e.g. <c>lint</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list of <c>kmslint --help</c>.</summary>
    string Summary { get; }

    /// <summary>The full text <c>kmslint NAME --help</c> prints.</summary>
    string Help { get; }

    /// <summary>
    /// The options the command accepts (shared ones from <see cref="CliOptions"/>); the parser, "did you mean" and the
    /// Options section of the help (<see cref="CliOption.Help"/>) all read this list.
    /// </summary>
    IReadOnlyList<CliOption> Options { get; }

    /// <summary>Runs the command; returns the exit code. Throws <see cref="UsageException"/> for bad input.</summary>
    int Run(ParsedArguments arguments, CliContext context);
}
