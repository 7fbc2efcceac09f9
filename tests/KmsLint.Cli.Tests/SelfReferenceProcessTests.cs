using System.Text.RegularExpressions;

namespace KmsLint.Cli.Tests;

/// <summary>
/// Issue 11: templates whose intrinsics refer to themselves or to each other, within a file and across files. A stack
/// overflow cannot be caught in .NET and kills the process, so each set is linted by the real built kmslint in a child
/// process: a crash (exit 134) fails the test instead of killing the test host. Every run must end with exit 0 or 1,
/// print only located findings and the summary, report the cycle as KMS901 in the file that holds it, and still lint
/// the other file of the set (a disabled key: KMS403).
/// </summary>
public sealed class SelfReferenceProcessTests : IDisposable
{
    private static readonly Regex LocatedFinding = new(@"^(?<file>[^:\s]+):(?<line>\d+):(?<column>\d+): (error|warning|note) (?<rule>KMS\d{3}): (?<message>.+)$");
    private static readonly Regex Summary = new(@"^\d+ errors?, \d+ warnings?, \d+ notes? \(\d+ suppressed\) in \d+ templates?$");

    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    /// <summary>An alarm whose properties are given per case: the route reads them, so the resolver must follow the cycle.</summary>
    private static string Alarm(string properties) => $$"""
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Namespace: CISBenchmark
              MetricName: KeyLifecycle
              Statistic: Sum
              Period: 300
              EvaluationPeriods: 1
              Threshold: 1
              ComparisonOperator: GreaterThanOrEqualToThreshold
        {{properties}}
        """;

    private static string Template(string sections, string alarmProperties = "      AlarmActions: [arn:aws:sns:us-east-1:111122223333:alerts]") => $"""
        AWSTemplateFormatVersion: "2010-09-09"
        {sections}
        Resources:
        {Alarm(alarmProperties)}
        """;

    /// <summary>Case name → the files of the set, and a name the KMS901 for the cycle must mention.</summary>
    public static TheoryData<string> Cases() => new(HostileSets.Keys);

    private static readonly Dictionary<string, (Dictionary<string, string> Files, string CycleName)> HostileSets = new()
    {
        ["import-value-of-its-own-export"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Outputs:
                  O:
                    Value: {"Fn::ImportValue": {"Fn::ImportValue": LoopExport}}
                    Export: {Name: LoopExport}
                """, "      AlarmActions: [!ImportValue LoopExport]"),
        }, "LoopExport"),
        ["two-exports-importing-each-other"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Outputs:
                  First: {Value: !ImportValue LoopSecond, Export: {Name: LoopFirst}}
                  Second: {Value: !ImportValue LoopFirst, Export: {Name: LoopSecond}}
                """, "      AlarmActions: [!ImportValue LoopFirst]"),
        }, "LoopFirst"),
        ["find-in-map-looking-itself-up"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Mappings:
                  LoopMap: {A: {B: {"Fn::FindInMap": [LoopMap, {"Fn::FindInMap": [LoopMap, A, B]}, B]}}}
                """, "      AlarmActions: [!FindInMap [LoopMap, A, B]]"),
        }, "LoopMap"),
        ["two-mappings-looking-each-other-up"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Mappings:
                  LoopMapOne: {A: {B: !FindInMap [LoopMapTwo, A, B]}}
                  LoopMapTwo: {A: {B: !FindInMap [LoopMapOne, !FindInMap [LoopMapOne, A, B], B]}}
                """, "      AlarmActions: [!FindInMap [LoopMapOne, A, B]]"),
        }, "LoopMap"),
        ["conditions-naming-each-other"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Conditions:
                  LoopCondA: !Condition LoopCondB
                  LoopCondB: !Condition LoopCondA
                """, "      AlarmActions: [!If [LoopCondA, arn:aws:sns:us-east-1:111122223333:alerts, !Ref AWS::NoValue]]"),
        }, "LoopCond"),
        ["conditions-cycling-through-and-or-not-equals"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Conditions:
                  LoopIsProd: !And [!Equals [!Ref AWS::Region, us-east-1], !Condition LoopNotDev]
                  LoopNotDev: !Not [!Or [!Condition LoopIsProd, !Equals [a, b]]]
                """, "      ActionsEnabled: !If [LoopIsProd, true, false]\n      AlarmActions: [arn:aws:sns:us-east-1:111122223333:alerts]"),
        }, "Loop"),
        ["parameter-default-referring-to-itself"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Parameters:
                  LoopTopic: {Type: String, Default: !Ref LoopTopic}
                """, "      AlarmActions: [!Ref LoopTopic]"),
        }, "LoopTopic"),
        ["sub-join-select-split-if-defaults-referring-to-each-other"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Parameters:
                  LoopPrefix: {Type: String, Default: !Sub "${LoopSuffix}-alerts"}
                  LoopSuffix:
                    Type: String
                    Default: !Join ["", [!Select [0, !Split [",", !If [LoopAlways, !Ref LoopPrefix, x]]]]]
                Conditions:
                  LoopAlways: !Equals [a, a]
                """, "      AlarmActions: [!Sub 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:${LoopPrefix}']"),
        }, "Loop"),
        ["sub-join-select-split-if-exports-referring-to-each-other"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Conditions:
                  Always: !Equals [a, a]
                Outputs:
                  Topic:
                    Value: !Sub ["arn:aws:sns:us-east-1:111122223333:${Name}", {Name: !ImportValue LoopName}]
                    Export: {Name: LoopTopic}
                  Name:
                    Value: !Join ["-", [!Select [1, !Split [":", !If [Always, !ImportValue LoopTopic, a:b]]]]]
                    Export: {Name: LoopName}
                """, "      AlarmActions: [!ImportValue LoopTopic]"),
        }, "Loop"),
        ["two-files-importing-each-other"] = (new()
        {
            ["alarm.yaml"] = Template("""
                Outputs:
                  Topic: {Value: !ImportValue LoopFromNetwork, Export: {Name: LoopFromAlarm}}
                """, "      AlarmActions: [!ImportValue LoopFromAlarm]"),
            ["network.yaml"] = """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
                Outputs:
                  Topic: {Value: !Join ["", [!ImportValue LoopFromAlarm]], Export: {Name: LoopFromNetwork}}
                """,
        }, "LoopFrom"),
        ["three-files-importing-in-a-ring"] = (new()
        {
            ["a-alarm.yaml"] = Template("""
                Outputs:
                  Topic: {Value: !ImportValue LoopB, Export: {Name: LoopA}}
                """, "      AlarmActions: [!ImportValue LoopA]"),
            ["b-network.json"] = """
                {"AWSTemplateFormatVersion": "2010-09-09",
                 "Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}},
                 "Outputs": {"Topic": {"Value": {"Fn::Sub": ["${X}", {"X": {"Fn::ImportValue": "LoopC"}}]}, "Export": {"Name": "LoopB"}}}}
                """,
            ["c-shared.yaml"] = """
                AWSTemplateFormatVersion: "2010-09-09"
                Resources:
                  Bucket: {Type: AWS::S3::Bucket}
                Outputs:
                  Topic: {Value: !Select [0, [!ImportValue LoopA]], Export: {Name: LoopC}}
                """,
        }, "Loop"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_self_referencing_set_ends_in_located_findings_and_the_other_files_are_linted(string name)
    {
        var (files, cycleName) = HostileSets[name];
        foreach (var (path, text) in files)
            tree.Write(path, text);
        tree.Write("keys.yaml", Templates.DisabledKey);

        var run = tree.RunProcess("lint", "--fail-level", "none");

        Assert.True(run.ExitCode is 0 or 1, $"{name}: exit {run.ExitCode}\n{run.Output}");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(Summary, lines[^1]);
        var findings = lines[..^1].Select(line => LocatedFinding.Match(line)).ToList();
        Assert.All(findings, match => Assert.True(match.Success, $"{name}: not a located finding:\n{run.Output}"));
        Assert.All(findings, match => Assert.True(
            int.Parse(match.Groups["line"].Value) >= 1 && int.Parse(match.Groups["column"].Value) >= 1
            && (files.ContainsKey(match.Groups["file"].Value) || match.Groups["file"].Value == "keys.yaml"),
            $"{name}: {match.Value}"));
        Assert.DoesNotContain(findings, match => match.Groups["rule"].Value == "KMS999");
        Assert.Contains(findings, match => match.Groups["file"].Value == "keys.yaml" && match.Groups["rule"].Value == "KMS403");
        Assert.True(
            findings.Any(match => match.Groups["rule"].Value == "KMS901" && files.ContainsKey(match.Groups["file"].Value)
                && match.Groups["message"].Value.Contains(cycleName, StringComparison.Ordinal)),
            $"{name}: no KMS901 naming the cycle ({cycleName}):\n{run.Output}");
    }
}
