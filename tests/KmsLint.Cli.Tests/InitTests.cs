using KmsLint.Cli.Init;

namespace KmsLint.Cli.Tests;

/// <summary><c>kmslint init</c>: what it writes passes the whole linter, and it never overwrites by accident.</summary>
public sealed class InitTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData("metric-filter")]
    [InlineData("eventbridge")]
    public void Written_template_lints_with_zero_findings_through_every_rule(string route)
    {
        var init = tree.Run("init", "--route", route);
        Assert.Equal(ExitCode.Success, init.ExitCode);
        Assert.Contains($"wrote {InitCommand.DefaultFileName} ({route} route)", init.Stdout);

        // Every rule at its default level, notes included: the template is the example users copy.
        var lint = tree.Run("lint", "--fail-level", "note");
        Assert.True(lint.ExitCode == ExitCode.Success, lint.Stdout + lint.Stderr);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template" }, lint.StdoutLines);
    }

    [Fact]
    public void Each_route_has_its_own_links_and_no_block_markers()
    {
        var metricFilter = InitCommand.Render(new InitVariant("metric-filter"));
        var eventBridge = InitCommand.Render(new InitVariant("eventbridge"));

        Assert.Contains("Type: AWS::Logs::MetricFilter", metricFilter);
        Assert.Contains("Type: AWS::CloudWatch::Alarm", metricFilter);
        Assert.Contains("CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn", metricFilter);
        Assert.DoesNotContain("AWS::Events::Rule", metricFilter);

        Assert.Contains("Type: AWS::Events::Rule", eventBridge);
        Assert.DoesNotContain("AWS::Logs::", eventBridge);
        Assert.DoesNotContain("CloudWatchLogsLogGroupArn", eventBridge);

        foreach (var template in new[] { metricFilter, eventBridge })
        {
            Assert.DoesNotContain("#[", template);
            Assert.Single(template.Split('\n'), line => line.StartsWith("Description:", StringComparison.Ordinal));
            Assert.Contains("Type: AWS::CloudTrail::Trail", template);
            Assert.Contains("Protocol: email", template);
        }
    }

    [Fact]
    public void Template_is_embedded_in_the_tool_so_init_works_from_any_directory()
    {
        Assert.Contains("init/detection-stack.yaml", typeof(Cli).Assembly.GetManifestResourceNames());

        var printed = tree.Run("init", "--output", "-");
        Assert.Equal(ExitCode.Success, printed.ExitCode);
        Assert.Equal(InitCommand.Render(new InitVariant("metric-filter")), printed.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(tree.Root));
    }

    [Fact]
    public void Existing_file_is_kept_and_exit_2_unless_force_is_given()
    {
        var path = tree.Write("stack.yaml", "my own template\n");

        var refused = tree.Run("init", "--output", "stack.yaml");
        Assert.Equal(ExitCode.UsageError, refused.ExitCode);
        Assert.Contains("'stack.yaml' already exists; pass --force to overwrite it", refused.Stderr);
        Assert.Equal("my own template\n", File.ReadAllText(path));

        var forced = tree.Run("init", "--output", "stack.yaml", "--force", "--route", "eventbridge");
        Assert.Equal(ExitCode.Success, forced.ExitCode);
        Assert.Equal(InitCommand.Render(new InitVariant("eventbridge"), "stack.yaml"), File.ReadAllText(path));
    }

    [Fact]
    public void Unknown_route_and_stray_arguments_are_usage_errors()
    {
        var route = tree.Run("init", "--route", "carrier-pigeon");
        Assert.Equal(ExitCode.UsageError, route.ExitCode);
        Assert.Contains("option '--route' must be one of metric-filter, eventbridge, not 'carrier-pigeon'", route.Stderr);

        var stray = tree.Run("init", "stack.yaml");
        Assert.Equal(ExitCode.UsageError, stray.ExitCode);
        Assert.Contains("unexpected argument 'stack.yaml'", stray.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(tree.Root));
    }

    [Fact]
    public void Log_group_writes_only_filter_alarm_and_topic_which_lint_clean_once_the_trail_is_declared_as_the_header_says()
    {
        var init = tree.Run("init", "--log-group", "org-trail-logs");
        var written = File.ReadAllText(tree.PathOf(InitCommand.DefaultFileName));
        var undeclared = tree.Run("lint", "--fail-level", "note");
        // The header's own lines, uncommented, are the declaration.
        var header = written.Split('\n').SkipWhile(line => line != "#   external:").TakeWhile(line => line.StartsWith("#  ", StringComparison.Ordinal));
        tree.Write(".kmslint.yaml", string.Join("\n", header.Select(line => line[3..])) + "\n");
        var declared = tree.Run("lint", "--fail-level", "note");

        Assert.Equal(ExitCode.Success, init.ExitCode);
        Assert.Contains("metric filter, alarm and topic on the log group org-trail-logs", init.Stdout);
        Assert.DoesNotContain("AWS::CloudTrail::Trail", written);
        Assert.DoesNotContain("AWS::Logs::LogGroup", written);
        Assert.DoesNotContain("AWS::S3::Bucket", written);
        Assert.Contains("Type: AWS::Logs::MetricFilter", written);
        Assert.Contains("Default: \"org-trail-logs\"", written);
        Assert.Equal(ExitCode.Findings, undeclared.ExitCode);
        Assert.Contains(" error KMS100: ", undeclared.Stdout);
        Assert.True(declared.ExitCode == ExitCode.Success, declared.Stdout + declared.Stderr);
        Assert.Equal(new[] { "0 errors, 0 warnings, 0 notes (0 suppressed) in 1 template" }, declared.StdoutLines);
    }

    [Theory]
    [InlineData(new[] { "--log-group", "x", "--route", "eventbridge" }, "--log-group is for the metric-filter route")]
    [InlineData(new[] { "--log-group", "bad name!" }, "--log-group 'bad name!' is not a CloudWatch Logs group name")]
    public void Log_group_misuse_is_a_usage_error_and_writes_nothing(string[] options, string expected)
    {
        var result = tree.Run(new[] { "init" }.Concat(options).ToArray());

        Assert.Equal(ExitCode.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(tree.Root));
    }

    [Fact]
    public void Output_may_be_a_folder_and_the_template_gets_its_default_name_there()
    {
        Directory.CreateDirectory(tree.PathOf("infra"));

        var result = tree.Run("init", "-o", "infra");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        var path = $"infra/{InitCommand.DefaultFileName}";
        Assert.Contains($"wrote {path}", result.Stdout);
        // The deploy command in the header names the file where it was written.
        Assert.Contains($"--template-file {path}", File.ReadAllText(tree.PathOf(path)));
    }
}
