namespace KmsLint.Cli.Tests;

/// <summary>
/// Standard output that cannot take the report (a full disk, a closed descriptor) is a clear one-line error and exit 2,
/// never an unhandled exception with a stack trace: the process is run for real, with its output on <c>/dev/full</c>
/// or closed.
/// </summary>
public sealed class OutputFailureTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [FactWithDevFull]
    public void A_full_disk_on_standard_output_is_one_clear_line_and_exit_2()
    {
        var tool = InstalledTool.Get();
        Assert.True(tool.Succeeded, tool.Log);
        tree.Write("keys.yaml", Templates.EnabledKey);

        // A short report stays in the writer's buffer until the final flush; a long one fails while it is written.
        foreach (var arguments in new[] { "--version", "lint", "rules", "explain KMS203" })
        {
            var run = ExternalTools.Run(tree.Root, null, "sh", "-c", $"\"$0\" {arguments} > /dev/full", tool.Executable);

            Assert.True(run.ExitCode == ExitCode.UsageError, $"kmslint {arguments}: exit {run.ExitCode}\n{run.Output}");
            Assert.Equal("kmslint: cannot write the output: No space left on device", run.Output.Trim());
        }
    }

    [FactWithDevFull]
    public void A_closed_standard_output_fails_only_a_run_that_writes_to_it()
    {
        var tool = InstalledTool.Get();
        Assert.True(tool.Succeeded, tool.Log);
        tree.Write("keys.yaml", Templates.EnabledKey);

        var toStdout = ExternalTools.Run(tree.Root, null, "sh", "-c", "\"$0\" lint >&-", tool.Executable);
        var toFile = ExternalTools.Run(tree.Root, null, "sh", "-c", "\"$0\" lint --format sarif --output report.sarif --fail-level none >&-", tool.Executable);

        Assert.Equal((ExitCode.UsageError, "kmslint: cannot write the output: standard output is closed"), (toStdout.ExitCode, toStdout.Output.Trim()));
        // Every report went to a file: only the summary line, on standard error.
        Assert.Equal(ExitCode.Success, toFile.ExitCode);
        Assert.Matches(@"^\d+ errors?, \d+ warnings?, \d+ notes? \(0 suppressed\) in 1 template$", toFile.Output.Trim());
        Assert.Contains("\"version\": \"2.1.0\"", File.ReadAllText(tree.PathOf("report.sarif")));
    }
}

public sealed class FactWithDevFullAttribute : FactAttribute
{
    public FactWithDevFullAttribute()
    {
        if (!File.Exists("/dev/full") || !ExternalTools.IsOnPath("sh"))
            Skip = "needs /dev/full and sh (Linux) to give the process a standard output that is always full";
    }
}
