using System.Text;
using KmsLint.Cli.Commands;

namespace KmsLint.Cli.Init;

/// <summary>
/// <c>kmslint init</c>: writes a deployable CloudFormation template for the whole detection chain, for either
/// route. Both routes come from one embedded template (<c>Init/detection-stack.yaml.in</c>; not .yaml, so linting this repository skips it) whose route-specific
/// blocks are marked <c>#[metric-filter]</c>, <c>#[eventbridge]</c> and <c>#[all]</c>, so the shared links
/// (bucket, trail, key, topic) are written once.
/// </summary>
internal sealed class InitCommand : ICommand
{
    /// <summary>Where the template goes without <c>--output</c>; <c>--output -</c> prints it instead.</summary>
    public const string DefaultFileName = "kms-key-detection.yaml";

    internal static readonly string[] Routes = { "metric-filter", "eventbridge" };
    private const string TemplateResource = "init/detection-stack.yaml";
    private const string AllRoutes = "all";

    public string Name => "init";
    public string Summary => "write a deployable CloudFormation template for the detection chain";
    public string Help =>
        "Usage: kmslint init [--route metric-filter|eventbridge] [--output FILE|-] [--force]\n\n" +
        "Writes a complete CloudFormation template (YAML, commented link by link) that passes 'kmslint lint':\n" +
        "a multi-region trail with log file validation into an encrypted, retained S3 bucket, and then\n" +
        "  metric-filter (default): CloudWatch Logs, the CIS metric filter for DisableKey and\n" +
        "                           ScheduleKeyDeletion, and an alarm that fires on one event;\n" +
        "  eventbridge:             an EventBridge rule for the same two events;\n" +
        "and an SNS topic (encrypted with a tagged, retained key) with an email subscription parameter.\n\n" +
        "Options:\n" +
        "  --route ROUTE    metric-filter (default) or eventbridge\n" +
        "  --output FILE    where to write the template (default " + DefaultFileName + "); '-' prints it\n" +
        "  --force          overwrite FILE if it exists (otherwise an existing file is an error, exit 2)\n" +
        "  -h, --help       show this help\n";
    public IReadOnlyCollection<string> ValueOptions { get; } = new[] { "--route", "--output" };
    public IReadOnlyCollection<string> FlagOptions { get; } = new[] { "--force" };

    public int Run(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count > 0)
            throw arguments.Error($"unexpected argument '{arguments.Positionals[0]}'");
        var route = arguments.Choice("--route", Routes, Routes[0]);
        var template = Render(route);

        var output = ReportOutput.Parse(arguments, context, DefaultFileName);
        if (output.ReplacesContent && !arguments.Flag("--force"))
            throw arguments.Error($"'{output.Given}' already exists; pass --force to overwrite it or --output to choose another file");
        output.Write(context, writer => writer.Write(template));
        // Standard output, a pipe or a device got the template itself: a line after it would corrupt it.
        if (output.FullPath is { } fullPath && output.ReplacesContent)
            context.Stdout.WriteLine($"wrote {context.DisplayPath(fullPath)} ({route} route); check it with: kmslint lint {context.DisplayPath(fullPath)}");
        return ExitCode.Success;
    }

    /// <summary>The template for <paramref name="route"/>: the embedded text without the other route's blocks and without the markers.</summary>
    internal static string Render(string route)
    {
        var text = new StringBuilder();
        var keep = true;
        foreach (var line in ReadTemplate().Split('\n'))
        {
            if (line.StartsWith("#[", StringComparison.Ordinal) && line.EndsWith(']'))
            {
                var block = line[2..^1];
                keep = block == AllRoutes || block == route;
                continue;
            }
            if (keep)
                text.Append(line).Append('\n');
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static string ReadTemplate()
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"the tool was built without its resource '{TemplateResource}'");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
