using KmsLint.Templates.Findings;
using KmsLint.Templates.Model;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests.Hostile;

/// <summary>
/// <c>Fn::ForEach</c> built to explode or to confuse the expansion: each ends in located findings (KMS901, KMS902) and
/// bounded work, never an internal error or a run that does not end.
/// </summary>
public class ForEachHostileTests
{
    /// <summary>A JSON template whose Resources nest <paramref name="depth"/> loops of <paramref name="items"/> items each around one key.</summary>
    private static string NestedLoops(int depth, int items)
    {
        var key = string.Concat(Enumerable.Range(0, depth).Select(level => "${I" + level + "}"));
        var body = $"{{\"Key{key}\": {{\"Type\": \"AWS::KMS::Key\"}}}}";
        for (var level = depth - 1; level >= 0; level--)
        {
            var collection = string.Join(", ", Enumerable.Range(0, items).Select(item => $"\"v{item}\""));
            body = $"{{\"Fn::ForEach::L{level}\": [\"I{level}\", [{collection}], {body}]}}";
        }

        return $"{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Transform\": \"AWS::LanguageExtensions\", \"Resources\": {body}}}";
    }

    [Fact]
    public void Loops_that_would_generate_a_trillion_keys_stop_at_the_safety_limit()
    {
        var report = Lint(NestedLoops(depth: 6, items: 100), "loops.json");

        var limit = Assert.Single(report.Findings, f => f.RuleId == RuleCatalog.FileSkipped.Id);
        Assert.Equal(Level.Warning, limit.Level);
        Assert.Contains($"generates more than {ForEachExpander.MaxNodes:N0} nodes (a safety limit)", limit.Message);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == RuleCatalog.InternalError.Id);
        // What was expanded before the limit is checked: those keys have no tags.
        Assert.Contains(report.Findings, f => f.RuleId == RuleCatalog.KeyMissingOwnershipTags.Id && f.LogicalId == "Keyv0v0v0v0v0v0");
    }

    [Fact]
    public void Loops_nested_deeper_than_the_limit_are_reported_not_followed()
    {
        var report = Lint(NestedLoops(depth: ForEachExpander.MaxNesting + 4, items: 1), "deep.json");

        var limit = Assert.Single(report.Findings, f => f.RuleId == RuleCatalog.FileSkipped.Id);
        Assert.Contains($"is nested in more than {ForEachExpander.MaxNesting} loops (a safety limit)", limit.Message);
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "KMS400" or "KMS999");
    }

    [Theory]
    [InlineData("[I, [a]]")]
    [InlineData("[[I], [a], {K: {Type: AWS::SQS::Queue}}]")]
    [InlineData("[I, [a], [not, a, mapping]]")]
    [InlineData("[I, [[nested], {a: b}], {'K${I}': {Type: AWS::SQS::Queue}}]")]
    [InlineData("[I, !Ref Nowhere, {'K${I}': {Type: AWS::SQS::Queue}}]")]
    [InlineData("[I, !Split [',', 'a,b'], {'K${I}': {Type: AWS::SQS::Queue}}]")]
    [InlineData("[I, [a, a], {'K${I}': {Type: AWS::SQS::Queue}}]")]
    [InlineData("{I: [a]}")]
    [InlineData("I")]
    public void A_loop_of_a_wrong_shape_gives_located_findings_not_a_crash(string loop)
    {
        var report = Lint($"AWSTemplateFormatVersion: 2010-09-09\nTransform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Bad: {loop}\n  Q:\n    Type: AWS::SQS::Queue\n");

        Assert.DoesNotContain(report.Findings, f => f.RuleId == RuleCatalog.InternalError.Id);
        Assert.All(report.Findings.Where(f => f.RuleId is "KMS901" or "KMS902"), f => Assert.Equal(4, f.Location.StartLine));
        Assert.Equal(1, report.TemplatesLinted);
    }
}
