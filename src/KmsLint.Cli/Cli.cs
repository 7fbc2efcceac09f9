using System.Reflection;
using KmsLint.Cli.Commands;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli;

/// <summary>The entry point of <c>kmslint</c>: dispatches to a command and turns every failure into an exit code.</summary>
public static class Cli
{
    /// <summary>Every command, in the order <c>kmslint --help</c> lists them. Adding a command is one line here.</summary>
    internal static readonly ICommand[] Commands =
    {
        new LintCommand(),
        new ReportCommand(),
        new RulesCommand(),
        new ExplainCommand(),
        new Init.InitCommand(),
    };

    private static string? version;

    /// <summary>The tool's version, e.g. <c>0.1.0</c> (without the source revision the SDK appends).</summary>
    /// <remarks>Read on first use: the attribute lookup costs start-up time that a lint run does not need.</remarks>
    public static string Version => version ??= ReadVersion();

    /// <summary>Runs kmslint with a plain working directory and non-terminal output (what tests use).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string workingDirectory) =>
        Run(args, new CliContext(stdout, stderr, workingDirectory));

    /// <summary>Runs kmslint; returns the exit code (see <see cref="ExitCode"/>). Never throws.</summary>
    public static int Run(IReadOnlyList<string> args, CliContext context)
    {
        try
        {
            return Dispatch(args, context);
        }
        catch (UsageException e)
        {
            context.Stderr.WriteLine("kmslint: " + e.Message);
            return ExitCode.UsageError;
        }
        catch (ConfigException e)
        {
            context.Stderr.WriteLine(e.Message);
            return ExitCode.UsageError;
        }
        catch (OutputFailedException e)
        {
            return ReportOutputFailure(e, context);
        }
        catch (Exception e)
        {
            // A bug of ours must not read like a lint result, nor bury the user in a stack trace.
            context.Stderr.WriteLine(context.GetEnvironmentVariable("KMSLINT_DEBUG") == "1"
                ? "kmslint: internal error: " + e
                : $"kmslint: internal error: {e.GetType().Name}: {e.Message} (set KMSLINT_DEBUG=1 for details)");
            return ExitCode.UsageError;
        }
    }

    /// <summary>The report could not be written to standard output (a full disk, a device error). Exit 2: no verdict.</summary>
    internal static int ReportOutputFailure(OutputFailedException error, CliContext context)
    {
        try
        {
            context.Stderr.WriteLine($"kmslint: cannot write the output: {error.Message}");
        }
        catch (IOException)
        {
            // Standard error is gone too: the exit code is all that is left to say it.
        }

        return ExitCode.UsageError;
    }

    private static int Dispatch(IReadOnlyList<string> args, CliContext context)
    {
        if (args.Count == 0)
        {
            context.Stderr.Write(TopLevelHelp());
            return ExitCode.UsageError;
        }

        var first = args[0];
        switch (first)
        {
            case "-h" or "--help":
                context.Stdout.Write(TopLevelHelp());
                return ExitCode.Success;
            case "--version":
                context.Stdout.WriteLine("kmslint " + Version);
                return ExitCode.Success;
            case "help" when args.Count == 1:
                context.Stdout.Write(TopLevelHelp());
                return ExitCode.Success;
            case "help":
                context.Stdout.Write(Find(args[1], context).Help);
                return ExitCode.Success;
        }
        if (first.StartsWith('-'))
            throw new UsageException(OptionBeforeCommand(first));

        var command = Find(first, context);
        var rest = args.Skip(1).ToArray();
        var arguments = ParsedArguments.Parse(rest, "kmslint " + command.Name, command.Options);
        if (arguments.HelpRequested)
        {
            context.Stdout.Write(command.Help);
            return ExitCode.Success;
        }
        return command.Run(arguments, context);
    }

    /// <summary>The command named; for a near miss, the command meant; for a path, how to lint it (cfn-lint takes files first).</summary>
    private static ICommand Find(string name, CliContext context)
    {
        if (Commands.FirstOrDefault(command => command.Name == name) is { } found)
            return found;
        if (Suggestions.Closest(name, Commands.Select(command => command.Name)) is { } meant)
            throw new UsageException($"unknown command '{name}'; did you mean '{meant}'? (see 'kmslint --help')");
        if (File.Exists(context.FullPath(name)) || Directory.Exists(context.FullPath(name)))
            throw new UsageException($"unknown command '{name}'; to lint it: kmslint lint {name}");
        throw new UsageException($"unknown command '{name}' (see 'kmslint --help')");
    }

    /// <summary>An option before the command: a command's option says where it goes; anything else is unknown.</summary>
    private static string OptionBeforeCommand(string option)
    {
        var name = option.Split('=')[0];
        var owner = Commands.FirstOrDefault(command => command.Options.Any(known => known.Names.Contains(name)));
        if (owner is not null)
            return $"options go after the command: kmslint {owner.Name} {option} ... (see 'kmslint {owner.Name} --help')";
        var closest = Suggestions.Closest(name, new[] { "--help", "--version" });
        return closest is null ? $"unknown option '{option}' (see 'kmslint --help')" : $"unknown option '{option}'; did you mean '{closest}'?";
    }

    private static string TopLevelHelp()
    {
        var width = Commands.Max(command => command.Name.Length) + 2;
        var list = string.Concat(Commands.Select(command =>
            $"  {command.Name.PadRight(width)}{command.Summary}\n"));
        return
            "kmslint " + Version + " - checks that CloudFormation templates hold the whole KMS key-destruction\n" +
            "detection chain and that every KMS key is owned, tagged and retained.\n\n" +
            "Usage: kmslint <command> [options]\n\n" +
            "Commands:\n" + list + "\n" +
            "Options:\n" +
            "  -h, --help   show help; 'kmslint <command> --help' shows a command's options\n" +
            "  --version    print the version\n\n" +
            "Exit codes: 0 no finding at or above the fail level, 1 there are (lint only: report always exits 0),\n" +
            "2 usage or configuration error.\n";
    }

    private static string ReadVersion()
    {
        var informational = typeof(Cli).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        return plus < 0 ? informational : informational[..plus];
    }
}
