using System.Text;
using System.Text.RegularExpressions;

namespace KmsLint.Cli.Tests;

/// <summary>
/// Windows gives a program's main thread 1 MiB of stack; Linux usually 8 MiB. kmslint runs here under
/// <c>ulimit -s 1024</c> on the deepest templates its limits let through, so a walk that recurses per level of nesting
/// fails this test instead of a Windows user's run. Anchors and aliases can carry nesting from one place to another:
/// chained, they could nest thousands of levels deep while no line of the file is deeper than the limit.
/// </summary>
public sealed class SmallStackProcessTests : IDisposable
{
    private static readonly Regex LocatedFinding = new(@"^[^:\s]+:\d+:\d+: (error|warning|note) KMS\d{3}: ");

    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [FactOnUnix]
    public void Aliases_chained_to_nest_thousands_of_levels_are_KMS900_where_they_nest_too_deep()
    {
        // 27 anchors of 250 levels each, each holding the one before: 6,750 levels, within the alias-expansion limit.
        var text = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n");
        for (var anchor = 0; anchor < 27; anchor++)
        {
            var inner = anchor == 0 ? "{eventName: [DisableKey]}" : $"*a{anchor - 1}";
            text.Append($"  x{anchor}: &a{anchor} ").Append(string.Concat(Enumerable.Repeat("{d: ", 250))).Append(inner).Append('}', 250).Append('\n');
        }

        text.Append("Resources:\n  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {source: [aws.kms], detail: *a26}\n");
        tree.Write("deep.yaml", text.ToString());

        var run = LintWithOneMebibyteStack();

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("deep.yaml:4:1011: error KMS900: nesting deeper than 256 levels where alias *a0 is used (a safety limit)", run.Output);
    }

    [FactOnUnix]
    public void The_deepest_nesting_the_limits_allow_lints_with_located_findings()
    {
        const string Arn = "arn:aws:sns:us-east-1:111122223333:alerts";
        var ifs = string.Concat(Enumerable.Repeat("!If [C, ", 120)) + Arn + string.Concat(Enumerable.Repeat(", x]", 120));
        var pattern = string.Concat(Enumerable.Repeat("{d: ", 240)) + "[DisableKey]" + new string('}', 240);
        var subs = string.Concat(Enumerable.Repeat("{\"Fn::Sub\": [\"${X}\", {X: ", 80)) + "x" + string.Concat(Enumerable.Repeat("}]}", 80));
        var selects = string.Concat(Enumerable.Repeat("!Select [0, [", 120)) + "x" + string.Concat(Enumerable.Repeat("]]", 120));
        tree.Write("deep.yaml", $$"""
            AWSTemplateFormatVersion: '2010-09-09'
            Conditions:
              C: !Equals [a, b]
            Resources:
              Alarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: {{subs}}
                  MetricName: {{selects}}
                  Threshold: 1
                  ComparisonOperator: GreaterThanOrEqualToThreshold
                  EvaluationPeriods: 1
                  Period: 60
                  Statistic: Sum
                  AlarmActions: [{{ifs}}]
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: {source: [aws.kms], detail: {{pattern}}}
                  Targets: [{Arn: {{ifs}}, Id: alerts}]
            """);

        var run = LintWithOneMebibyteStack();

        Assert.True(run.ExitCode is 0 or 1, run.Output);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], line => Assert.Matches(LocatedFinding, line));
        Assert.DoesNotContain(lines, line => line.Contains("KMS900") || line.Contains("KMS999"));
        Assert.EndsWith("in 1 template", lines[^1]);
    }

    /// <summary>Lints the tree with the built kmslint.dll in a shell whose stack limit is 1 MiB (the main thread's size then).</summary>
    private ProcessResult LintWithOneMebibyteStack() =>
        ExternalTools.Run(tree.Root, null, "sh", TimeSpan.FromMinutes(1),
            "-c", "ulimit -s 1024 && exec dotnet \"$0\" lint --fail-level none .", Path.Combine(AppContext.BaseDirectory, "kmslint.dll"));
}
