using System.Text;

namespace KmsLint.Cli.Tests;

/// <summary>Colour as terminals and CI logs want it; templates from standard input and from globs the shell did not expand.</summary>
public sealed class ColorAndInputTests : IDisposable
{
    /// <summary>Compared ordinally: a culture-aware comparison ignores the escape character and would find any '['.</summary>
    private const string Escape = "\u001b[";

    private readonly TempTree tree = new();

    public ColorAndInputTests()
    {
        tree.ConfigEnabling(("KMS403", "warning"));
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);
    }

    public void Dispose() => tree.Dispose();

    private CliResult RunAtTerminal(Dictionary<string, string> environment, params string[] args) =>
        TempTree.RunWith(new CliContext(new StringWriter(), new StringWriter(), tree.Root)
        {
            StdoutIsTerminal = true,
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
        }, args);

    [Theory]
    [InlineData("", "xterm-256color", true)]
    [InlineData("1", "xterm-256color", false)]
    [InlineData("", "dumb", false)]
    public void Auto_colours_a_terminal_unless_NO_COLOR_or_TERM_dumb(string noColor, string term, bool coloured)
    {
        var result = RunAtTerminal(new() { ["NO_COLOR"] = noColor, ["TERM"] = term }, "lint");

        Assert.Equal(coloured, result.Stdout.Contains(Escape, StringComparison.Ordinal));
    }

    [Fact]
    public void Never_and_no_color_win_over_a_terminal_and_always_colours_a_pipe_and_a_file()
    {
        var terminal = new Dictionary<string, string> { ["TERM"] = "xterm" };

        Assert.DoesNotContain(Escape, RunAtTerminal(terminal, "lint", "--color", "never").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, RunAtTerminal(terminal, "lint", "--no-color").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, tree.Run("lint").Stdout, StringComparison.Ordinal);
        Assert.Contains(Escape + "1;33mwarning", tree.Run("lint", "--color", "ALWAYS").Stdout, StringComparison.Ordinal);
        Assert.Contains(Escape, tree.Run("lint", "--format", "pretty", "--colour", "always").Stdout, StringComparison.Ordinal);

        tree.Run("lint", "--color", "always", "--output", "report.txt");
        Assert.Contains(Escape, File.ReadAllText(tree.PathOf("report.txt")), StringComparison.Ordinal);
        // auto: a file is no terminal.
        RunAtTerminal(terminal, "lint", "--output", "auto.txt");
        Assert.DoesNotContain(Escape, File.ReadAllText(tree.PathOf("auto.txt")), StringComparison.Ordinal);
    }

    private CliResult RunWithInput(string input, params string[] args) =>
        TempTree.RunWith(new CliContext(new StringWriter(), new StringWriter(), tree.Root)
        {
            OpenStandardInput = () => new MemoryStream(Encoding.UTF8.GetBytes(input)),
        }, args);

    [Fact]
    public void Dash_lints_a_template_from_standard_input_on_its_own()
    {
        var result = RunWithInput(Templates.DisabledKey, "lint", "-");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.StartsWith("<stdin>:6:7: warning KMS403:", result.StdoutLines[0]);
        // The repository's own template is not part of the run: piped text has no place in it.
        Assert.DoesNotContain("stacks/keys.yaml", result.Stdout);
        Assert.Equal("0 errors, 1 warning, 0 notes (0 suppressed) in 1 template", result.StdoutLines[^1]);
    }

    [Fact]
    public void Stdin_name_lints_standard_input_as_that_file_of_its_repository()
    {
        // The editor's unsaved buffer of stacks/keys.yaml: fixed, while the file on disk is not.
        var fixedBuffer = Templates.EnabledKey;

        var asFile = RunWithInput(fixedBuffer, "lint", "-", "--stdin-name", "stacks/keys.yaml");
        var newFile = RunWithInput(Templates.DisabledKey, "lint", "-", "--stdin-name", "stacks/new.yaml", "--format", "json");

        Assert.Equal(ExitCode.Success, asFile.ExitCode);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in stacks/keys.yaml, linted with the 1 template of set . (config .kmslint.yaml)" }, asFile.StdoutLines);
        Assert.Equal(ExitCode.Findings, newFile.ExitCode);
        Assert.Contains("\"file\": \"stacks/new.yaml\"", newFile.Stdout);
        Assert.Contains("\"templatesLinted\": 2", newFile.Stdout); // linted with the repository's template
        Assert.DoesNotContain("\"file\": \"stacks/keys.yaml\"", newFile.Stdout);
        Assert.False(File.Exists(tree.PathOf("stacks/new.yaml")));
    }

    [Theory]
    [InlineData(new[] { "lint", "-", "stacks" }, "'-' (standard input) is linted on its own; give --stdin-name PATH")]
    [InlineData(new[] { "lint", "--stdin-name", "x.yaml" }, "--stdin-name names the template on standard input: give '-' as a PATH too")]
    [InlineData(new[] { "lint", "-", "-" }, "'-' (standard input) is given more than once")]
    [InlineData(new[] { "lint", "-", "--stdin-name", "stacks" }, "--stdin-name 'stacks' is a directory")]
    public void Standard_input_misuse_is_a_usage_error(string[] args, string expected)
    {
        var result = RunWithInput(Templates.DisabledKey, args);

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Fact]
    public void A_quoted_glob_is_expanded_by_the_tool()
    {
        tree.Write("stacks/other.yml", Templates.DisabledKey);
        tree.Write("stacks/nested/deep.yaml", Templates.DisabledKey);

        var flat = tree.Run("lint", "stacks/*.yaml");
        var recursive = tree.Run("lint", "**/*.yaml", "--format", "json");
        var none = tree.Run("lint", "nowhere/*.yaml");

        Assert.Equal(ExitCode.Findings, flat.ExitCode);
        Assert.Contains("stacks/keys.yaml:6:7", flat.Stdout);
        Assert.DoesNotContain("other.yml", flat.Stdout);
        Assert.DoesNotContain("deep.yaml", flat.Stdout);
        Assert.Contains("\"file\": \"stacks/nested/deep.yaml\"", recursive.Stdout);
        Assert.Contains("\"file\": \"stacks/keys.yaml\"", recursive.Stdout);
        Assert.DoesNotContain("other.yml", recursive.Stdout);
        Assert.Equal(ExitCode.UsageError, none.ExitCode);
        Assert.Contains("no file or folder matches 'nowhere/*.yaml'", none.Stderr);
    }

    [Fact]
    public void A_glob_matches_names_starting_with_a_dot_only_when_it_spells_the_dot_as_a_shell_does()
    {
        tree.Write(".github/cfn/k.yaml", Templates.DisabledKey);
        tree.Write("stacks/.draft.yaml", Templates.DisabledKey);

        var everything = tree.Run("lint", "**/*.yaml", "--format", "json");
        var dotted = tree.Run("lint", "stacks/.*.yaml", ".github/*/*.yaml", "--format", "json");

        Assert.Contains("\"file\": \"stacks/keys.yaml\"", everything.Stdout);
        Assert.DoesNotContain(".draft.yaml", everything.Stdout);
        Assert.DoesNotContain(".github", everything.Stdout);
        Assert.Contains("\"file\": \"stacks/.draft.yaml\"", dotted.Stdout);
        Assert.Contains("\"file\": \".github/cfn/k.yaml\"", dotted.Stdout);
        Assert.DoesNotContain("\"file\": \"stacks/keys.yaml\"", dotted.Stdout);
    }
}
