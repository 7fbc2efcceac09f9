using KmsLint.Templates.Findings;
using KmsLint.Templates.Yaml;
using static KmsLint.Templates.Tests.TestLint;

namespace KmsLint.Templates.Tests;

public class FrontEndTests
{
    private const string KeyTemplate = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              Description: !Sub "${AWS::StackName} key"
              Enabled: true
        """;

    [Fact]
    public void Every_node_keeps_its_one_based_line_and_column()
    {
        var template = ModelOf(KeyTemplate);
        var key = template.Resources.Single();

        Assert.Equal((3, 3), (key.Span.StartLine, key.Span.StartColumn));
        var description = key.Property("Description")!;
        Assert.Equal((6, 20), (description.Span.StartLine, description.Span.StartColumn));
        var enabled = key.Properties!.KeyOf("Enabled")!;
        Assert.Equal((7, 7, 7, 14), (enabled.Span.StartLine, enabled.Span.StartColumn, enabled.Span.EndLine, enabled.Span.EndColumn));
    }

    [Fact]
    public void Short_tags_and_long_forms_become_the_same_intrinsic()
    {
        var template = ModelOf("""
            Resources:
              Topic: { Type: AWS::SNS::Topic }
              A:
                Type: AWS::SNS::Subscription
                Properties:
                  Short: !GetAtt Topic.TopicName
                  Long: { "Fn::GetAtt": [Topic, TopicName] }
                  ShortRef: !Ref Topic
                  LongRef: { Ref: Topic }
                  ShortIf: !If [IsProd, !Ref Topic, !Ref "AWS::NoValue"]
                  LongIf: { "Fn::If": [IsProd, { Ref: Topic }, { Ref: "AWS::NoValue" }] }
            """);
        var properties = template.FindResource("A")!;

        foreach (var (shortForm, longForm) in new[] { ("Short", "Long"), ("ShortRef", "LongRef"), ("ShortIf", "LongIf") })
        {
            var s = Assert.IsType<IntrinsicNode>(properties.Property(shortForm));
            var l = Assert.IsType<IntrinsicNode>(properties.Property(longForm));
            Assert.Equal(s.Function, l.Function);
            Assert.Equal(Shape(s), Shape(l));
        }

        Assert.True(properties.Property("Short")!.AsIntrinsic!.TryGetAttTarget(out var id, out var attribute));
        Assert.Equal("Topic", id);
        Assert.Equal("TopicName", attribute);
    }

    [Fact]
    public void Json_and_yaml_forms_of_a_template_give_the_same_model()
    {
        var json = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Parameters": { "Name": { "Type": "String", "Default": "kms" } },
              "Resources": {
                "Key": {
                  "Type": "AWS::KMS::Key",
                  "DeletionPolicy": "Retain",
                  "Properties": { "Description": { "Fn::Sub": "${Name} key" }, "Tags": [ { "Key": "Owner", "Value": { "Ref": "Name" } } ] }
                }
              },
              "Outputs": { "KeyArn": { "Value": { "Fn::GetAtt": ["Key", "Arn"] }, "Export": { "Name": { "Fn::Sub": "${AWS::StackName}-Key" } } } }
            }
            """;
        var yaml = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Name: { Type: String, Default: kms }
            Resources:
              Key:
                Type: AWS::KMS::Key
                DeletionPolicy: Retain
                Properties:
                  Description: !Sub "${Name} key"
                  Tags:
                    - Key: Owner
                      Value: !Ref Name
            Outputs:
              KeyArn:
                Value: !GetAtt Key.Arn
                Export:
                  Name: !Sub "${AWS::StackName}-Key"
            """;

        var fromJson = ModelOf(json, "t.json");
        var fromYaml = ModelOf(yaml, "t.yaml");

        Assert.Equal(Shape(TemplateReader.Read("t.json", json).Root!), Shape(TemplateReader.Read("t.yaml", yaml).Root!));
        Assert.Equal("Retain", fromJson.Resources[0].DeletionPolicy);
        Assert.Equal("kms", fromYaml.Parameters[0].Default!.ScalarText);
        Assert.Equal(fromJson.Outputs[0].ExportName!.AsIntrinsic!.Function, fromYaml.Outputs[0].ExportName!.AsIntrinsic!.Function);
    }

    [Fact]
    public void Condition_long_form_inside_condition_functions_is_the_condition_call()
    {
        var template = ModelOf("""
            Conditions:
              A: !Equals [!Ref "AWS::Region", us-east-1]
              B: { "Fn::And": [ { Condition: A }, !Condition A ] }
            Resources:
              Key: { Type: AWS::KMS::Key }
            """);

        var and = template.Conditions["B"].AsIntrinsic!.Argument.AsSequence!;
        Assert.All(and.Items, item => Assert.Equal(IntrinsicFunction.Condition, item.AsIntrinsic?.Function));
    }

    [Fact]
    public void Duplicate_key_is_KMS901_at_the_second_place_and_the_later_value_is_linted()
    {
        var report = LintExampleRule("""
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties: { Enabled: true }
              Key:
                Type: AWS::KMS::Key
                Properties: { Enabled: false }
            """);

        Assert.Equal(new[] { "KMS901 5:3", "KMS403 7:19 Key" }, report.Findings.Select(TestLint.Describe));
        var duplicate = report.Findings[0].Message;
        Assert.Contains("duplicate key 'Key' (first at line 2, column 3)", duplicate);
        Assert.Contains("the later value is linted", duplicate);
        Assert.Equal(1, report.TemplatesLinted);
    }

    [Theory]
    [InlineData("{\"Resources\": {\"Key\": {\"Type\": \"AWS::KMS::Key\", \"Properties\": {\"Enabled\": false, \"Enabled\": true}}}}", 0)]
    [InlineData("{\"Resources\": {\"Key\": {\"Type\": \"AWS::KMS::Key\", \"Properties\": {\"Enabled\": true, \"Enabled\": false}}}}", 1)]
    [InlineData("Resources:\n  Key: {Type: AWS::KMS::Key, Properties: {Enabled: true}, Properties: {Enabled: false}}\n", 1)]
    public void Only_the_later_of_two_duplicate_keys_decides_in_yaml_and_json(string text, int disabledKeyFindings)
    {
        var report = LintExampleRule(text);

        Assert.Single(report.Findings, f => f.RuleId == "KMS901" && f.Message.StartsWith("duplicate key", StringComparison.Ordinal));
        Assert.Equal(disabledKeyFindings, report.Findings.Count(f => f.RuleId == "KMS403"));
    }

    [Fact]
    public void A_duplicate_function_key_leaves_the_later_call()
    {
        var template = ModelOf("""
            Resources:
              Topic: { Type: AWS::SNS::Topic }
              Other: { Type: AWS::SNS::Topic }
              Sub:
                Type: AWS::SNS::Subscription
                Properties: { TopicArn: { Ref: Topic, Ref: Other }, Protocol: email, Endpoint: a@example.com }
            """);

        var topicArn = template.FindResource("Sub")!.Property("TopicArn")!.AsIntrinsic!;
        Assert.Equal("Other", topicArn.ReferencedName);
    }

    [Fact]
    public void Syntax_error_in_a_template_is_KMS900_with_its_line_and_column()
    {
        var report = LintExampleRule("AWSTemplateFormatVersion: 2010-09-09\nResources:\n  Key: [unclosed\n");

        var finding = Assert.Single(report.Findings);
        Assert.Equal("KMS900", finding.RuleId);
        Assert.Equal(Level.Error, finding.Level);
        Assert.True(finding.Location.StartLine >= 3, finding.Location.ToString());
        Assert.DoesNotContain("(Line:", finding.Message);
    }

    [Theory]
    [InlineData("name: ci\non: [push]\njobs: {build: {runs-on: ubuntu}}\n", "workflow.yml")]
    [InlineData("{\"name\": \"pkg\", \"version\": \"1.0.0\"}", "package.json")]
    [InlineData("", "empty.yaml")]
    [InlineData("just a string", "string.yaml")]
    [InlineData("key: [unclosed\n", "broken-but-not-a-template.yaml")]
    [InlineData("steps: !reference [.setup, script]\n", "gitlab.yml")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\ndata:\n  note: Resources are set per pod\n  limits: {{ .Values.resources | toYaml }}\n", "chart/templates/configmap.yaml")]
    [InlineData("{% for name in queues %}\n  {{ name }}Queue:\n    Resources: none\n{% endfor %}\n", "jinja/queues.yaml")]
    [InlineData("# Resources: see the wiki\nspec: [{{ .Resources }}\n", "go-template.yaml")]
    public void Files_that_are_not_templates_are_skipped_silently(string text, string path)
    {
        var report = LintExampleRule(text, path);

        Assert.Empty(report.Findings);
        Assert.Equal((0, 1), (report.TemplatesLinted, report.FilesNotTemplates));
    }

    [Theory]
    [InlineData("Resources:\n  Key: {{ broken\n", "stack.yaml")]
    [InlineData("# a stack\nAWSTemplateFormatVersion : 2010-09-09\nResources: [unclosed\n", "stack.yaml")]
    [InlineData("\"Resources\": {\n  \"Key\": [\n", "quoted.yaml")]
    [InlineData("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\"Key\": }\n", "stack.json")]
    [InlineData("key: [unclosed\n", "stack.template")]
    public void A_broken_file_with_a_top_level_template_key_line_or_a_template_extension_is_KMS900(string text, string path)
    {
        var report = LintExampleRule(text, path);

        Assert.Equal("KMS900", Assert.Single(report.Findings).RuleId);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "utf-8 BOM")]
    [InlineData(new byte[0], "no BOM")]
    public void Utf8_with_or_without_bom_is_read(byte[] prefix, string _)
    {
        var bytes = prefix.Concat(System.Text.Encoding.UTF8.GetBytes(KeyTemplate.Replace("Enabled: true", "Enabled: false"))).ToArray();

        var report = LintExampleRule(bytes);

        Assert.Equal("KMS403 7:7 Key", Describe(Assert.Single(report.Findings)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf16_with_bom_is_read(bool bigEndian)
    {
        var encoding = new System.Text.UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(KeyTemplate.Replace("Enabled: true", "Enabled: false"))).ToArray();

        var report = LintExampleRule(bytes);

        Assert.Equal("KMS403 7:7 Key", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void Invalid_utf8_in_a_template_is_KMS900_at_the_first_bad_byte()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("AWSTemplateFormatVersion: x\nResources:\n  Ké: \xff").ToList();
        bytes[bytes.Count - 2] = 0xFF; // replace the encoded 'ÿ' lead byte with an invalid one
        bytes.RemoveAt(bytes.Count - 1);

        var finding = Assert.Single(LintExampleRule(bytes.ToArray()).Findings);

        Assert.Equal("KMS900", finding.RuleId);
        Assert.Contains("not UTF-8", finding.Message);
        Assert.Equal((3, 7), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    [Fact]
    public void Nul_bytes_in_a_template_are_KMS900_at_the_nul()
    {
        var finding = Assert.Single(LintExampleRule("AWSTemplateFormatVersion: x\nResources:\0\n").Findings);

        Assert.Equal("KMS900", finding.RuleId);
        Assert.Contains("binary", finding.Message);
        Assert.Equal((2, 11), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    [Fact]
    public void Binary_file_that_does_not_look_like_a_template_is_skipped()
    {
        var report = LintExampleRule(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF }, "logo.json");

        Assert.Empty(report.Findings);
        Assert.Equal(1, report.FilesNotTemplates);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void Deep_nesting_ends_in_a_located_finding_not_a_stack_overflow(int depth)
    {
        var text = "AWSTemplateFormatVersion: x\nResources: " + new string('[', depth) + new string(']', depth) + "\n";

        var finding = Assert.Single(LintExampleRule(text).Findings);

        Assert.Equal("KMS900", finding.RuleId);
        Assert.Contains($"nesting deeper than {TemplateReader.MaxDepth}", finding.Message);
        Assert.Equal(2, finding.Location.StartLine);
    }

    [Fact]
    public void Billion_laughs_is_stopped_at_the_alias_bound()
    {
        var text = new System.Text.StringBuilder("AWSTemplateFormatVersion: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            text.Append($"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n");
        }

        var finding = Assert.Single(LintExampleRule(text.ToString()).Findings);

        Assert.Equal("KMS900", finding.RuleId);
        Assert.Contains("aliases expand", finding.Message);
    }

    [Fact]
    public void A_few_aliases_are_fine()
    {
        var report = LintExampleRule("""
            AWSTemplateFormatVersion: x
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  Tags: &tags [{ Key: Owner, Value: me }]
                  Enabled: false
              Other:
                Type: AWS::KMS::Key
                Properties: { Tags: *tags }
            """);

        Assert.Equal("KMS403 7:7 Key", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void A_very_long_line_is_read()
    {
        var description = new string('x', 2_000_000);
        var report = LintExampleRule(KeyTemplate.Replace("Enabled: true", "Enabled: false").Replace("${AWS::StackName} key", description));

        Assert.Equal("KMS403 7:7 Key", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_KMS902_and_skipped()
    {
        var settings = LintSettings.Default with { MaxFileBytes = 100 };
        var report = Linter.Lint(new[] { Source("big.yaml", KeyTemplate + new string('#', 200)) }, settings);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("KMS902", Level.Warning), (finding.RuleId, finding.Level));
        Assert.Contains("larger than the limit of 100 bytes", finding.Message);
        Assert.Equal(0, report.TemplatesLinted);
    }

    [Fact]
    public void A_file_exactly_at_the_size_limit_is_linted()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(KeyTemplate);
        var report = Linter.Lint(new[] { Source("t.yaml", bytes) }, LintSettings.Default with { MaxFileBytes = bytes.Length });

        Assert.Equal(1, report.TemplatesLinted);
    }

    [Fact]
    public void Reading_stops_after_the_limit_plus_one_byte()
    {
        var stream = new EndlessStream();
        var report = Linter.Lint(new[] { new TemplateSource("/dev/zero.yaml", () => stream) }, LintSettings.Default with { MaxFileBytes = 1000 });

        Assert.Equal("KMS902", Assert.Single(report.Findings).RuleId);
        Assert.Equal(1001, stream.BytesRead);
    }

    public static TheoryData<Exception> ReadFailures => new()
    {
        new UnauthorizedAccessException("Access to the path is denied."),
        new FileNotFoundException("vanished"),
        new DirectoryNotFoundException("vanished"),
        new IOException("Input/output error"),
    };

    [Theory]
    [MemberData(nameof(ReadFailures))]
    public void A_file_that_cannot_be_read_is_KMS902_and_the_run_goes_on(Exception failure)
    {
        var report = Linter.Lint(
            new[] { new TemplateSource("locked.yaml", () => throw failure), Source("ok.yaml", KeyTemplate.Replace("Enabled: true", "Enabled: false")) },
            ExampleRuleOnly);

        Assert.Equal(new[] { "KMS902 1:1", "KMS403 7:7 Key" }, report.Findings.Select(Describe));
        Assert.Equal("locked.yaml", report.Findings[0].Location.File);
        Assert.Contains(failure.GetType().Name, report.Findings[0].Message);
    }

    [Fact]
    public void A_read_that_fails_midway_is_KMS902()
    {
        var report = Linter.Lint(new[] { new TemplateSource("flaky.yaml", () => new FailingStream()) }, LintSettings.Default);

        Assert.Equal("KMS902", Assert.Single(report.Findings).RuleId);
    }

    /// <summary>A compact rendering of a node tree for comparing two parses.</summary>
    private static string Shape(TemplateNode node) => node switch
    {
        ScalarNode s => s.Value,
        SequenceNode l => "[" + string.Join(",", l.Items.Select(Shape)) + "]",
        MappingNode m => "{" + string.Join(",", m.Entries.Select(e => e.Key.Value + ":" + Shape(e.Value))) + "}",
        IntrinsicNode i => i.Function + "(" + Shape(i.Argument) + ")",
        _ => "?",
    };

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class FailingStream : MemoryStream
    {
        public FailingStream() : base(System.Text.Encoding.UTF8.GetBytes("AWSTemplateFormatVersion: x"))
        {
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            Position > 0 ? throw new IOException("device went away") : base.Read(buffer, offset, Math.Min(count, 5));
    }
}
