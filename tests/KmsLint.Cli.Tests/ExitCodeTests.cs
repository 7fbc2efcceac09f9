using KmsLint.Cli.Commands;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Tests;

public sealed class ExitCodeTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData("error", ExitCode.Success)]
    [InlineData("warning", ExitCode.Findings)]
    [InlineData("note", ExitCode.Findings)]
    [InlineData("none", ExitCode.Success)]
    public void AWarningFailsAtWarningAndNoteOnly(string failLevel, int expected)
    {
        tree.Write("key.yaml", Templates.DisabledKey);
        tree.ConfigEnabling(("KMS403", "warning"));

        Assert.Equal(expected, tree.Run("lint", "--fail-level", failLevel).ExitCode);
    }

    [Theory]
    [InlineData("error", ExitCode.Findings)]
    [InlineData("none", ExitCode.Success)]
    public void AnErrorFailsAtEveryLevelButNone(string failLevel, int expected)
    {
        tree.Write("broken.yaml", Templates.Broken);
        tree.ConfigEnabling(("KMS900", "error"));

        Assert.Equal(expected, tree.Run("lint", "--fail-level", failLevel).ExitCode);
    }

    [Theory]
    [InlineData("warning", ExitCode.Success)]
    [InlineData("note", ExitCode.Findings)]
    public void AConfiguredLevelDecides(string failLevel, int expected)
    {
        tree.Write("key.yaml", Templates.DisabledKey);
        tree.ConfigEnabling(("KMS403", "note"));

        var result = tree.Run("lint", "--fail-level", failLevel);

        Assert.Equal(expected, result.ExitCode);
        Assert.Contains(": note KMS403: ", result.Stdout);
    }

    [Fact]
    public void DefaultFailLevelIsWarning()
    {
        tree.Write("key.yaml", Templates.DisabledKey);
        tree.ConfigEnabling(("KMS403", "warning"));

        Assert.Equal(ExitCode.Findings, tree.Run("lint").ExitCode);
    }

    [Fact]
    public void SuppressedFindingsDoNotFail()
    {
        tree.Write("key.yaml", Templates.SuppressedDisabledKey);
        tree.ConfigEnabling(("KMS403", "warning"));

        var result = tree.Run("lint", "--fail-level", "note");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Contains("(1 suppressed)", result.Stdout);
    }

    [Fact]
    public void NoFindingIsSuccess()
    {
        tree.Write("key.yaml", Templates.EnabledKey);
        tree.ConfigEnabling(("KMS403", "warning"), ("KMS900", "error"));

        var result = tree.Run("lint", "--fail-level", "note");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Equal("0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template\n", result.Stdout);
    }

    [Theory]
    [InlineData(Level.Note)]
    [InlineData(null)]
    public void AnInternalErrorFailsWhateverTheFailLevel(Level? failLevel)
    {
        var crash = new Finding("KMS999", Level.Note, "Rule KMS203 failed", SourceSpan.StartOf("a.yaml"));
        var warning = new Finding("KMS403", Level.Warning, "disabled", SourceSpan.StartOf("a.yaml"));

        Assert.True(LintCommand.Fails(new[] { crash }, failLevel));
        Assert.Equal(failLevel is not null, LintCommand.Fails(new[] { warning }, failLevel));
        Assert.False(LintCommand.Fails(new[] { crash with { Suppression = new Suppression(crash.Location, "known") } }, failLevel));
    }
}
