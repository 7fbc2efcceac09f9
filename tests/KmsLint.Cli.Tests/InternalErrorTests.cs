using KmsLint.Templates;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Pipeline;
using KmsLint.Templates.Rules;

namespace KmsLint.Cli.Tests;

/// <summary>Issue 5: a crash inside one rule is an internal-error finding for that file and exit 1, never a silent success.</summary>
public sealed class InternalErrorTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData("warning")]
    [InlineData("none")]
    public void A_crashing_rule_is_reported_as_KMS999_and_fails_the_run_whatever_the_fail_level(string failLevel)
    {
        tree.Write("stack.yaml", Templates.DisabledKey);
        var context = new CliContext(new StringWriter(), new StringWriter(), tree.Root)
        {
            Lint = (sources, settings) => LintPipeline.Run(sources, settings, RuleRegistry.All.Append(new CrashingRule()).ToList()),
        };

        var result = TempTree.RunWith(context, "lint", "--fail-level", failLevel);

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains("stack.yaml:1:1: error KMS999: ", result.Stdout);
        Assert.Contains("boom", result.Stdout);
        Assert.Contains(": warning KMS403: ", result.Stdout); // the other rules still ran
        Assert.Equal(string.Empty, result.Stderr);
    }

    private sealed class CrashingRule : LintRule
    {
        public override RuleDescriptor Descriptor => RuleCatalog.KeyMissingOwnershipTags;

        public override IEnumerable<Finding> Check(RepoGraph graph, LintSettings settings) =>
            throw new InvalidOperationException("boom");
    }
}
