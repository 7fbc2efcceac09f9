using System.Text;
using KmsLint.Cli.Commands;

namespace KmsLint.Cli.Init;

/// <summary>
/// <c>kmslint init</c>: writes a deployable CloudFormation template for the whole detection chain, for either route,
/// or (<c>--log-group NAME</c>) only the metric filter, alarm and topic on the log group an existing or organisation
/// trail delivers to. Every variant comes from one embedded template (<c>Init/detection-stack.yaml.in</c>; not .yaml, so
/// linting this repository skips it) whose blocks are marked with the parts they belong to (<c>#[trail]</c>,
/// <c>#[trail-logs]</c>, <c>#[metric-filter]</c>, <c>#[eventbridge]</c>, <c>#[log-group]</c>, <c>#[all]</c>; several
/// on one marker), so the shared links (trail, key, topic) are written once.
/// </summary>
internal sealed class InitCommand : ICommand
{
    /// <summary>Where the template goes without <c>--output</c>, and its name in a folder given as <c>--output</c>; <c>--output -</c> prints it.</summary>
    public const string DefaultFileName = "kms-key-detection.yaml";

    internal static readonly string[] Routes = { "metric-filter", "eventbridge" };
    private const string TemplateResource = "init/detection-stack.yaml";

    /// <summary>What CloudWatch Logs accepts as a log group name.</summary>
    private static readonly System.Text.RegularExpressions.Regex LogGroupName = new(@"^[\.\-_/#A-Za-z0-9]{1,512}$");

    private static readonly CliOption Route = new("--route", "ROUTE", "metric-filter (default) or eventbridge");

    private static readonly CliOption LogGroup = new(
        "--log-group", "NAME",
        "an existing or organisation trail delivers to this CloudWatch Logs group:\n" +
        "write only the metric filter, alarm and topic for it (metric-filter route)");

    private static readonly CliOption Output = new(
        ReportOutput.Option, "FILE|DIR|-",
        "where to write the template (default " + DefaultFileName + "; in a DIR, that name\n" +
        "there); '-' prints it",
        "-o");

    private static readonly CliOption Force = new("--force", null, "overwrite FILE if it exists (otherwise an existing file is an error, exit 2)");

    public string Name => "init";
    public string Summary => "write a deployable CloudFormation template for the detection chain";
    public IReadOnlyList<CliOption> Options { get; } = new[] { Route, LogGroup, Output, Force, CliOptions.Quiet };
    public string Help =>
        "Usage: kmslint init [--route metric-filter|eventbridge | --log-group NAME] [--output FILE|DIR|-] [--force]\n\n" +
        "Writes a complete CloudFormation template (YAML, commented link by link) that passes 'kmslint lint':\n" +
        "a multi-region trail with log file validation into an encrypted, retained S3 bucket, and then\n" +
        "  metric-filter (default): CloudWatch Logs, the CIS metric filter for DisableKey and\n" +
        "                           ScheduleKeyDeletion, and an alarm that fires on one event;\n" +
        "  eventbridge:             an EventBridge rule for the same two events;\n" +
        "and an SNS topic (encrypted with a tagged, retained key) with an email subscription parameter.\n" +
        "With --log-group, the trail (and its bucket and log group) is left out: an organisation or existing\n" +
        "trail delivers to that log group; declare it in .kmslint.yaml as the template's header says.\n\n" +
        CliOption.Help(Options);

    public int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count > 0)
            throw arguments.Error($"unexpected argument '{arguments.Positionals[0]}'");
        var route = arguments.Choice(Route.Name, Routes, Routes[0]);
        var logGroup = arguments.Value(LogGroup.Name);
        if (logGroup is not null)
        {
            if (route != Routes[0])
                throw arguments.Error("--log-group is for the metric-filter route: an EventBridge rule reads the events themselves, not a log group");
            if (logGroup.StartsWith("arn:", StringComparison.Ordinal))
                throw arguments.Error($"--log-group takes the log group's name, not its ARN (the part after 'log-group:', e.g. aws-controltower/CloudTrailLogs)");
            if (!LogGroupName.IsMatch(logGroup))
                throw arguments.Error($"--log-group '{logGroup}' is not a CloudWatch Logs group name (1-512 of a-z A-Z 0-9 . - _ / #)");
        }

        var output = ReportOutput.Parse(arguments, context, DefaultFileName, fileInDirectory: DefaultFileName);
        var variant = new InitVariant(route, logGroup);
        var template = Render(variant, output.FullPath is null ? DefaultFileName : context.DisplayPath(output.FullPath));
        if (output.ReplacesContent && !arguments.Flag(Force.Name))
            throw arguments.Error($"'{output.Given}' already exists; pass --force to overwrite it or --output to choose another file");
        output.Write(context, writer => writer.Write(template));
        // Standard output, a pipe or a device got the template itself: a line after it would corrupt it.
        if (output.FullPath is { } fullPath && output.ReplacesContent && !arguments.Flag(CliOptions.Quiet.Name))
        {
            var shown = context.DisplayPath(fullPath);
            context.Stdout.WriteLine(logGroup is null
                ? $"wrote {shown} ({route} route); check it with: kmslint lint {shown}"
                : $"wrote {shown} (metric filter, alarm and topic on the log group {logGroup}); declare the trail in .kmslint.yaml " +
                  $"(external: trails: [{{name: organization-trail, log_group: {logGroup}}}]), then check it with: kmslint lint {shown}");
        }
        return ExitCode.Success;
    }

    /// <summary>
    /// The template of <paramref name="variant"/>: the embedded text with only the blocks of the variant's parts, without
    /// the markers, and with the command, file and log group filled in.
    /// </summary>
    /// <param name="fileName">The file as the deploy command in the header names it.</param>
    internal static string Render(InitVariant variant, string fileName = DefaultFileName)
    {
        var parts = variant.Parts;
        var text = new StringBuilder();
        var keep = true;
        foreach (var line in ReadTemplate().Split('\n'))
        {
            if (line.StartsWith("#[", StringComparison.Ordinal) && line.EndsWith(']'))
            {
                keep = line[2..^1].Split(' ').Any(parts.Contains);
                continue;
            }
            if (keep)
                text.Append(line).Append('\n');
        }
        return text.ToString().TrimEnd('\n').Replace("{{command}}", variant.Command).Replace("{{file}}", fileName)
            .Replace("{{log-group}}", variant.LogGroup ?? string.Empty) + "\n";
    }

    private static string ReadTemplate()
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"the tool was built without its resource '{TemplateResource}'");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}

/// <summary>Which template <c>kmslint init</c> writes: a route, and with <paramref name="LogGroup"/> no trail of its own.</summary>
internal sealed record InitVariant(string Route, string? LogGroup = null)
{
    /// <summary>The template's blocks this variant keeps.</summary>
    public IReadOnlyCollection<string> Parts => LogGroup is not null
        ? new[] { "all", "metric-filter", "log-group" }
        : Route == "eventbridge"
            ? new[] { "all", "trail", "eventbridge" }
            : new[] { "all", "trail", "trail-logs", "metric-filter" };

    /// <summary>The command that writes it, as the template's description quotes it.</summary>
    public string Command => LogGroup is not null ? $"kmslint init --log-group {LogGroup}" : $"kmslint init --route {Route}";
}
