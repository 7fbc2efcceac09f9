using System.Globalization;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Reporting;
using KmsLint.Templates.Routes;

namespace KmsLint.Cli.Reporting;

/// <summary>
/// The words and figures every human-readable format of <c>kmslint report</c> uses, so text, Markdown and the pictures
/// say the same thing the same way. Values are returned raw; each format escapes them for itself.
/// </summary>
internal static class ReportWords
{
    public static string Status(MonitoringStatus status) => status switch
    {
        MonitoringStatus.Monitored => "yes",
        MonitoringStatus.Conditional => "conditional",
        MonitoringStatus.Partial => "partial",
        MonitoringStatus.Unknown => "unknown",
        _ => "no",
    };

    /// <summary>For JSON: <c>monitored</c>, <c>conditional</c>, <c>partial</c>, <c>unknown</c>, <c>unmonitored</c>.</summary>
    public static string StatusName(MonitoringStatus status) => status.ToString().ToLowerInvariant();

    public static string State(RouteState state) => state switch
    {
        RouteState.Works => "works",
        RouteState.Partial => "partial",
        RouteState.Unknown => "unknown",
        _ => "broken",
    };

    public static string Event(RouteStatus status) => status.ToString().ToLowerInvariant();

    public static string Minutes(double? minutes) =>
        minutes is { } value ? value.ToString("0.#", CultureInfo.InvariantCulture) + " min" : "-";

    /// <summary>JSON's figure: minutes rounded to a tenth, as <c>kmslint lint --format json</c> gives them.</summary>
    public static double Round(double value) => Math.Round(value, 1);

    /// <summary>"1 of 2 (50 %)"; "0 of 0" without a percentage.</summary>
    public static string Share(int count, int total, double? percent) =>
        percent is { } value ? $"{count} of {total} ({value.ToString("0.#", CultureInfo.InvariantCulture)} %)" : $"{count} of {total}";

    public static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        _ => "unknown",
    };

    /// <summary>"30 days", "30 days (default)", "7-30 days", or "unknown".</summary>
    public static string PendingWindow(KeyCoverage key)
    {
        var known = key.PendingWindows.Where(window => window.Days is not null).Select(window => window.Days!.Value).Distinct().OrderBy(days => days).ToList();
        if (known.Count == 0)
            return "unknown";
        var days = known.Count == 1 ? Number(known[0]) : $"{Number(known[0])}-{Number(known[^1])}";
        var isDefault = key.PendingWindows.All(window => window.IsDefault);
        return days + " days" + (isDefault ? " (default)" : string.Empty) + (key.PendingWindows.Any(window => window.Days is null) ? " or unknown" : string.Empty);
    }

    /// <summary>"Owner=platform, Purpose=?" style: each required tag with its value, "missing" where absent.</summary>
    public static string Tags(KeyCoverage key) =>
        key.TagsUnknownReason ?? string.Join(", ", key.RequiredTags.Select(tag => tag.Key + "=" + (tag.Value ?? "(missing)")));

    /// <summary>The required tags a key lacks.</summary>
    public static IReadOnlyList<string> MissingTags(KeyCoverage key) => key.RequiredTags.Where(tag => tag.Value is null).Select(tag => tag.Key).ToList();

    /// <summary>"AlertTopic: email security-oncall@example.com" per topic, or "external topic arn:...".</summary>
    public static IReadOnlyList<string> Told(KeyCoverage key) => key.Told.Select(Told).ToList();

    public static string Told(Notified notified) =>
        notified.IsExternal && notified.Endpoints.Count == 0
            ? notified.Name + " (external: its subscribers are not in the templates)"
            : notified.Name + (notified.Endpoints.Count == 0 ? string.Empty : " → " + string.Join(", ", notified.Endpoints.Select(Endpoint)));

    public static string Endpoint(Endpoint endpoint) =>
        $"{endpoint.Protocol} {endpoint.Address}" + (endpoint.Via is null ? string.Empty : $" ({endpoint.Via})");

    /// <summary>A node as a route's text shows it: its name, and its detail in parentheses.</summary>
    public static string Node(RouteNode node) => node.Detail is null ? node.Name : $"{node.Name} ({node.Detail})";

    /// <summary>What a node is, for the pictures: "metric filter", "SNS topic", ...</summary>
    public static string Kind(RouteNode node) => node.Kind switch
    {
        RouteNodeKind.Key => node.Detail ?? "KMS key",
        RouteNodeKind.Trail => "CloudTrail trail",
        RouteNodeKind.LogGroup => "log group",
        RouteNodeKind.MetricFilter => "metric filter",
        RouteNodeKind.Alarm => "CloudWatch alarm",
        RouteNodeKind.Topic => "SNS topic",
        RouteNodeKind.Subscription => "subscription",
        RouteNodeKind.EventBus => "event bus",
        RouteNodeKind.EventRule => "EventBridge rule",
        _ => "target",
    };

    /// <summary>"2 errors, 1 warning, 0 notes".</summary>
    public static string FindingCounts(Formatting.LintRun lint) =>
        $"{Plural(lint.Count(Level.Error), "error")}, {Plural(lint.Count(Level.Warning), "warning")}, {Plural(lint.Count(Level.Note), "note")}";

    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>"1 working, 0 partial, 0 unknown, 1 broken".</summary>
    public static string Routes(CoverageSummary summary) =>
        string.Join(", ", summary.RoutesByState.Select(pair => $"{pair.Value} {(pair.Key == RouteState.Works ? "working" : State(pair.Key))}"));

    /// <summary>The node's rule ids ("KMS301 KMS304"), or empty.</summary>
    public static string RuleIds(RouteNode node) => string.Join(" ", node.RuleIds);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
