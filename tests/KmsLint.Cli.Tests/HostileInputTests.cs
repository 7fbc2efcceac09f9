using System.Text;
using KmsLint.Cli.Configuration;
using KmsLint.Cli.Discovery;

namespace KmsLint.Cli.Tests;

/// <summary>
/// Issue 5 at the command level: a tree full of bad files and a hostile config each end in located findings or a
/// one-line error, never a crash or a hang, and the good files of the run are still reported.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private void WriteBytes(string relativePath, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(tree.PathOf(relativePath))!);
        File.WriteAllBytes(tree.PathOf(relativePath), bytes);
    }

    private static byte[] Encoded(Encoding encoding, string text) => encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();

    /// <summary>"file rule" per reported finding, in report order.</summary>
    private static string[] Reported(CliResult result) =>
        result.StdoutLines.Where(line => line.Contains(": error KMS") || line.Contains(": warning KMS"))
            .Select(line => line.Split(':')[0] + " " + line.Split(' ').First(word => word.StartsWith("KMS", StringComparison.Ordinal)).TrimEnd(':'))
            .ToArray();

    [Fact]
    public void EveryBadFileIsOneLocatedFindingOrSkippedAndTheGoodOnesAreStillLinted()
    {
        tree.ConfigEnabling(("KMS900", "error"), ("KMS902", "warning"), ("KMS403", "warning"));
        tree.Write("a-good.yaml", Templates.DisabledKey);
        tree.Write("broken.yaml", Templates.Broken);
        tree.Write("nul.json", "AWSTemplateFormatVersion: x\nResources:\0\n");
        WriteBytes("binary.template", new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0xFF, 0xFE });
        WriteBytes("logo.json", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 });
        tree.Write("empty.yaml", "");
        WriteBytes("bom.yaml", Encoded(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Templates.DisabledKey));
        WriteBytes("utf16.yaml", Encoded(new UnicodeEncoding(bigEndian: false, byteOrderMark: true), Templates.DisabledKey));
        tree.Write("deep.yaml", "AWSTemplateFormatVersion: x\nResources: " + new string('[', 1_000_000) + "\n");
        tree.Write("laughs.yaml", BillionLaughs());
        tree.Write("stack.yaml/inner.yaml", Templates.DisabledKey); // a directory with a template's name

        var result = tree.Run("lint");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Equal(
            new[]
            {
                "a-good.yaml KMS403", "binary.template KMS900", "bom.yaml KMS403", "broken.yaml KMS900", "deep.yaml KMS900",
                "laughs.yaml KMS900", "nul.json KMS900", "stack.yaml/inner.yaml KMS403", "utf16.yaml KMS403",
            },
            Reported(result));
        Assert.All(result.StdoutLines.Where(line => line.Contains("KMS900")), line => Assert.Matches(@"^[^:]+:\d+:\d+: error KMS900: ", line));
        Assert.Contains("nul.json:2:11: error KMS900", result.Stdout);
    }

    [Fact]
    public void AFiveMegabyteLineIsSkippedAtTheDefaultSizeLimitAndLintedWhenTheLimitIsRaised()
    {
        tree.Write("long.yaml", Templates.DisabledKey + "Description: " + new string('x', 5 * 1024 * 1024) + "\n");
        var rules = TempTree.ConfigText(("KMS902", "warning"), ("KMS403", "warning"));

        tree.Write(".kmslint.yaml", rules);
        Assert.Equal(new[] { "long.yaml KMS902" }, Reported(tree.Run("lint")));

        tree.Write(".kmslint.yaml", rules + "max_file_bytes: 8388608\n");
        Assert.Equal(new[] { "long.yaml KMS403" }, Reported(tree.Run("lint")));
    }

    [Fact]
    public void ANamedPipeWithATemplateNameIsNotOpenedByTheWalk()
    {
        tree.Write("stacks/a.yaml", Templates.Broken);
        if (!ExternalTools.IsOnPath("mkfifo"))
            return; // no FIFOs on this system (Windows): nothing that could block
        Assert.Equal(0, ExternalTools.Run(tree.Root, null, "mkfifo", tree.PathOf("stacks/pipe.yaml")).ExitCode);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, tree.Root);

        // Discovery decides without opening anything; had it kept the pipe, reading it would wait for a writer forever.
        var discovered = new TemplateDiscovery(context, ExcludeSet.None).Discover(new[] { tree.PathOf("stacks") }).Files;

        Assert.Equal(new[] { "stacks/a.yaml" }, discovered.Select(file => file.DisplayPath));
    }

    public static TheoryData<string, string> HostileConfigs => new()
    {
        { new string('[', 1_000_000), ".kmslint.yaml:1:65: invalid YAML: nesting deeper than 64 levels" },
        { "rules: " + string.Concat(Enumerable.Repeat("{a: ", 10_000)), ".kmslint.yaml:1:" + (7 + 63 * 4 + 1) + ": invalid YAML: nesting deeper than 64 levels" },
        { "exclude: [a]\n" + new string('#', ConfigLoader.MaxBytes), ".kmslint.yaml: is 1,048,589 bytes, larger than the 1,048,576 a config may be" },
        // YamlDotNet stops reading at a NUL: without the check the unknown rule after it would pass unseen.
        { "rules:\n  KMS400: off\n\0  KMS777: off\n", ".kmslint.yaml:3:1: a NUL byte: the config must be text" },
        { BillionLaughs(), ".kmslint.yaml:1:1: AWSTemplateFormatVersion: unknown key" },
        // The alias inside its own anchor makes the list contain itself: a cycle, not an endless walk.
        { "exclude: &a [*a]\n", ".kmslint.yaml:1:10: exclude[0]: must be a" },
    };

    [Theory]
    [MemberData(nameof(HostileConfigs))]
    public void AHostileConfigIsExitTwoWithOneLocatedLine(string config, string expected)
    {
        tree.Write("key.yaml", Templates.DisabledKey);
        tree.Write(".kmslint.yaml", config);

        var result = tree.Run("lint");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void ExcludeGlobsBuiltToRecurseOrBacktrackForeverAreMatchedPromptly()
    {
        // 200,000 '**' in a row, and 41 '**/a' against a path of 40 'a' directories: a recursive matcher either
        // overflows the stack or tries every way to share 40 segments among 41 stars. Run in a child process.
        var doubleStars = string.Concat(Enumerable.Repeat("**/", 200_000)) + "skipped.yaml";
        var backtracking = string.Concat(Enumerable.Repeat("**/a/", 41)) + "deep.yaml";
        tree.Write(".kmslint.yaml", TempTree.ConfigText(("KMS403", "warning")) + $"exclude:\n  - \"{doubleStars}\"\n  - \"{backtracking}\"\n");
        var deep = string.Join("/", Enumerable.Repeat("a", 40)) + "/deep.yaml";
        tree.Write(deep, Templates.DisabledKey);
        tree.Write("nested/skipped.yaml", Templates.DisabledKey);

        var run = tree.RunProcess("lint");

        Assert.True(run.ExitCode == ExitCode.Findings, run.Output);
        Assert.Contains(deep + ":6:7: warning KMS403", run.Output);
        Assert.DoesNotContain("skipped.yaml", run.Output);
    }

    [Fact]
    public void AConfigThatIsADirectoryIsExitTwo()
    {
        tree.Write("key.yaml", Templates.DisabledKey);
        Directory.CreateDirectory(tree.PathOf("conf.yaml"));

        var result = tree.Run("lint", "--config", "conf.yaml");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains("conf.yaml", result.Stderr);
    }

    /// <summary>Ten levels of nine aliases each: 10⁹ strings if anything expanded them.</summary>
    private static string BillionLaughs()
    {
        var text = new StringBuilder("AWSTemplateFormatVersion: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            text.Append($"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n");
        }

        return text.Append("Resources: {k: *j}\n").ToString();
    }
}
