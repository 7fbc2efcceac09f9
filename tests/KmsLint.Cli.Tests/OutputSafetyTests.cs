using System.Text.Json;

namespace KmsLint.Cli.Tests;

/// <summary>
/// <c>--output</c> never destroys what the user owns: not a linted file, not a template, not the <c>/dev/stdout</c> link,
/// not a FIFO or device; <c>-</c> is standard output for every command, and an empty value is its own error.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly TempTree tree = new();

    public OutputSafetyTests()
    {
        tree.ConfigEnabling(("KMS403", "warning"));
        tree.Write("detection.yaml", Templates.EnabledKey);
        tree.Write("keys.yaml", Templates.DisabledKey);
    }

    public void Dispose() => tree.Dispose();

    [Fact]
    public void An_unset_variable_after_output_does_not_turn_a_template_into_the_report()
    {
        // OUT=; kmslint lint --format json --output $OUT detection.yaml keys.yaml: the shell drops the empty word.
        var result = tree.Run("lint", "--format", "json", "--output", "detection.yaml", "keys.yaml");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Equal(
            "kmslint: --output 'detection.yaml' is a CloudFormation template; the report would overwrite it. Name another file " +
            "(an unset variable after --output takes the next argument) (see 'kmslint lint --help')",
            result.Stderr.TrimEnd());
        Assert.Equal(Templates.EnabledKey, File.ReadAllText(tree.PathOf("detection.yaml")));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_linted_file_is_never_the_output_even_when_it_is_not_a_template()
    {
        tree.Write("notes.yaml", "owner: platform-team\n");

        var result = tree.Run("lint", "--output", "notes.yaml", "notes.yaml", "keys.yaml");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("--output 'notes.yaml' is one of the files to lint", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Equal("owner: platform-team\n", File.ReadAllText(tree.PathOf("notes.yaml")));
    }

    [Fact]
    public void The_report_of_an_earlier_run_in_the_linted_folder_is_replaced()
    {
        var first = tree.Run("lint", "--format", "json", "--output", "kmslint.json");
        var second = tree.Run("lint", "--format", "json", "--output", "kmslint.json");

        Assert.Equal((ExitCode.Findings, ExitCode.Findings), (first.ExitCode, second.ExitCode));
        using var report = JsonDocument.Parse(File.ReadAllText(tree.PathOf("kmslint.json")));
        Assert.Equal(1, report.RootElement.GetProperty("summary").GetProperty("filesNotTemplates").GetInt32()); // the first report
    }

    [Fact]
    public void A_template_that_does_not_parse_is_not_overwritten_either()
    {
        tree.Write("other/broken.yaml", Templates.Broken);

        var result = tree.Run("lint", "keys.yaml", "--output", "other/broken.yaml");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("is a CloudFormation template", result.Stderr);
        Assert.Equal(Templates.Broken, File.ReadAllText(tree.PathOf("other/broken.yaml")));
    }

    [Theory]
    [InlineData("--output", "")]
    [InlineData("--output=", null)]
    public void An_empty_output_value_has_its_own_message(string option, string? value)
    {
        foreach (var command in new[] { "lint", "init" })
        {
            var args = value is null ? new[] { command, option } : new[] { command, option, value };

            var result = tree.Run(args);

            Assert.Equal(ExitCode.UsageError, result.ExitCode);
            Assert.Equal($"kmslint: --output is empty (an unset variable?): name a file, or '-' for standard output (see 'kmslint {command} --help')",
                result.Stderr.TrimEnd());
        }
    }

    [Fact]
    public void A_dash_is_standard_output_for_lint_as_for_init()
    {
        var lint = tree.Run("lint", "keys.yaml", "--format", "json", "--output", "-");
        var init = tree.Run("init", "--output", "-");

        Assert.Equal(ExitCode.Findings, lint.ExitCode);
        using var report = JsonDocument.Parse(lint.Stdout);
        Assert.Equal("KMS403", report.RootElement.GetProperty("findings")[0].GetProperty("ruleId").GetString());
        Assert.StartsWith("AWSTemplateFormatVersion", init.Stdout);
        Assert.False(File.Exists(tree.PathOf("-")));
    }

    [Fact]
    public void Missing_folders_of_the_output_are_created()
    {
        var result = tree.Run("lint", "keys.yaml", "--format", "sarif", "--output", "reports/2026/kmslint.sarif");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        using var sarif = JsonDocument.Parse(File.ReadAllText(tree.PathOf("reports/2026/kmslint.sarif")));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void A_symbolic_link_is_written_through_and_stays_a_link()
    {
        var target = tree.Write("reports/latest.json", "previous report, longer than nothing at all\n");
        File.CreateSymbolicLink(tree.PathOf("report.json"), target);

        var result = tree.Run("lint", "keys.yaml", "--format", "json", "--output", "report.json");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Equal(target, new FileInfo(tree.PathOf("report.json")).LinkTarget);
        using var report = JsonDocument.Parse(File.ReadAllText(target));
        Assert.Equal("kmslint", report.RootElement.GetProperty("tool").GetString());
    }

    [Fact]
    public async Task A_fifo_is_written_to_and_stays_a_fifo()
    {
        if (!ExternalTools.IsOnPath("mkfifo"))
            return; // no FIFOs on this system (Windows)
        var fifo = tree.PathOf("report.fifo");
        Assert.Equal(0, ExternalTools.Run(tree.Root, null, "mkfifo", fifo).ExitCode);
        var reader = Task.Run(() => File.ReadAllText(fifo));

        var result = tree.Run("lint", "keys.yaml", "--format", "json", "--output", "report.fifo");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        using var report = JsonDocument.Parse(await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("KMS403", report.RootElement.GetProperty("findings")[0].GetProperty("ruleId").GetString());
        Assert.Equal(0, new FileInfo(fifo).Length); // a regular file renamed over it would hold the report
    }

    [Fact]
    public void A_device_is_written_to_and_stays_a_device()
    {
        if (!File.Exists("/dev/null"))
            return; // no /dev/null (Windows)

        var result = tree.Run("lint", "keys.yaml", "--output", "/dev/null");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(0, new FileInfo("/dev/null").Length);
    }

    [Fact]
    public void Dev_stdout_receives_the_report_and_stays_a_link()
    {
        if (new FileInfo("/dev/stdout").LinkTarget is null)
            return; // /dev/stdout is not a symbolic link here: nothing a rename could replace
        var tool = InstalledTool.Get();
        Assert.True(tool.Succeeded, tool.Log);
        tree.Write("stacks/keys.yaml", Templates.DisabledKey);

        // A real process: as root, the old temporary-and-rename write replaced the /dev/stdout link with a regular file.
        var run = ExternalTools.Run(tree.Root, null, tool.Executable, "lint", "stacks", "--format", "json", "--output", "/dev/stdout");

        Assert.Equal(ExitCode.Findings, run.ExitCode);
        Assert.Contains("\"ruleId\": \"KMS403\"", run.Output);
        Assert.NotNull(new FileInfo("/dev/stdout").LinkTarget);
    }

    [Fact]
    public async Task Init_writes_to_a_fifo_without_force_and_without_a_line_after_the_template()
    {
        if (!ExternalTools.IsOnPath("mkfifo"))
            return;
        var fifo = tree.PathOf("stack.fifo");
        Assert.Equal(0, ExternalTools.Run(tree.Root, null, "mkfifo", fifo).ExitCode);
        var reader = Task.Run(() => File.ReadAllText(fifo));

        var result = tree.Run("init", "--output", "stack.fifo");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.StartsWith("AWSTemplateFormatVersion", await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("", result.Stdout);
    }
}
