using KmsLint.Templates;
using KmsLint.Templates.ChangeControl;

namespace KmsLint.Benchmarks.Structured;

/// <summary>One file of a generated set; <paramref name="MayNotParse"/> when it nests deeper than the reader's limit on purpose.</summary>
internal sealed record GeneratedFile(string Path, string Text, bool MayNotParse);

/// <summary>
/// A generated repository: 1–3 templates linted as one set, and the settings to lint them with; for a change, the
/// earlier version's files that differ (<see cref="LintSettings.Baseline"/> reads them).
/// </summary>
internal sealed record GeneratedSet(long Index, IReadOnlyList<GeneratedFile> Files, LintSettings Settings)
{
    public IReadOnlyList<GeneratedFile> EarlierFiles { get; init; } = Array.Empty<GeneratedFile>();
}

/// <summary>
/// Generates template sets from the model's grammar: the detection chain's resource types with their real properties,
/// parameters of every type (with and without defaults), mappings, conditions, outputs and exports, and intrinsic
/// functions nested in each other and referring to each other — to themselves, in cycles within a file, and through
/// exports across the files of a set. Set <c>i</c> of seed <c>s</c> is the same on every machine, whatever else runs.
/// </summary>
internal sealed class TemplateSetGenerator
{
    private enum Kind
    {
        Text,
        Arn,
        Number,
        Bool,
        List,
    }

    private static readonly string[] PseudoParameters =
    {
        "AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs", "AWS::StackId",
    };

    private static readonly string[] ParameterTypes =
    {
        "String", "String", "Number", "List<Number>", "CommaDelimitedList", "AWS::EC2::VPC::Id", "List<AWS::EC2::Subnet::Id>", "AWS::EC2::KeyPair::KeyName",
        "AWS::SSM::Parameter::Name", "AWS::SSM::Parameter::Value<String>", "AWS::SSM::Parameter::Value<List<String>>",
        "AWS::SSM::Parameter::Value<CommaDelimitedList>", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
    };

    /// <summary>Names shared by every file of a set, so literal names, exports and imports connect across files.</summary>
    private static readonly string[] ExportNames = { "security-alerts-TopicArn", "audit-logs-LogGroupArn", "audit-logs-LogGroupName", "keys-KeyArn", "loop" };
    private static readonly string[] LogGroupNames = { "/org/cloudtrail", "CloudTrail/DefaultLogGroup", "aws-controltower/CloudTrailLogs", "app-logs" };
    private static readonly string[] TopicNames = { "security-alerts", "alerts", "ops" };
    private static readonly string[] MetricNamespaces = { "CISBenchmark", "LogMetrics", "CloudTrailMetrics" };
    private static readonly string[] MetricNames = { "KmsKeyLifecycle", "KMSCustomerKeyDeletion", "UnauthorizedAttemptCount" };

    private static readonly string[] FilterPatterns =
    {
        "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}",
        "{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion)) }",
        "{\n  ($.eventSource = kms.amazonaws.com) &&\n  (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion))\n}",
        "{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) && ($.eventName = ScheduleKeyDeletion) }",
        "{ $.eventName = \"DisableKey\" || $.eventName = \"ScheduleKeyDeletion\" }",
        "{ ($.eventSource = kms.amazonaws.com) && ($.eventName = %Disable|Schedule%) }",
        "{ $.eventSource = kms* && $.errorCode NOT EXISTS }",
        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }",
        "?DisableKey ?ScheduleKeyDeletion",
        "\"kms.amazonaws.com\" DisableKey",
        "[version, account, eventName = DisableKey || eventName = ScheduleKeyDeletion, ...]",
        "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)",
        "{ $.eventName = }",
        "",
        "%^(DisableKey|ScheduleKeyDeletion)$%",
    };

    private static readonly string[] EventNames = { "DisableKey", "ScheduleKeyDeletion", "Decrypt", "DisableKeyRotation", "EnableKey" };

    private static readonly string[] TextLiterals =
    {
        "alerts", "security@example.com", "KMS key lifecycle", "a,b,c", "", "x:y:z", "é ü 😀", "line one\nline two", "it's", "\"quoted\"",
        "${AWS::Region}", "100", "true", "tab\there", "trailing ", "#not-a-comment", "- dash", "{braces}", "[brackets]", "a: b",
    };

    private static readonly string[] AnyText = TextLiterals.Concat(LogGroupNames).Concat(TopicNames).ToArray();

    private static readonly string[] TopicArns = { "arn:aws:sns:us-east-1:111122223333:security-alerts", "arn:aws:sns:us-east-1:111122223333:alerts" };

    private static readonly string[] ArnLiterals =
    {
        "arn:aws:sns:us-east-1:111122223333:security-alerts", "arn:aws:sns:us-east-1:111122223333:alerts",
        "arn:aws:logs:us-east-1:111122223333:log-group:/org/cloudtrail:*", "arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/DefaultLogGroup",
        "arn:aws:iam::111122223333:role/trail-to-logs", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:alerts", "arn:aws:events:us-east-1:111122223333:event-bus/default",
    };

    /// <summary>Resource types of the detection chain and keys, each with a logical id stem and its GetAtt attributes.</summary>
    private static readonly (string Type, string Id, string[] Attributes)[] ResourceTypes =
    {
        ("AWS::CloudTrail::Trail", "Trail", new[] { "Arn", "SnsTopicArn" }),
        ("AWS::Logs::LogGroup", "TrailLogGroup", new[] { "Arn" }),
        ("AWS::Logs::MetricFilter", "KeyLifecycleFilter", Array.Empty<string>()),
        ("AWS::CloudWatch::Alarm", "KeyLifecycleAlarm", new[] { "Arn" }),
        ("AWS::SNS::Topic", "AlertTopic", new[] { "TopicArn", "TopicName" }),
        ("AWS::SNS::Subscription", "AlertSubscription", new[] { "Arn" }),
        ("AWS::Events::Rule", "KeyLifecycleRule", new[] { "Arn" }),
        ("AWS::Events::EventBus", "AuditBus", new[] { "Arn", "Name", "Policy" }),
        ("AWS::KMS::Key", "DataKey", new[] { "Arn", "KeyId" }),
        ("AWS::KMS::ReplicaKey", "ReplicaKey", new[] { "Arn", "KeyId" }),
        ("AWS::KMS::Alias", "KeyAlias", Array.Empty<string>()),
        ("AWS::SSM::Parameter", "TopicArnParameter", new[] { "Type", "Value" }),
    };

    private readonly Random random;
    private readonly int depthBudget;
    private Scope scope = new();
    private bool mayNotParse;

    /// <summary>
    /// This file is a detection chain wired as it should be (trail → log group → filter → alarm → topic, and a rule),
    /// each property given its working value four times in five: near-misses that the route rules must judge.
    /// </summary>
    private bool wired;

    private TemplateSetGenerator(Random random)
    {
        this.random = random;
        depthBudget = random.Next(20) switch { < 14 => 3, < 19 => 6, _ => 12 };
    }

    public static GeneratedSet Generate(int seed, long index)
    {
        var random = new Random(SeedOf(seed, index));
        var generator = new TemplateSetGenerator(random);
        var fileCount = random.Next(20) switch { < 8 => 1, < 15 => 2, _ => 3 };
        var files = new List<GeneratedFile>(fileCount);
        for (var i = 0; i < fileCount; i++)
        {
            files.Add(generator.File(i));
        }

        var settings = generator.Settings(files);
        // One set in three is a change: the change-control rules compare it with an earlier version.
        if (random.Next(3) != 0)
        {
            return new GeneratedSet(index, files, settings);
        }

        var (baseline, earlierFiles) = generator.EarlierVersion(files);
        // Change requests as .kmslint.yaml's changes: names them, well formed or not (KMS414).
        var declared = Enumerable.Range(0, random.Next(3))
            .Select(_ => new DeclaredChangeRequest(generator.Pick("CHG-1234", "OPS-7", "", "chg 12", "CHG-"), ".kmslint.yaml changes", null, generator.Pick("DataKey", "DataKey2", "ReplicaKey")))
            .ToList();
        settings = settings with { Baseline = baseline, ChangeRequests = new ChangeRequestPolicy(ChangeRequestPolicy.DefaultPattern, declared) };
        return new GeneratedSet(index, files, settings) { EarlierFiles = earlierFiles };
    }

    /// <summary>
    /// An earlier version of the files, as <c>--base</c> gives it: each file unchanged, rewritten, renamed or not yet
    /// there, and now and then a template that the change removes. The keys' logical ids come from the same few names,
    /// so the two versions pair keys that appear, disappear and change.
    /// </summary>
    private (Baseline Baseline, IReadOnlyList<GeneratedFile> Files) EarlierVersion(IReadOnlyList<GeneratedFile> files)
    {
        var sources = new List<GeneratedFile>();
        var unchanged = new List<string>();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, number) in files.Select((file, number) => (file, number)))
        {
            switch (random.Next(6))
            {
                case 0 or 1:
                    unchanged.Add(file.Path);
                    break;
                case 2 or 3:
                    sources.Add(File(number) with { Path = file.Path });
                    break;
                case 4:
                    var earlier = File(number) with { Path = "old-" + file.Path };
                    sources.Add(earlier);
                    renames[earlier.Path] = file.Path;
                    break;
            }
        }

        if (random.Next(4) == 0)
        {
            sources.Add(File(files.Count) with { Path = "removed-" + files.Count + ".yaml" });
        }

        var baseline = new Baseline("base", sources.Select(file => new TemplateSource(file.Path, () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(file.Text), writable: false))).ToList())
        {
            Unchanged = unchanged,
            Renames = renames,
        };
        return (baseline, sources);
    }

    /// <summary>SplitMix64 of seed and index: neighbouring sets get unrelated random streams.</summary>
    private static int SeedOf(int seed, long index)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    private GeneratedFile File(int number)
    {
        scope = new Scope();
        mayNotParse = false;
        wired = random.Next(4) == 0;
        var form = (TemplateForm)random.Next(3);
        if (random.Next(50) == 0)
        {
            return new GeneratedFile($"workflow-{number}.yml", "name: ci\non: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n", false);
        }

        var text = TemplateWriter.Write(Template(), form, random);
        var extension = form == TemplateForm.Json ? Pick(".json", ".json", ".template") : Pick(".yaml", ".yaml", ".yml", ".template");
        return new GeneratedFile($"stack-{number}{extension}", text, mayNotParse);
    }

    private GeneratedValue Template()
    {
        // Names first, so any value may refer to any parameter, condition, mapping or resource, including later ones.
        for (var i = random.Next(6); i > 0; i--)
        {
            scope.Parameters.Add(($"Param{scope.Parameters.Count}", Pick(ParameterTypes)));
        }

        for (var i = random.Next(4); i > 0; i--)
        {
            scope.Maps.Add(($"Map{scope.Maps.Count}", PickSome(new[] { "us-east-1", "eu-west-1", "prod", "dev", "Default" }), PickSome(new[] { "TopicArn", "LogGroup", "Pattern", "Threshold", "Name" })));
        }

        for (var i = random.Next(5); i > 0; i--)
        {
            scope.Conditions.Add($"Cond{scope.Conditions.Count}");
        }

        var chainLike = random.Next(2) == 0;
        foreach (var (type, id, attributes) in ResourceTypes)
        {
            var inChain = wired && type is "AWS::CloudTrail::Trail" or "AWS::Logs::LogGroup" or "AWS::Logs::MetricFilter" or "AWS::CloudWatch::Alarm" or "AWS::SNS::Topic" or "AWS::Events::Rule";
            for (var count = (inChain && random.Next(7) != 0) || random.Next(chainLike ? 3 : 6) == 0 ? random.Next(1, 3) : 0; count > 0; count--)
            {
                scope.Resources.Add((id + (scope.Resources.Any(r => r.Type == type) ? scope.Resources.Count.ToString() : string.Empty), type, attributes));
            }
        }

        var sections = new List<(string, GeneratedValue)>();
        if (random.Next(10) != 0)
        {
            sections.Add(("AWSTemplateFormatVersion", new Scalar("2010-09-09")));
        }

        if (random.Next(2) == 0)
        {
            sections.Add(("Description", Literal(Kind.Text)));
        }

        if (random.Next(30) == 0)
        {
            sections.Add(("Transform", new Scalar("AWS::LanguageExtensions")));
        }

        if (random.Next(30) == 0)
        {
            sections.Add(("Metadata", Ignore()));
        }

        sections.Add(("Parameters", new Mapping(scope.Parameters.Select(p => (p.Name, Parameter(p.Name, p.Type))).ToArray())));
        sections.Add(("Mappings", new Mapping(scope.Maps.Select(m => (m.Name, MappingTable(m))).ToArray())));
        sections.Add(("Conditions", new Mapping(scope.Conditions.Select(c => (c, WithSelf(c, () => Condition(0)))).ToArray())));
        sections.Add(("Resources", new Mapping(scope.Resources.Select(r => (r.Id, WithSelf(r.Id, () => Resource(r.Type)))).ToArray())));
        sections.Add(("Outputs", new Mapping(Enumerable.Range(0, random.Next(5)).Select(i => ($"Output{i}", Output())).ToArray())));
        sections.RemoveAll(section => section.Item2 is Mapping { Entries.Count: 0 } && random.Next(3) != 0);
        if (random.Next(100) == 0 && sections.Count > 0)
        {
            // A section written twice: CloudFormation deploys the later one.
            sections.Add(sections[random.Next(sections.Count)]);
        }

        if (random.Next(10) == 0)
        {
            Shuffle(sections);
        }

        return new Mapping(sections.ToArray());
    }

    private GeneratedValue Parameter(string name, string type)
    {
        var definition = new List<(string, GeneratedValue)> { ("Type", random.Next(100) == 0 ? Value(Kind.Text, 1) : new Scalar(type)) };
        switch (random.Next(20))
        {
            case < 6:
                break;
            case < 17:
                definition.Add(("Default", TypedDefault(type)));
                break;
            default:
                // A default built from intrinsics (CloudFormation wants a literal): itself, another parameter, anything.
                definition.Add(("Default", WithSelf(name, () => Value(KindOf(type), 1))));
                break;
        }

        if (random.Next(4) == 0)
        {
            definition.Add(("Description", Literal(Kind.Text)));
        }

        if (random.Next(10) == 0)
        {
            definition.Add(("AllowedValues", new Sequence(Literal(Kind.Text), Literal(Kind.Text))));
        }

        if (random.Next(20) == 0)
        {
            definition.Add(("NoEcho", Scalar.Bare(true)));
        }

        return new Mapping(definition.ToArray());
    }

    private GeneratedValue TypedDefault(string type) => type switch
    {
        "Number" => random.Next(3) == 0 ? new Scalar(random.Next(-1, 31).ToString()) : Scalar.Bare(random.Next(-1, 31)),
        "List<Number>" => new Scalar("1,2,3"),
        "CommaDelimitedList" => new Scalar(random.Next(2) == 0 ? "arn:aws:sns:us-east-1:111122223333:alerts,arn:aws:sns:us-east-1:111122223333:ops" : "a, b,,c"),
        _ when type.StartsWith("AWS::SSM::Parameter::", StringComparison.Ordinal) => new Scalar(Pick("/org/security/topic-arn", "/aws/service/ami", "")),
        _ when type.StartsWith("List<", StringComparison.Ordinal) => new Scalar("subnet-1,subnet-2"),
        _ when type.StartsWith("AWS::", StringComparison.Ordinal) => new Scalar("vpc-0123"),
        _ => random.Next(4) switch
        {
            0 => new Scalar(Pick(FilterPatterns)),
            1 => new Scalar(Pick(LogGroupNames)),
            2 => Literal(Kind.Arn),
            _ => Literal(Kind.Text),
        },
    };

    private static Kind KindOf(string parameterType) =>
        parameterType.Contains("List", StringComparison.Ordinal) ? Kind.List : parameterType == "Number" ? Kind.Number : Kind.Text;

    private GeneratedValue MappingTable((string Name, string[] TopKeys, string[] SecondKeys) map) =>
        new Mapping(map.TopKeys.Select(top => (top, (GeneratedValue)new Mapping(map.SecondKeys.Select(second => (second, random.Next(5) == 0
            // A mapping value built from intrinsics (CloudFormation wants literals): a lookup of this or another mapping.
            ? WithSelf(map.Name, () => Value(Pick(Kind.Text, Kind.Arn, Kind.List), 1))
            : Literal(Pick(Kind.Text, Kind.Arn, Kind.Number, Kind.Bool, Kind.List)))).ToArray()))).ToArray());

    private GeneratedValue Condition(int depth)
    {
        if (depth >= depthBudget)
        {
            return Fn("Fn::Equals", new Sequence(Ref(), Literal(Kind.Text)));
        }

        return random.Next(10) switch
        {
            < 4 => Fn("Fn::Equals", new Sequence(random.Next(2) == 0 ? Ref() : Value(Kind.Text, depth + 1), Literal(Kind.Text))),
            4 => Fn("Fn::Not", new Sequence(ConditionOrName(depth + 1))),
            5 or 6 => Fn(Pick("Fn::And", "Fn::Or"), new Sequence(Enumerable.Range(0, random.Next(2, 4)).Select(_ => ConditionOrName(depth + 1)).ToArray())),
            7 or 8 => ConditionName(),
            _ => Malformed(Kind.Bool, depth),
        };
    }

    private GeneratedValue ConditionOrName(int depth) => random.Next(2) == 0 ? ConditionName() : Condition(depth);

    /// <summary><c>!Condition X</c>: this condition itself, another (cycles follow), or one that does not exist.</summary>
    private GeneratedValue ConditionName() => Fn("Condition", new Scalar(random.Next(10) switch
    {
        0 => "Missing",
        1 when scope.Self is { } self => self,
        _ => scope.Conditions.Count > 0 ? PickFrom(scope.Conditions) : "Missing",
    }));

    private GeneratedValue Resource(string type)
    {
        var definition = new List<(string, GeneratedValue)>();
        if (random.Next(100) != 0)
        {
            definition.Add(("Type", random.Next(200) == 0 ? Value(Kind.Text, 1) : new Scalar(type)));
        }

        var properties = Properties(type);
        if (random.Next(50) == 0 && properties.Count > 0)
        {
            // A property written twice, as copy-paste leaves it: the later value counts.
            var (key, _) = properties[random.Next(properties.Count)];
            properties.Add((key, Value(Kind.Text, 1)));
        }

        definition.Add(("Properties", random.Next(100) == 0 ? Pick<GeneratedValue>(Literal(Kind.Text), new Sequence(Literal(Kind.Text))) : new Mapping(properties.ToArray())));
        if (random.Next(7) == 0)
        {
            definition.Add(("Condition", new Scalar(scope.Conditions.Count > 0 && random.Next(5) != 0 ? PickFrom(scope.Conditions) : "Missing")));
        }

        if (random.Next(7) == 0)
        {
            definition.Add(("DependsOn", random.Next(2) == 0 ? new Scalar(ResourceId()) : new Sequence(new Scalar(ResourceId()), new Scalar(ResourceId()))));
        }

        if (random.Next(type.StartsWith("AWS::KMS::", StringComparison.Ordinal) ? 2 : 6) == 0)
        {
            definition.Add(("DeletionPolicy", new Scalar(Pick("Retain", "Delete", "Snapshot", "RetainExceptOnCreate"))));
            definition.Add(("UpdateReplacePolicy", new Scalar(Pick("Retain", "Delete"))));
        }

        if (random.Next(20) == 0)
        {
            definition.Add(("Metadata", Ignore()));
        }

        return new Mapping(definition.ToArray());
    }

    private List<(string, GeneratedValue)> Properties(string type)
    {
        var properties = new List<(string, GeneratedValue)>();

        void Maybe(string name, Func<GeneratedValue> value, int chance = 3, Func<GeneratedValue>? working = null)
        {
            if (wired && working is not null && random.Next(5) != 0)
            {
                properties.Add((name, working()));
            }
            else if (random.Next(4) < chance)
            {
                properties.Add((name, value()));
            }
        }

        GeneratedValue Yes() => Scalar.Bare(true);

        switch (type)
        {
            case "AWS::CloudTrail::Trail":
                Maybe("IsLogging", () => Value(Kind.Bool, 0), 4, Yes);
                Maybe("S3BucketName", () => Value(Kind.Text, 0), 4, () => new Scalar("audit-bucket"));
                Maybe("IsMultiRegionTrail", () => Value(Kind.Bool, 0), working: Yes);
                Maybe("IncludeGlobalServiceEvents", () => Value(Kind.Bool, 0), working: Yes);
                Maybe("EnableLogFileValidation", () => Value(Kind.Bool, 0), working: Yes);
                Maybe("CloudWatchLogsLogGroupArn", LogGroupArn, working: () => Wire("AWS::Logs::LogGroup", "Arn"));
                Maybe("CloudWatchLogsRoleArn", () => Value(Kind.Arn, 0), working: () => new Scalar("arn:aws:iam::111122223333:role/trail-to-logs"));
                Maybe("EventSelectors", () => ListOf(EventSelector), 1);
                Maybe("AdvancedEventSelectors", () => ListOf(AdvancedEventSelector), 1);
                Maybe("IsOrganizationTrail", () => Value(Kind.Bool, 0), 1);
                Maybe("KMSKeyId", () => Reference("AWS::KMS::Key", "Arn"), 1);
                Maybe("TrailName", () => Value(Kind.Text, 0), 1);
                break;
            case "AWS::Logs::LogGroup":
                Maybe("LogGroupName", () => random.Next(2) == 0 ? new Scalar(Pick(LogGroupNames)) : Value(Kind.Text, 0), working: () => new Scalar(LogGroupNames[0]));
                Maybe("RetentionInDays", () => Value(Kind.Number, 0));
                Maybe("KmsKeyId", () => Reference("AWS::KMS::Key", "Arn"), 1);
                break;
            case "AWS::Logs::MetricFilter":
                Maybe("LogGroupName", LogGroupName, 4, () => Wire("AWS::Logs::LogGroup", null));
                Maybe("FilterPattern", FilterPattern, 4, () => new Scalar(FilterPatterns[random.Next(3)]));
                Maybe("MetricTransformations", () => ListOf(MetricTransformation), 4, () => new Sequence(
                    new Mapping(("MetricNamespace", new Scalar(MetricNamespaces[0])), ("MetricName", new Scalar(MetricNames[0])), ("MetricValue", new Scalar("1")))));
                Maybe("FilterName", () => Value(Kind.Text, 0), 1);
                break;
            case "AWS::CloudWatch::Alarm":
                Maybe("AlarmName", () => Value(Kind.Text, 0), 2);
                Maybe("Namespace", () => OneOf(MetricNamespaces), working: () => new Scalar(MetricNamespaces[0]));
                Maybe("MetricName", () => OneOf(MetricNames), working: () => new Scalar(MetricNames[0]));
                Maybe("Statistic", () => OneOf(new[] { "Sum", "Average", "Maximum", "SampleCount", "Minimum" }), working: () => new Scalar("Sum"));
                // A day-long period works but alerts a day late.
                Maybe("Period", () => Value(Kind.Number, 0), working: () => Scalar.Bare(Pick(60, 300, 300, 3600, 86400)));
                Maybe("EvaluationPeriods", () => Value(Kind.Number, 0), working: () => Scalar.Bare(Pick(1, 1, 3)));
                Maybe("DatapointsToAlarm", () => Value(Kind.Number, 0), 1);
                Maybe("Threshold", () => Value(Kind.Number, 0), working: () => Scalar.Bare(1));
                Maybe("ComparisonOperator", () => OneOf(new[] { "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold", "GreaterThanUpperThreshold" }),
                    working: () => new Scalar("GreaterThanOrEqualToThreshold"));
                Maybe("TreatMissingData", () => OneOf(new[] { "notBreaching", "missing", "breaching", "ignore" }), 2);
                Maybe("ActionsEnabled", () => Value(Kind.Bool, 0), 1);
                Maybe("AlarmActions", Actions, working: () => new Sequence(Wire("AWS::SNS::Topic", null)));
                Maybe("OKActions", Actions, 1);
                Maybe("Metrics", MetricMath, 1);
                break;
            case "AWS::SNS::Topic":
                Maybe("TopicName", () => OneOf(TopicNames), 2);
                Maybe("DisplayName", () => Value(Kind.Text, 0), 1);
                Maybe("KmsMasterKeyId", () => Reference("AWS::KMS::Key", "Arn"), 1);
                Maybe("Subscription", () => ListOf(() => new Mapping(("Protocol", OneOf(new[] { "email", "sqs", "lambda", "https" })), ("Endpoint", Value(Kind.Text, 1)))), 2,
                    () => new Sequence(new Mapping(("Protocol", new Scalar("email")), ("Endpoint", new Scalar("security@example.com")))));
                break;
            case "AWS::SNS::Subscription":
                Maybe("TopicArn", TopicArn, 4);
                Maybe("Protocol", () => OneOf(new[] { "email", "sqs", "lambda", "https" }));
                Maybe("Endpoint", () => Value(Kind.Text, 0));
                Maybe("RawMessageDelivery", () => Value(Kind.Bool, 0), 1);
                break;
            case "AWS::Events::Rule":
                Maybe("Description", () => Value(Kind.Text, 0), 1);
                Maybe("State", () => OneOf(new[] { "ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" }), working: () => new Scalar("ENABLED"));
                Maybe("EventBusName", () => Pick(Reference("AWS::Events::EventBus", null), Reference("AWS::Events::EventBus", "Name"), new Scalar("default"), Value(Kind.Text, 0)), 2);
                Maybe("EventPattern", EventPattern, 4, WorkingEventPattern);
                Maybe("Targets", () => ListOf(Target), 3, () => new Sequence(new Mapping(("Arn", Wire("AWS::SNS::Topic", null)), ("Id", new Scalar("alerts")))));
                break;
            case "AWS::Events::EventBus":
                Maybe("Name", () => Value(Kind.Text, 0), 4);
                break;
            case "AWS::KMS::Key":
                Maybe("Description", () => Value(Kind.Text, 0), 2);
                Maybe("Enabled", () => Value(Kind.Bool, 0), 2);
                Maybe("EnableKeyRotation", () => Value(Kind.Bool, 0), 2);
                Maybe("KeySpec", () => OneOf(new[] { "SYMMETRIC_DEFAULT", "RSA_2048", "HMAC_256" }), 1);
                Maybe("MultiRegion", () => Value(Kind.Bool, 0), 1);
                Maybe("PendingWindowInDays", () => Value(Kind.Number, 0));
                Maybe("KeyPolicy", KeyPolicy, 2);
                Maybe("Tags", Tags);
                break;
            case "AWS::KMS::ReplicaKey":
                Maybe("PrimaryKeyArn", () => Reference("AWS::KMS::Key", "Arn"), 4);
                Maybe("KeyPolicy", KeyPolicy, 3);
                Maybe("Enabled", () => Value(Kind.Bool, 0), 2);
                Maybe("PendingWindowInDays", () => Value(Kind.Number, 0));
                Maybe("Tags", Tags);
                break;
            case "AWS::KMS::Alias":
                Maybe("AliasName", () => Pick<GeneratedValue>(new Scalar("alias/app"), Fn("Fn::Sub", new Scalar("alias/${AWS::StackName}")), Value(Kind.Text, 0)), 4);
                Maybe("TargetKeyId", () => Reference(Pick("AWS::KMS::Key", "AWS::KMS::ReplicaKey"), Pick("Arn", "KeyId")), 4);
                break;
            case "AWS::SSM::Parameter":
                Maybe("Name", () => Value(Kind.Text, 0), 2);
                Maybe("Type", () => OneOf(new[] { "String", "StringList" }), 4);
                Maybe("Value", () => Pick(TopicArn(), Value(Kind.Text, 0)), 4);
                break;
        }

        return properties;
    }

    private GeneratedValue LogGroupArn() => random.Next(6) switch
    {
        0 or 1 => Reference("AWS::Logs::LogGroup", "Arn"),
        2 => Fn("Fn::Sub", new Scalar($"arn:aws:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:{Pick(LogGroupNames)}:*")),
        3 => Fn("Fn::ImportValue", new Scalar(Pick(ExportNames))),
        _ => Value(Kind.Arn, 0),
    };

    private GeneratedValue LogGroupName() => random.Next(6) switch
    {
        0 or 1 => Reference("AWS::Logs::LogGroup", null),
        2 => new Scalar(Pick(LogGroupNames)),
        3 => Fn("Fn::ImportValue", new Scalar(Pick(ExportNames))),
        _ => Value(Kind.Text, 0),
    };

    private GeneratedValue TopicArn() => random.Next(7) switch
    {
        0 or 1 => Reference("AWS::SNS::Topic", random.Next(3) == 0 ? "TopicArn" : null),
        2 => Fn("Fn::ImportValue", random.Next(4) == 0 ? Value(Kind.Text, 1) : new Scalar(Pick(ExportNames))),
        3 => Literal(Kind.Arn),
        4 => Reference("AWS::SSM::Parameter", "Value"),
        _ => Value(Kind.Arn, 0),
    };

    private GeneratedValue Actions() => random.Next(8) switch
    {
        0 => Fn("Fn::If", new Sequence(new Scalar(ConditionNameText()), ListOf(TopicArn), Fn("Ref", new Scalar("AWS::NoValue")))),
        1 => Value(Kind.List, 0),
        _ => ListOf(TopicArn),
    };

    private GeneratedValue FilterPattern() => random.Next(6) switch
    {
        < 3 => new Scalar(Pick(FilterPatterns)),
        3 => Fn("Fn::Sub", new Scalar("{ ($.eventSource = kms.amazonaws.com) && ($.eventName = ${" + Pick(ParameterOrAnything(), "AWS::Region") + "}) }")),
        4 => Fn("Fn::Join", new Sequence(new Scalar(""), new Sequence(new Scalar("{ $.eventName = "), Value(Kind.Text, 1), new Scalar(" }")))),
        _ => Value(Kind.Text, 0),
    };

    private GeneratedValue MetricTransformation()
    {
        var entries = new List<(string, GeneratedValue)>
        {
            ("MetricNamespace", OneOf(MetricNamespaces)),
            ("MetricName", OneOf(MetricNames)),
            ("MetricValue", random.Next(4) == 0 ? Scalar.Bare(1) : new Scalar(Pick("1", "1", "$.requestParameters.pendingWindowInDays", "0"))),
        };
        if (random.Next(5) == 0)
        {
            entries.Add(("DefaultValue", Value(Kind.Number, 1)));
        }

        return new Mapping(entries.ToArray());
    }

    private GeneratedValue MetricMath() => new Sequence(
        new Mapping(
            ("Id", new Scalar("m1")),
            ("MetricStat", new Mapping(("Metric", new Mapping(("Namespace", OneOf(MetricNamespaces)), ("MetricName", OneOf(MetricNames)))), ("Period", Scalar.Bare(300)), ("Stat", new Scalar("Sum")))),
            ("ReturnData", Scalar.Bare(false))),
        new Mapping(("Id", new Scalar("e1")), ("Expression", new Scalar("m1 * 2")), ("ReturnData", Scalar.Bare(true))));

    private GeneratedValue Target()
    {
        // A bus as target forwards the events to it (a rule on that bus may be the detection), in cycles too.
        var arn = random.Next(5) == 0 ? Reference("AWS::Events::EventBus", "Arn") : TopicArn();
        var entries = new List<(string, GeneratedValue)> { ("Arn", arn), ("Id", new Scalar("alerts")) };
        if (random.Next(5) == 0)
        {
            entries.Add(("InputTransformer", new Mapping(
                ("InputPathsMap", new Mapping(("event", new Scalar("$.detail.eventName")))),
                ("InputTemplate", new Scalar("\"Key event <event>\"")))));
        }

        return new Mapping(entries.ToArray());
    }

    /// <summary>An EventBridge pattern: a mapping (the usual), a JSON string, or built from intrinsics; fields vary around the key lifecycle events.</summary>
    private GeneratedValue EventPattern()
    {
        switch (random.Next(12))
        {
            case 0:
                return new Scalar(Pick(
                    "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"]}}",
                    "{\"source\": [\"aws.kms\"], \"detail\": {\"eventName\": [\"DisableKey\"",
                    "{\"detail\": {\"eventName\": [{\"prefix\": \"\"}]}}"));
            case 1:
                return Fn("Fn::Sub", new Scalar("{\"source\": [\"aws.kms\"], \"account\": [\"${AWS::AccountId}\"], \"detail\": {\"eventName\": [\"DisableKey\", \"ScheduleKeyDeletion\"]}}"));
            case 2:
                return Value(Kind.Text, 0);
            case 3 when random.Next(4) == 0:
                // Deep nesting inside the pattern itself.
                GeneratedValue nested = new Sequence(new Scalar("DisableKey"));
                for (var i = random.Next(10, 120); i > 0; i--)
                {
                    nested = new Mapping(("detail", nested));
                }

                mayNotParse = true;
                return new Mapping(("source", new Sequence(new Scalar("aws.kms"))), ("detail", nested));
        }

        var detail = new List<(string, GeneratedValue)>();
        if (random.Next(4) != 0)
        {
            detail.Add(("eventSource", new Sequence(new Scalar("kms.amazonaws.com"))));
        }

        detail.Add(("eventName", new Sequence(Enumerable.Range(0, random.Next(1, 4)).Select(_ => EventNameMatcher()).ToArray())));
        if (random.Next(4) == 0)
        {
            detail.Add(("errorCode", new Sequence(new Mapping(("exists", Scalar.Bare(false))))));
        }

        if (random.Next(5) == 0)
        {
            detail.Add(("requestParameters", new Mapping(("pendingWindowInDays", new Sequence(new Mapping(("numeric", new Sequence(new Scalar(">="), Scalar.Bare(7)))))))));
        }

        if (random.Next(5) == 0)
        {
            detail.Add(("resources", new Sequence(Reference("AWS::KMS::Key", "Arn"))));
        }

        var pattern = new List<(string, GeneratedValue)>();
        if (random.Next(4) != 0)
        {
            pattern.Add(("source", random.Next(6) == 0 ? new Scalar("aws.kms") : new Sequence(new Scalar(Pick("aws.kms", "aws.kms", "aws.ec2")))));
        }

        if (random.Next(2) == 0)
        {
            pattern.Add(("detail-type", new Sequence(new Scalar("AWS API Call via CloudTrail"))));
        }

        pattern.Add(("detail", new Mapping(detail.ToArray())));
        if (random.Next(8) == 0)
        {
            var disableKey = new Mapping(("detail", new Mapping(("eventName", new Sequence(new Scalar("DisableKey"))))));
            var account = new Mapping(("account", new Sequence(Value(Kind.Text, 1))));
            pattern.Add(("$or", new Sequence(disableKey, account)));
        }

        return new Mapping(pattern.ToArray());
    }

    private static GeneratedValue WorkingEventPattern()
    {
        var detail = new Mapping(
            ("eventSource", new Sequence(new Scalar("kms.amazonaws.com"))),
            ("eventName", new Sequence(new Scalar("DisableKey"), new Scalar("ScheduleKeyDeletion"))));
        return new Mapping(
            ("source", new Sequence(new Scalar("aws.kms"))),
            ("detail-type", new Sequence(new Scalar("AWS API Call via CloudTrail"))),
            ("detail", detail));
    }

    private GeneratedValue EventNameMatcher() => random.Next(10) switch
    {
        < 5 => new Scalar(Pick(EventNames)),
        5 => new Mapping(("prefix", new Scalar(Pick("Disable", "Schedule", "")))),
        6 => new Mapping(("anything-but", new Sequence(new Scalar("Decrypt"), new Scalar("Encrypt")))),
        7 => new Mapping(("wildcard", new Scalar(Pick("*Key*", "Schedule*", "**")))),
        8 => new Mapping(("equals-ignore-case", new Scalar("disablekey"))),
        _ => Value(Kind.Text, 1),
    };

    private GeneratedValue EventSelector() => new Mapping(
        ("ReadWriteType", OneOf(new[] { "All", "WriteOnly", "ReadOnly" })),
        ("IncludeManagementEvents", Value(Kind.Bool, 1)),
        ("ExcludeManagementEventSources", new Sequence(Enumerable.Range(0, random.Next(3)).Select(_ => (GeneratedValue)new Scalar(Pick("kms.amazonaws.com", "rdsdata.amazonaws.com"))).ToArray())));

    private GeneratedValue AdvancedEventSelector() => new Mapping(
        ("Name", new Scalar("Management events")),
        ("FieldSelectors", new Sequence(
            new Mapping(("Field", new Scalar("eventCategory")), ("Equals", new Sequence(new Scalar(Pick("Management", "Data"))))),
            new Mapping(("Field", new Scalar(Pick("readOnly", "eventSource"))), (Pick("Equals", "NotEquals"), new Sequence(new Scalar(Pick("false", "true", "kms.amazonaws.com"))))))));

    private GeneratedValue KeyPolicy()
    {
        var statement = new List<(string, GeneratedValue)>
        {
            ("Sid", new Scalar("EnableRootAccess")),
            ("Effect", new Scalar("Allow")),
            ("Principal", new Mapping(("AWS", Fn("Fn::Sub", new Scalar("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))))),
            ("Action", new Scalar("kms:*")),
            ("Resource", new Scalar("*")),
        };
        if (random.Next(10) == 0)
        {
            statement.Add(("Principal", new Mapping(("Service", new Scalar("events.amazonaws.com")))));
        }

        return new Mapping(("Version", new Scalar("2012-10-17")), ("Statement", new Sequence(new Mapping(statement.ToArray()))));
    }

    private GeneratedValue Tags() => new Sequence(PickSome(new[] { "Owner", "Purpose", "Team" })
        .Select(key => (GeneratedValue)new Mapping(("Key", new Scalar(key)), ("Value", Value(Kind.Text, 1)))).ToArray());

    private GeneratedValue Ignore() => new Mapping(("kmslint", new Mapping(("ignore", new Sequence(
        new Scalar(Pick("KMS400", "KMS402", "KMS777", "kms403")),
        new Mapping(("id", new Scalar(Pick("KMS200", "KMS100", "KMS901"))), ("reason", Literal(Kind.Text))))))));

    private GeneratedValue Output()
    {
        var definition = new List<(string, GeneratedValue)>
        {
            ("Value", random.Next(10) switch
            {
                < 4 => Reference(Pick(ResourceTypes).Type, random.Next(2) == 0 ? null : "Arn"),
                < 7 => Fn("Fn::ImportValue", random.Next(3) == 0 ? Value(Kind.Text, 1) : new Scalar(Pick(ExportNames))),
                _ => Value(Kind.Text, 0),
            }),
        };
        if (random.Next(10) < 7)
        {
            definition.Add(("Export", new Mapping(("Name", random.Next(6) switch
            {
                < 4 => new Scalar(Pick(ExportNames)),
                4 => Fn("Fn::Sub", new Scalar("${AWS::StackName}-" + Pick(ExportNames))),
                _ => Value(Kind.Text, 1),
            }))));
        }

        if (random.Next(10) == 0)
        {
            definition.Add(("Condition", new Scalar(ConditionNameText())));
        }

        return new Mapping(definition.ToArray());
    }

    /// <summary>A value of the kind asked for: a literal, or an intrinsic function whose arguments are values again.</summary>
    private GeneratedValue Value(Kind kind, int depth)
    {
        if (depth >= depthBudget || random.NextDouble() < (depth == 0 ? 0.45 : 0.5 + 0.1 * depth))
        {
            return Literal(kind);
        }

        switch (random.Next(400))
        {
            case 0:
                return DeepChain(kind);
            case < 4:
                return Malformed(kind, depth);
        }

        if (kind == Kind.List)
        {
            return ListValue(depth);
        }

        return random.Next(14) switch
        {
            0 or 1 => Ref(),
            2 => GetAtt(),
            3 or 4 => Sub(depth),
            5 => Fn("Fn::Join", new Sequence(new Scalar(Pick("", ":", "-", ",")), ListValue(depth + 1))),
            6 => Fn("Fn::Select", new Sequence(Index(depth), ListValue(depth + 1))),
            7 or 8 => If(kind, depth),
            9 => FindInMap(depth),
            10 or 11 => ImportValue(depth),
            12 => Fn("Fn::Base64", Value(Kind.Text, depth + 1)),
            _ => Fn("Fn::Select", new Sequence(Scalar.Bare(0), Fn("Fn::GetAZs", random.Next(2) == 0 ? new Scalar("") : Ref("AWS::Region")))),
        };
    }

    private GeneratedValue ListValue(int depth) => random.Next(9) switch
    {
        < 3 => new Sequence(Enumerable.Range(0, random.Next(5)).Select(_ => Value(Pick(Kind.Text, Kind.Arn), depth + 1)).ToArray()),
        3 or 4 => Fn("Fn::Split", new Sequence(new Scalar(Pick(",", ":", "", "/")), Value(Kind.Text, depth + 1))),
        5 => scope.Parameters.Count > 0 ? Ref(PickFrom(scope.Parameters).Name) : Ref("AWS::NotificationARNs"),
        6 => If(Kind.List, depth),
        7 => FindInMap(depth),
        _ => random.Next(2) == 0 ? Fn("Fn::GetAZs", new Scalar("")) : Fn("Fn::Cidr", new Sequence(new Scalar("10.0.0.0/16"), Scalar.Bare(4), Scalar.Bare(8))),
    };

    private GeneratedValue Index(int depth) => random.Next(8) switch
    {
        0 => new Scalar("1"),
        1 => Value(Kind.Number, depth + 1),
        2 => Scalar.Bare(-1),
        _ => Scalar.Bare(random.Next(4)),
    };

    private GeneratedValue Ref() => Ref(random.Next(20) switch
    {
        < 6 when scope.Parameters.Count > 0 => PickFrom(scope.Parameters).Name,
        < 12 => ResourceId(),
        < 17 => Pick(PseudoParameters),
        17 when scope.Self is { } self => self,
        18 => "Missing",
        _ => scope.Conditions.Count > 0 ? PickFrom(scope.Conditions) : "AWS::Region",
    });

    private GeneratedValue Ref(string name) => Fn("Ref", new Scalar(name));

    private GeneratedValue GetAtt()
    {
        var (id, _, attributes) = scope.Resources.Count > 0 && random.Next(10) != 0 ? PickFrom(scope.Resources) : ("Missing", "", Array.Empty<string>());
        if (scope.Self is { } self && random.Next(10) == 0)
        {
            id = self;
        }

        var attribute = attributes.Length > 0 && random.Next(6) != 0 ? Pick(attributes) : Pick("Arn", "Endpoint.Address", "Bogus");
        return Fn("Fn::GetAtt", new Sequence(new Scalar(id), new Scalar(attribute)));
    }

    /// <summary>In a wired file: a Ref or GetAtt of the first resource of <paramref name="type"/>, as a working chain links it.</summary>
    private GeneratedValue Wire(string type, string? attribute) =>
        scope.Resources.FirstOrDefault(r => r.Type == type) is { Id: { } id }
            ? attribute is null ? Ref(id) : Fn("Fn::GetAtt", new Sequence(new Scalar(id), new Scalar(attribute)))
            : Reference(type, attribute);

    /// <summary>A Ref or GetAtt of a resource of <paramref name="type"/> in this template, else something else that could stand for it.</summary>
    private GeneratedValue Reference(string type, string? attribute)
    {
        var candidates = scope.Resources.Where(r => r.Type == type).ToList();
        if (candidates.Count == 0 || random.Next(5) == 0)
        {
            return random.Next(2) == 0 ? Fn("Fn::ImportValue", new Scalar(Pick(ExportNames))) : Value(Kind.Arn, 0);
        }

        var id = PickFrom(candidates).Id;
        return attribute is null ? Ref(id) : Fn("Fn::GetAtt", new Sequence(new Scalar(id), new Scalar(attribute)));
    }

    private GeneratedValue Sub(int depth)
    {
        var pieces = new List<string>();
        var variables = new List<(string, GeneratedValue)>();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            pieces.Add(random.Next(9) switch
            {
                0 => Pick("arn:aws:sns:", ":", "-", "alerts", "/org/", "log-group:"),
                1 => "${AWS::Region}",
                2 => "${AWS::AccountId}",
                3 => "${!NotAVariable}",
                4 => "${" + ParameterOrAnything() + "}",
                5 when scope.Resources.Count > 0 => "${" + PickFrom(scope.Resources).Id + "}",
                6 when scope.Resources.Count > 0 => PickFrom(scope.Resources) is var (id, _, attributes) && attributes.Length > 0 ? "${" + id + "." + Pick(attributes) + "}" : "${" + id + "}",
                7 => "${Var" + variables.Count + "}",
                _ => scope.Self is { } self && random.Next(3) == 0 ? "${" + self + "}" : Pick(TopicNames),
            });
            if (pieces[^1] == "${Var" + variables.Count + "}")
            {
                variables.Add(("Var" + variables.Count, Value(Kind.Text, depth + 1)));
            }
        }

        if (random.Next(60) == 0)
        {
            pieces.Add("${unclosed");
        }

        var text = new Scalar(string.Concat(pieces));
        return variables.Count == 0 && random.Next(5) != 0 ? Fn("Fn::Sub", text) : Fn("Fn::Sub", new Sequence(text, new Mapping(variables.ToArray())));
    }

    private GeneratedValue If(Kind kind, int depth) => Fn("Fn::If", new Sequence(
        new Scalar(ConditionNameText()),
        Value(kind, depth + 1),
        random.Next(5) == 0 ? Ref("AWS::NoValue") : Value(kind, depth + 1)));

    private GeneratedValue FindInMap(int depth)
    {
        var map = scope.Maps.Count > 0 && random.Next(8) != 0 ? PickFrom(scope.Maps) : ("NoMap", new[] { "A" }, new[] { "B" });
        GeneratedValue Key(string[] keys) => random.Next(6) switch
        {
            0 => Ref("AWS::Region"),
            1 => Value(Kind.Text, depth + 1),
            _ => new Scalar(Pick(keys)),
        };

        var arguments = new List<GeneratedValue> { random.Next(20) == 0 ? Value(Kind.Text, depth + 1) : new Scalar(map.Item1), Key(map.Item2), Key(map.Item3) };
        if (random.Next(15) == 0)
        {
            arguments.Add(new Mapping(("DefaultValue", Literal(Kind.Text))));
        }

        return Fn("Fn::FindInMap", new Sequence(arguments.ToArray()));
    }

    private GeneratedValue ImportValue(int depth) => Fn("Fn::ImportValue", random.Next(10) switch
    {
        < 6 => new Scalar(Pick(ExportNames)),
        6 => Fn("Fn::Sub", new Scalar("${AWS::StackName}-" + Pick(ExportNames))),
        _ => Value(Kind.Text, depth + 1),
    });

    /// <summary>One function nested in itself 20–400 times: beyond every depth bound the resolver and reader have.</summary>
    private GeneratedValue DeepChain(Kind kind)
    {
        var levels = random.Next(4) == 0 ? random.Next(60, 400) : random.Next(20, 60);
        mayNotParse |= levels > 60;
        var wrap = random.Next(7);
        var value = Literal(kind);
        for (var i = 0; i < levels; i++)
        {
            value = (random.Next(8) == 0 ? random.Next(7) : wrap) switch
            {
                0 => Fn("Fn::If", new Sequence(new Scalar(ConditionNameText()), value, Literal(kind))),
                1 => Fn("Fn::Select", new Sequence(Scalar.Bare(0), new Sequence(value))),
                2 => Fn("Fn::Join", new Sequence(new Scalar(""), new Sequence(value))),
                3 => Fn("Fn::Sub", new Sequence(new Scalar("${X}"), new Mapping(("X", value)))),
                4 => Fn("Fn::ImportValue", value),
                5 => Fn("Fn::FindInMap", new Sequence(new Scalar(scope.Maps.Count > 0 ? PickFrom(scope.Maps).Name : "NoMap"), value, new Scalar("B"))),
                _ => Fn("Fn::Base64", value),
            };
        }

        return value;
    }

    /// <summary>A call CloudFormation rejects (wrong arity or shape, unknown function) or a collection where one value is expected.</summary>
    private GeneratedValue Malformed(Kind kind, int depth) => random.Next(12) switch
    {
        0 => Fn("Fn::GetAtt", new Sequence(new Scalar("A"), new Scalar("B"), new Scalar("C"))),
        1 => Fn("Fn::If", new Sequence(Value(kind, depth + 1))),
        2 => Fn("Fn::Join", new Scalar("x")),
        3 => Fn("Fn::Select", new Sequence(new Scalar("x"), new Sequence())),
        4 => Fn("Fn::Foo", Value(kind, depth + 1)),
        5 => Fn("Ref", new Sequence()),
        6 => Fn("Fn::FindInMap", new Sequence(new Scalar("Map0"))),
        7 => Fn("Condition", new Scalar(ConditionNameText())),
        8 => new Sequence(Value(kind, depth + 1), Value(kind, depth + 1)),
        9 => new Mapping(("Unexpected", Value(kind, depth + 1))),
        10 => Fn("Fn::Length", ListValue(depth + 1)),
        _ => Fn("Fn::ToJsonString", new Mapping(("a", Value(kind, depth + 1)))),
    };

    private GeneratedValue Literal(Kind kind) => kind switch
    {
        Kind.Text => new Scalar(random.Next(200) == 0 ? new string('x', random.Next(1000, 5000)) : Pick(AnyText)),
        Kind.Arn => new Scalar(Pick(ArnLiterals)),
        Kind.Number => random.Next(4) == 0
            ? new Scalar(Pick("1", "300", "7", "x"))
            : Scalar.Bare(Pick<object>(0, 1, 2, 5, 7, 30, 31, 60, 300, -1, 3.5, "1e3", 2147483648L)),
        Kind.Bool => random.Next(4) == 0 ? new Scalar(Pick("true", "False", "yes", "")) : Scalar.Bare(random.Next(2) == 0),
        _ => new Sequence(Enumerable.Range(0, random.Next(4)).Select(_ => Literal(Pick(Kind.Text, Kind.Arn))).ToArray()),
    };

    private GeneratedValue OneOf(string[] choices) => random.Next(5) == 0 ? Value(Kind.Text, 0) : new Scalar(Pick(choices));

    private GeneratedValue ListOf(Func<GeneratedValue> item) => new Sequence(Enumerable.Range(0, random.Next(1, 3)).Select(_ => item()).ToArray());

    private static Call Fn(string name, GeneratedValue argument) => new(name, argument);

    private string ConditionNameText() => scope.Conditions.Count > 0 && random.Next(8) != 0 ? PickFrom(scope.Conditions) : scope.Self is { } self && random.Next(2) == 0 ? self : "Missing";

    private string ParameterOrAnything() => scope.Parameters.Count > 0 && random.Next(3) != 0 ? PickFrom(scope.Parameters).Name : Pick(PseudoParameters);

    private string ResourceId() => scope.Resources.Count > 0 && random.Next(10) != 0 ? PickFrom(scope.Resources).Id : scope.Self ?? "Missing";

    /// <summary>Generates with <paramref name="self"/> as the thing being defined, so references to it (self-references) can occur.</summary>
    private GeneratedValue WithSelf(string self, Func<GeneratedValue> generate)
    {
        var outer = scope.Self;
        scope.Self = self;
        try
        {
            return generate();
        }
        finally
        {
            scope.Self = outer;
        }
    }

    /// <summary>Settings as a <c>.kmslint.yaml</c> can give them: routes, tags, keys, timing, external resources, stack names and SSM values.</summary>
    private LintSettings Settings(IReadOnlyList<GeneratedFile> files)
    {
        var settings = LintSettings.Default with
        {
            AcceptedRoutes = random.Next(4) switch { 0 => DetectionRoutes.MetricFilter, 1 => DetectionRoutes.EventBridge, _ => DetectionRoutes.Any },
            MinPendingWindowDays = Pick(7, 14, 30),
            RequiredTagKeys = random.Next(3) == 0 ? Array.Empty<string>() : new[] { "Owner", "Purpose" },
        };
        if (random.Next(8) == 0)
        {
            settings = settings with
            {
                External = new ExternalResources(
                    new[] { new ExternalTrail("organization-trail", random.Next(2) == 0 ? Pick(LogGroupNames) : null) },
                    random.Next(2) == 0 ? new[] { Pick(TopicArns) } : Array.Empty<string>())
                {
                    EventBuses = random.Next(2) == 0 ? new[] { "arn:aws:events:us-east-1:111122223333:event-bus/central" } : Array.Empty<string>(),
                },
            };
        }

        if (random.Next(4) == 0)
        {
            settings = settings with
            {
                MaxMinutesToDetect = Pick(1.0, 5, 15, 60, 1440),
                AssumedDeliveryMinutes = Pick(0.0, 5, 15),
                AssumedEventBridgeMinutes = Pick(0.0, 1, 5),
            };
        }

        if (random.Next(4) == 0)
        {
            // What ${AWS::StackName} and {{resolve:ssm:...}} or SSM-typed parameters stand for in the deployment.
            var stacks = files.Where(_ => random.Next(2) == 0).ToDictionary(file => file.Path, _ => Pick("audit", "security", "org-audit"), StringComparer.Ordinal);
            var ssm = new Dictionary<string, string>(StringComparer.Ordinal) { ["/org/security/topic-arn"] = Pick(TopicArns), ["/org/cloudtrail/log-group"] = LogGroupNames[0] };
            settings = settings with { Deployment = new Templates.Resolution.DeploymentFacts(stacks, ssm) };
        }

        return settings;
    }

    private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];

    private T PickFrom<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    private T[] PickSome<T>(T[] choices) => choices.Where(_ => random.Next(2) == 0).DefaultIfEmpty(choices[0]).ToArray();

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>The names a template defines, for references to point at.</summary>
    private sealed class Scope
    {
        public List<(string Name, string Type)> Parameters { get; } = new();

        public List<(string Name, string[] TopKeys, string[] SecondKeys)> Maps { get; } = new();

        public List<string> Conditions { get; } = new();

        public List<(string Id, string Type, string[] Attributes)> Resources { get; } = new();

        /// <summary>The parameter, mapping, condition or resource being defined, if any.</summary>
        public string? Self { get; set; }
    }
}
