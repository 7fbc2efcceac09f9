namespace KmsLint.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    public static TheoryData<string> CommandNames()
    {
        var names = new TheoryData<string>();
        foreach (var command in Cli.Commands)
            names.Add(command.Name);
        return names;
    }

    [Fact]
    public void TopLevelHelpListsEveryCommand()
    {
        var result = tree.Run("--help");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        foreach (var command in Cli.Commands)
            Assert.Contains($"  {command.Name} ", result.Stdout);
        Assert.Contains("Exit codes", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void EveryCommandHasHelp(string name)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var result = tree.Run(name, help);

            Assert.Equal(ExitCode.Success, result.ExitCode);
            Assert.StartsWith($"Usage: kmslint {name}", result.Stdout);
            Assert.Equal("", result.Stderr);
        }
        Assert.StartsWith($"Usage: kmslint {name}", tree.Run("help", name).Stdout);
    }

    [Fact]
    public void VersionPrintsTheToolVersion()
    {
        var result = tree.Run("--version");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Matches(@"^kmslint \d+\.\d+\.\d+\S*\n$", result.Stdout);
    }

    [Fact]
    public void NoArgumentsShowsUsageAndFails()
    {
        var result = tree.Run();

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("Usage: kmslint <command>", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "lint", "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "lint", "--format" }, "option '--format' needs a value")]
    [InlineData(new[] { "lint", "--format", "xml" }, "option '--format' must be one of text, pretty, json, sarif, github, junit, not 'xml'")]
    [InlineData(new[] { "lint", "--fail-level=fatal" }, "option '--fail-level' must be one of error, warning, note, none, not 'fatal'")]
    [InlineData(new[] { "lint", "--format", "json", "--format", "text" }, "option '--format' is given more than once")]
    [InlineData(new[] { "lint", "no/such/dir" }, "path 'no/such/dir' does not exist")]
    [InlineData(new[] { "lint", "--config", "missing.yaml" }, "config file 'missing.yaml' does not exist")]
    [InlineData(new[] { "rules", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "explain" }, "expects exactly one rule id")]
    public void UsageErrorsAreOneLineAndExitTwo(string[] args, string expected)
    {
        var result = tree.Run(args);

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.StartsWith("kmslint: ", result.Stderr);
        Assert.DoesNotContain("kmslint: kmslint", result.Stderr);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void OptionValuesMayBeJoinedWithEquals()
    {
        tree.Write("key.yaml", Templates.DisabledKey);
        tree.ConfigEnabling(("KMS403", "warning"));

        var result = tree.Run("lint", "--format=json", "--fail-level=error");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.StartsWith("{", result.Stdout);
    }

    [Fact]
    public void DoubleDashEndsOptionsSoAPathMayStartWithADash()
    {
        tree.Write("-odd.yaml", Templates.DisabledKey);
        tree.ConfigEnabling(("KMS403", "warning"));

        var result = tree.Run("lint", "--", "-odd.yaml");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains("-odd.yaml:", result.Stdout);
    }

    [Fact]
    public void AFailureOfTheCliItselfIsOneLineWithoutStackTraceAndExitsTwo()
    {
        var context = new CliContext(new ThrowingWriter(), new StringWriter(), tree.Root)
        {
            GetEnvironmentVariable = _ => null,
        };

        var exitCode = Cli.Run(new[] { "rules" }, context);

        Assert.Equal(ExitCode.UsageError, exitCode);
        var stderr = context.Stderr.ToString()!;
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("internal error: IOException: disk on fire", stderr);
        Assert.DoesNotContain(" at ", stderr);
    }

    [Fact]
    public void KmslintDebugShowsTheStackTrace()
    {
        var context = new CliContext(new ThrowingWriter(), new StringWriter(), tree.Root)
        {
            GetEnvironmentVariable = name => name == "KMSLINT_DEBUG" ? "1" : null,
        };

        Assert.Equal(ExitCode.UsageError, Cli.Run(new[] { "rules" }, context));
        Assert.Contains(" at ", context.Stderr.ToString());
    }

    private sealed class ThrowingWriter : StringWriter
    {
        public override void WriteLine(string? value) => throw new IOException("disk on fire");
    }
}
