using KmsLint.Cli.Formatting;
using KmsLint.Templates.Reporting;

namespace KmsLint.Cli.Reporting;

/// <summary>What <c>kmslint report</c> renders: the coverage model and the lint run it was built with.</summary>
internal sealed record CoverageRun(CoverageReport Coverage, LintRun Lint);

/// <summary>One output format of <c>kmslint report</c>.</summary>
internal interface ICoverageRenderer
{
    void Write(CoverageRun run, TextWriter output);
}
