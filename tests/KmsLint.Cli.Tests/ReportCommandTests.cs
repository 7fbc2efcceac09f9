using System.Text.Json;
using System.Text.RegularExpressions;

namespace KmsLint.Cli.Tests;

/// <summary>
/// <c>kmslint report</c> on the bundled samples as an auditor reads it (JSON figures, the Markdown table, the picture
/// Graphviz draws), the same discovery and configuration as <c>lint</c>, and output a hostile template cannot break.
/// </summary>
public sealed class ReportCommandTests : IDisposable
{
    private static string Samples => Path.Combine(ExternalTools.RepositoryRoot, "samples", "templates");

    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private static CliResult ReportSample(params string[] args) =>
        TempTree.RunWith(new CliContext(new StringWriter(), new StringWriter(), Samples), new[] { "report" }.Concat(args).ToArray());

    private static JsonElement Json(CliResult result)
    {
        Assert.True(result.ExitCode == ExitCode.Success, result.Stdout + result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!).ToArray();

    [Fact]
    public void Monitoring_stack_has_every_key_monitored_owned_and_retained_within_seven_minutes()
    {
        var report = Json(ReportSample("monitoring-stack", "--format", "json"));

        var summary = report.GetProperty("summary");
        Assert.Equal(100, summary.GetProperty("keysMonitoredPercent").GetDouble());
        Assert.Equal(100, summary.GetProperty("keysOwnedPercent").GetDouble()); // Owner, Purpose and CostCenter, from its .kmslint.yaml
        Assert.Equal(100, summary.GetProperty("keysRetainedPercent").GetDouble());
        Assert.Equal((1, 0), (summary.GetProperty("routesWorking").GetInt32(), summary.GetProperty("routesBroken").GetInt32()));
        // 5 minutes of CloudTrail delivery (assumed) + one 60-second period + 1 minute of evaluation
        Assert.Equal(7, summary.GetProperty("fastestWorstCaseMinutesToDetect").GetDouble());

        var key = report.GetProperty("keys").EnumerateArray().Single();
        Assert.Equal(("AlertTopicKey", "monitored"), (key.GetProperty("logicalId").GetString(), key.GetProperty("monitored").GetString()));
        Assert.Equal("platform-security", key.GetProperty("tags").GetProperty("Owner").GetString());
        Assert.Equal(30, key.GetProperty("pendingWindowDays").GetDouble());
        var told = key.GetProperty("told").EnumerateArray().Single();
        Assert.Equal("AlertTopic", told.GetProperty("name").GetString());
        var subscription = told.GetProperty("subscriptions").EnumerateArray().Single();
        Assert.Equal(("email", "security-oncall@example.com"), (subscription.GetProperty("protocol").GetString(), subscription.GetProperty("endpoint").GetString()));

        var route = report.GetProperty("routes").EnumerateArray().Single();
        Assert.Equal(("KeyLifecycleMetricFilter", "works"), (route.GetProperty("logicalId").GetString(), route.GetProperty("status").GetString()));
        Assert.Equal(7, route.GetProperty("worstCaseMinutesToDetect").GetDouble());
        Assert.Equal(new[] { "Trail", "TrailLogGroup", "KeyLifecycleMetricFilter", "KeyLifecycleAlarm", "AlertTopic", "OnCallSubscription" },
            route.GetProperty("nodes").EnumerateArray().Select(node => node.GetProperty("name").GetString()));
        Assert.Empty(route.GetProperty("brokenLinks").EnumerateArray());
    }

    [Fact]
    public void Broken_stack_shows_the_key_unmonitored_and_each_route_broken_at_its_findings_and_still_exits_0()
    {
        var report = Json(ReportSample("broken-stack", "--format", "json"));

        var summary = report.GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("keysMonitoredPercent").GetDouble());
        Assert.Equal(0, summary.GetProperty("keysOwnedPercent").GetDouble());
        Assert.Equal(0, summary.GetProperty("keysRetainedPercent").GetDouble());
        Assert.Equal((0, 2), (summary.GetProperty("routesWorking").GetInt32(), summary.GetProperty("routesBroken").GetInt32()));
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("fastestWorstCaseMinutesToDetect").ValueKind);

        var key = report.GetProperty("keys").EnumerateArray().Single();
        Assert.Equal("unmonitored", key.GetProperty("monitored").GetString());
        Assert.Equal(new[] { "KeyLifecycleMetricFilter broken", "LegacyKeyDeletionFilter broken" },
            key.GetProperty("failingRoutes").EnumerateArray().Select(failing => failing.GetProperty("route").GetString() + " " + failing.GetProperty("why").GetString()));
        Assert.Equal(new[] { "Owner", "Purpose" }, Strings(key.GetProperty("missingTags")));
        Assert.Equal(("Delete", false), (key.GetProperty("deletionPolicy").GetString(), key.GetProperty("retained").GetBoolean()));
        Assert.Empty(key.GetProperty("told").EnumerateArray());

        var brokenLinks = report.GetProperty("routes").EnumerateArray().ToDictionary(
            route => route.GetProperty("logicalId").GetString()!,
            route => route.GetProperty("brokenLinks").EnumerateArray().Select(link => link.GetProperty("logicalId").GetString() + " " + string.Join(" ", Strings(link.GetProperty("ruleIds")))).ToArray());
        Assert.Equal(new[] { "Trail KMS104", "KeyLifecycleAlarm KMS301 KMS304", "AlertTopic KMS303" }, brokenLinks["KeyLifecycleMetricFilter"]);
        Assert.Equal(new[] { "Trail KMS104", "LegacyKeyDeletionFilter KMS201" }, brokenLinks["LegacyKeyDeletionFilter"]);
        Assert.All(report.GetProperty("routes").EnumerateArray(), route => Assert.Equal(JsonValueKind.Null, route.GetProperty("worstCaseMinutesToDetect").ValueKind));
    }

    [Fact]
    public void Sets_are_reported_as_lint_finds_them_each_with_its_own_configuration_and_the_figures_over_all()
    {
        var report = Json(TempTree.RunWith(new CliContext(new StringWriter(), new StringWriter(), ExternalTools.RepositoryRoot), "report", "samples", "--format", "json"));

        var keys = report.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(new[] { "samples/templates/broken-stack/keys.yaml unmonitored", "samples/templates/monitoring-stack/keys.yaml monitored" },
            keys.Select(key => key.GetProperty("file").GetString() + " " + key.GetProperty("monitored").GetString()).Order(StringComparer.Ordinal));
        // monitoring-stack is a set of its own: its .kmslint.yaml requires CostCenter too
        Assert.Contains(keys, key => key.GetProperty("tags").TryGetProperty("CostCenter", out var costCenter) && costCenter.GetString() == "4711");
        Assert.Equal(50, report.GetProperty("summary").GetProperty("keysMonitoredPercent").GetDouble());
        var nodeIds = report.GetProperty("routes").EnumerateArray().SelectMany(route => route.GetProperty("nodes").EnumerateArray()).Select(node => node.GetProperty("id").GetString()).ToList();
        Assert.Equal(nodeIds.Distinct().Count(), report.GetProperty("routes").EnumerateArray().SelectMany(route => route.GetProperty("nodes").EnumerateArray()).Select(node => node.GetProperty("name").GetString() + node.GetProperty("file").GetString()).Distinct().Count());
    }

    [Fact]
    public void Markdown_puts_the_figures_and_one_table_row_per_key_and_route()
    {
        var markdown = ReportSample("broken-stack", "--format", "markdown");
        Assert.Equal(ExitCode.Success, markdown.ExitCode);

        var lines = markdown.StdoutLines;
        Assert.Contains("**0 of 1 (0 %) keys monitored** · owned 0 of 1 (0 %) · retained 0 of 1 (0 %) · routes: 0 working, 0 partial, 0 unknown, 2 broken · "
                        + "fastest worst-case time to detect: no working route", lines);
        Assert.Contains("| Key | Monitored | Owned (`Owner`, `Purpose`) | Retained | Pending window | Worst case | Told |", lines);
        Assert.Contains("| `AlertTopicKey`<br>`broken-stack/keys.yaml:6` | ❌ no<br>not through `KeyLifecycleMetricFilter` (broken)<br>not through `LegacyKeyDeletionFilter` (broken) "
                        + "| ❌ missing `Owner`, `Purpose` | ❌ | 30 days | - | — |", lines);
        Assert.Contains("| `LegacyKeyDeletionFilter`<br>metric filter | ❌ broken | broken | broken | - | `Trail` → `TrailLogGroup` → `LegacyKeyDeletionFilter` "
                        + "| `Trail`: KMS104<br>`LegacyKeyDeletionFilter`: KMS201 |", lines);
        Assert.Contains("```mermaid", lines);
        AssertEveryRowHasTheHeadersCells(markdown.Stdout);
    }

    [Fact]
    public void Text_is_a_table_with_the_figures_first()
    {
        var text = ReportSample("monitoring-stack");

        Assert.Equal(ExitCode.Success, text.ExitCode);
        Assert.Contains("  keys monitored  1 of 1 (100 %)", text.StdoutLines);
        Assert.Contains("  time to detect  7 min at worst, through metric filter KeyLifecycleMetricFilter", text.StdoutLines);
        Assert.Contains(text.StdoutLines, line => Regex.IsMatch(line, @"^  AlertTopicKey +yes +yes +yes +30 days +7 min +monitoring-stack/keys\.yaml:6$"));
        Assert.Contains("      route: Trail → TrailLogGroup → KeyLifecycleMetricFilter → KeyLifecycleAlarm → AlertTopic → OnCallSubscription (email: security-oncall@example.com)", text.StdoutLines);
    }

    [FactWhenGraphvizInstalled]
    public void The_dot_picture_of_the_broken_stack_is_rendered_by_Graphviz_with_its_broken_links_red_and_labelled()
    {
        var dotFile = tree.PathOf("routes.dot");
        Assert.Equal(ExitCode.Success, ReportSample("broken-stack", "--format", "dot", "--output", dotFile).ExitCode);

        var png = tree.PathOf("routes.png");
        var render = ExternalTools.Run(tree.Root, null, "dot", "-Tpng", dotFile, "-o", png);
        Assert.True(render.ExitCode == 0, render.Output);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png).Take(4));

        // Graphviz's own reading of the file: every link it draws, with its label and colour.
        var plain = ExternalTools.Run(tree.Root, null, "dot", "-Tplain", dotFile);
        Assert.Equal(0, plain.ExitCode);
        var edges = PlainEdges(plain.Output);
        Assert.Contains(edges, edge => edge.Label == "KMS301 KMS304" && edge.Color == "#cc0000");
        Assert.Contains(edges, edge => edge.Label == "KMS303" && edge.Color == "#cc0000");
        Assert.Contains(edges, edge => edge.Label == "KMS201" && edge.Color == "#cc0000");
        Assert.Equal(2, edges.Count(edge => edge.Label is null && edge.Color != "#cc0000")); // Trail → log group → filter
    }

    [Fact]
    public void The_READMEs_picture_is_drawn_from_the_current_report_of_the_broken_stack()
    {
        var current = TempTree.RunWith(new CliContext(new StringWriter(), new StringWriter(), ExternalTools.RepositoryRoot),
            "report", "samples/templates/broken-stack", "--format", "dot");

        var committed = File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, "docs", "broken-stack-routes.dot")).Replace("\r\n", "\n");
        Assert.True(committed == current.Stdout,
            "docs/broken-stack-routes.dot is not the current report: regenerate it and docs/broken-stack-routes.png as the README says");
        Assert.True(File.Exists(Path.Combine(ExternalTools.RepositoryRoot, "docs", "broken-stack-routes.png")));
    }

    [FactWhenGraphvizInstalled]
    public void A_hostile_template_cannot_add_nodes_edges_or_markup_to_any_format()
    {
        const string hostileId = "Evil\"];n1->n2[label=\"x\\N`|<script>@team";
        const string hostileEndpoint = "ops@example.com\"]\n\r# end\n[x](https://evil.example)|`` `<img src=x>` @security-team \\";
        tree.Write("stack.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n" +
            "  Trail: { Type: AWS::CloudTrail::Trail, Properties: { IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, S3BucketName: b } }\n" +
            "  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      Description: 'Runbook: https://wiki.example.com/kms'\n" +
            "      EventPattern: { source: [aws.kms], detail: { eventName: [DisableKey, ScheduleKeyDeletion] } }\n" +
            "      Targets: [{ Id: t, Arn: !Ref " + JsonSerializer.Serialize(hostileId) + " }]\n" +
            "  " + JsonSerializer.Serialize(hostileId) + ":\n    Type: AWS::SNS::Topic\n" +
            "  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref " + JsonSerializer.Serialize(hostileId) + "\n      Protocol: email\n" +
            "      Endpoint: " + JsonSerializer.Serialize(hostileEndpoint) + "\n" +
            "  Key: { Type: AWS::KMS::Key }\n");

        var json = Json(tree.Run("report", "--format", "json"));
        Assert.Equal("monitored", json.GetProperty("keys")[0].GetProperty("monitored").GetString()); // the chain works: every name is in the output
        var nodes = json.GetProperty("routes")[0].GetProperty("nodes").GetArrayLength() + 1; // and the key
        var links = json.GetProperty("routes")[0].GetProperty("edges").GetArrayLength() + 1; // and key → trail

        var dot = tree.Run("report", "--format", "dot");
        File.WriteAllText(tree.PathOf("hostile.dot"), dot.Stdout);
        var plain = ExternalTools.Run(tree.Root, null, "dot", "-Tplain", "hostile.dot");
        Assert.True(plain.ExitCode == 0, plain.Output);
        var drawnNodes = plain.Output.Split('\n').Where(line => line.StartsWith("node ")).ToList();
        Assert.Equal(nodes, drawnNodes.Count);
        Assert.Equal(links, PlainEdges(plain.Output).Count);
        Assert.Contains(drawnNodes, line => line.Contains("<script>@team") && line.Contains("\\\\N`|")); // the name is a label, backslash kept

        var mermaid = tree.Run("report", "--format", "mermaid").StdoutLines;
        const string label = @"""(?:[^""`<>\\]|<br/>)*""";
        var grammar = new Regex(@"^(flowchart LR|  subgraph f\d+\[" + label + @"\]|  end|\s+n\d+\[" + label + @"\]|  n\d+ (-->|-\.->)(\|" + label + @"\|)? n\d+|  classDef \w+ [\w:#,.-]+|  class [n\d,]+ \w+|  linkStyle [\d,]+ [\w:#,-]+)$");
        Assert.All(mermaid, line => Assert.Matches(grammar, line));
        Assert.Equal(nodes, mermaid.Count(line => Regex.IsMatch(line, @"^\s+n\d+\[")));

        var markdown = tree.Run("report", "--format", "markdown").Stdout;
        var chart = Regex.Match(markdown, "(?ms)^```mermaid$(.*?)^```$");
        Assert.True(chart.Success && !chart.Groups[1].Value.Contains('`'), "the Mermaid chart must be one fenced block that no template value can close");
        var outsideCode = Regex.Replace(markdown.Remove(chart.Index, chart.Length), @"(`+)(?!`).*?(?<!`)\1(?!`)", "CODE"); // what GitHub reads as Markdown or HTML
        Assert.DoesNotContain("<script", outsideCode);
        Assert.DoesNotContain("<img", outsideCode);
        Assert.DoesNotContain("@team", outsideCode);
        Assert.DoesNotContain("@security-team", outsideCode);
        Assert.DoesNotContain("](", outsideCode);
        AssertEveryRowHasTheHeadersCells(markdown);

        var text = tree.Run("report").Stdout;
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public void Report_reads_the_same_configuration_as_lint()
    {
        tree.Write("keys.yaml", "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Tags: [{ Key: Team, Value: payments }]\n");

        var defaults = Json(tree.Run("report", "--format", "json"));
        Assert.Equal(0, defaults.GetProperty("summary").GetProperty("keysOwnedPercent").GetDouble()); // Owner and Purpose are missing

        tree.Write(".kmslint.yaml", "tags:\n  required: [Team]\n");
        var configured = Json(tree.Run("report", "--format", "json"));
        Assert.Equal(100, configured.GetProperty("summary").GetProperty("keysOwnedPercent").GetDouble());
        Assert.Equal("payments", configured.GetProperty("keys")[0].GetProperty("tags").GetProperty("Team").GetString());
    }

    [Theory]
    [InlineData(new[] { "report", "--format", "pdf" }, "option '--format' must be one of text, json, markdown, dot, mermaid, not 'pdf'")]
    [InlineData(new[] { "report", "missing" }, "path 'missing' does not exist")]
    [InlineData(new[] { "report", "--fail-level", "error" }, "unknown option '--fail-level'")]
    [InlineData(new[] { "report", "--output", "keys.yaml" }, "--output 'keys.yaml' is a CloudFormation template; the report would overwrite it")]
    [InlineData(new[] { "report", "--output", "" }, "--output is empty")]
    public void Usage_errors_exit_2_with_one_line(string[] args, string message)
    {
        tree.Write("keys.yaml", Templates.EnabledKey);

        var result = tree.Run(args);

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void An_invalid_configuration_exits_2_as_lint_does()
    {
        tree.Write("keys.yaml", Templates.EnabledKey);
        tree.Write(".kmslint.yaml", "detection:\n  runbook_tags: [aws:runbook]\n");

        var result = tree.Run("report");

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(".kmslint.yaml:2:18: detection.runbook_tags[0]: a tag key has at most 128 characters and does not start with aws:", result.Stderr);
    }

    [Fact]
    public void Output_goes_to_the_file_and_nothing_to_stdout()
    {
        tree.Write("keys.yaml", Templates.EnabledKey);

        var result = tree.Run("report", "--format", "markdown", "--output", "summary.md");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith("### KMS key monitoring", File.ReadAllText(tree.PathOf("summary.md")));
    }

    [Fact]
    public void The_GitHub_Actions_sample_appends_the_markdown_report_to_the_job_summary()
    {
        var workflow = File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, "samples", "ci", "github-actions.yml"));
        var step = Regex.Match(workflow, @"run: kmslint (report [^>\n]*)>> ""\$GITHUB_STEP_SUMMARY""");
        Assert.True(step.Success, "samples/ci/github-actions.yml has no step appending 'kmslint report' to $GITHUB_STEP_SUMMARY");

        var result = TempTree.RunWith(new CliContext(new StringWriter(), new StringWriter(), Samples), step.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.StartsWith("### KMS key monitoring", result.Stdout);
    }

    /// <summary>
    /// Each table of the Markdown (consecutive lines starting with <c>|</c>) has as many cells in every row as in its
    /// header, cells split as cmark-gfm splits them: at pipes not preceded by a backslash.
    /// </summary>
    private static void AssertEveryRowHasTheHeadersCells(string markdown)
    {
        var tables = new List<List<string>>();
        var previousWasRow = false;
        foreach (var line in markdown.Split('\n'))
        {
            var isRow = line.StartsWith('|');
            if (isRow && !previousWasRow)
                tables.Add(new List<string>());
            if (isRow)
                tables[^1].Add(line);
            previousWasRow = isRow;
        }

        Assert.Equal(2, tables.Count);
        foreach (var table in tables)
            Assert.All(table, row => Assert.Equal(Cells(table[0]), Cells(row)));
    }

    private static int Cells(string row) => Regex.Matches(row, @"(?<!\\)\|").Count - 1;

    /// <summary>The edges of <c>dot -Tplain</c> output: <c>edge tail head n x1 y1 .. [label xl yl] style color</c>.</summary>
    private static List<(string? Label, string Color)> PlainEdges(string plain)
    {
        var edges = new List<(string?, string)>();
        foreach (var line in plain.Split('\n').Where(line => line.StartsWith("edge ")))
        {
            var fields = line.Split(' ');
            var points = int.Parse(fields[3]);
            var rest = fields.Skip(4 + 2 * points).ToArray();
            edges.Add(rest.Length > 2 ? (string.Join(" ", rest[..^4]).Trim('"'), rest[^1]) : (null, rest[^1]));
        }
        return edges;
    }
}

/// <summary>A fact that is skipped, saying why, where Graphviz's <c>dot</c> is not on PATH.</summary>
public sealed class FactWhenGraphvizInstalledAttribute : FactAttribute
{
    public FactWhenGraphvizInstalledAttribute()
    {
        if (!ExternalTools.IsOnPath("dot"))
            Skip = "Graphviz's dot not found on PATH (.ci/run installs it; locally: apt-get install -y graphviz)";
    }
}
