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

    /// <summary>Options that take a value (<c>--format sarif</c> or <c>--format=sarif</c>).</summary>
    IReadOnlyCollection<string> ValueOptions { get; }

    /// <summary>Options that are plain switches (<c>--force</c>).</summary>
    IReadOnlyCollection<string> FlagOptions { get; }

    /// <summary>Runs the command; returns the exit code. Throws <see cref="UsageException"/> for bad input.</summary>
    int Run(ParsedArguments arguments, CliContext context);
}
