using System.Text.Json;
using KmsLint.Cli.Formatting;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Reporting;

namespace KmsLint.Cli.Reporting;

/// <summary>
/// <c>--format json</c>: <c>{ tool, version, summary, keys[], routes[] }</c> (shape documented in the README). Figures a
/// dashboard tracks are numbers (<c>keysMonitoredPercent</c>, <c>worstCaseMinutesToDetect</c>), null where there is none.
/// A route carries the same fields as in <c>kmslint lint --format json</c>'s <c>detections</c>, and more.
/// </summary>
internal sealed class JsonReport : ICoverageRenderer
{
    public void Write(CoverageRun run, TextWriter output) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("tool", "kmslint");
        json.WriteString("version", Cli.Version);
        WriteSummary(json, run);
        Objects(json, "keys", run.Coverage.Keys, WriteKey);
        Objects(json, "routes", run.Coverage.Routes, WriteRoute);
        json.WriteEndObject();
    });

    private static void WriteSummary(Utf8JsonWriter json, CoverageRun run)
    {
        var summary = run.Coverage.Summary;
        json.WriteStartObject("summary");
        json.WriteNumber("templates", run.Lint.TemplatesLinted);
        json.WriteNumber("keys", summary.Keys);
        json.WriteNumber("keysMonitored", summary.KeysMonitored);
        Number(json, "keysMonitoredPercent", summary.KeysMonitoredPercent);
        json.WriteStartObject("keysByStatus");
        foreach (var (status, count) in summary.KeysByStatus)
            json.WriteNumber(ReportWords.StatusName(status), count);
        json.WriteEndObject();
        json.WriteNumber("keysOwned", summary.KeysOwned);
        Number(json, "keysOwnedPercent", summary.KeysOwnedPercent);
        json.WriteNumber("keysRetained", summary.KeysRetained);
        Number(json, "keysRetainedPercent", summary.KeysRetainedPercent);
        json.WriteNumber("routes", run.Coverage.Routes.Count);
        json.WriteNumber("routesWorking", summary.RoutesWorking);
        json.WriteNumber("routesBroken", summary.RoutesBroken);
        json.WriteStartObject("routesByState");
        foreach (var (state, count) in summary.RoutesByState)
            json.WriteNumber(ReportWords.State(state), count);
        json.WriteEndObject();
        Number(json, "fastestWorstCaseMinutesToDetect", summary.FastestWorstCaseMinutesToDetect);
        String(json, "fastestRoute", summary.Fastest?.LogicalId);
        json.WriteStartObject("findings");
        json.WriteNumber("errors", run.Lint.Count(Level.Error));
        json.WriteNumber("warnings", run.Lint.Count(Level.Warning));
        json.WriteNumber("notes", run.Lint.Count(Level.Note));
        json.WriteNumber("suppressed", run.Lint.SuppressedCount);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteKey(Utf8JsonWriter json, KeyCoverage key)
    {
        json.WriteString("logicalId", key.LogicalId);
        json.WriteString("type", key.Type);
        json.WriteString("file", key.Location.File);
        json.WriteNumber("line", key.Location.StartLine);
        json.WriteString("monitored", ReportWords.StatusName(key.Status));
        json.WriteStartObject("events");
        foreach (var e in key.Events)
        {
            json.WriteStartObject(e.Event);
            json.WriteString("status", ReportWords.StatusName(e.Status));
            Strings(json, "routes", e.Routes.Select(route => route.LogicalId));
            Strings(json, "caveats", e.Caveats);
            Number(json, "worstCaseMinutesToDetect", e.WorstCaseMinutes);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        Strings(json, "monitoredBy", key.MonitoredBy.Select(route => route.LogicalId));
        Objects(json, "failingRoutes", key.FailingRoutes, (_, failing) =>
        {
            json.WriteString("route", failing.Route.LogicalId);
            json.WriteString("why", failing.Why);
        });
        Strings(json, "caveats", key.Caveats);
        Number(json, "worstCaseMinutesToDetect", key.WorstCaseMinutesToDetect);
        Objects(json, "told", key.Told, (_, told) =>
        {
            json.WriteString("name", told.Name);
            json.WriteBoolean("external", told.IsExternal);
            Objects(json, "subscriptions", told.Endpoints, (_, endpoint) =>
            {
                json.WriteString("protocol", endpoint.Protocol);
                json.WriteString("endpoint", endpoint.Address);
                String(json, "via", endpoint.Via);
            });
        });
        if (key.IsOwned is { } owned)
            json.WriteBoolean("owned", owned);
        else
            json.WriteNull("owned");
        json.WriteStartObject("tags");
        foreach (var tag in key.RequiredTags)
            String(json, tag.Key, tag.Value);
        json.WriteEndObject();
        Strings(json, "missingTags", ReportWords.MissingTags(key));
        String(json, "tagsUnknownReason", key.TagsUnknownReason);
        json.WriteBoolean("retained", key.IsRetained);
        String(json, "deletionPolicy", key.DeletionPolicy);
        String(json, "updateReplacePolicy", key.UpdateReplacePolicy);
        Number(json, "pendingWindowDays", key.ShortestPendingWindowDays);
        json.WriteBoolean("pendingWindowIsDefault", key.PendingWindows.All(window => window.IsDefault));
        String(json, "condition", key.Condition);
    }

    private static void WriteRoute(Utf8JsonWriter json, RouteCoverage route)
    {
        JsonFormatter.WriteDetectionFields(json, route.Summary);
        json.WriteString("status", ReportWords.State(route.State));
        if (route.ScopedToKeys is { } keys)
            Strings(json, "scopedToKeys", keys.Select(key => key.Name));
        else
            json.WriteNull("scopedToKeys");
        Objects(json, "nodes", route.Nodes, (_, node) =>
        {
            json.WriteString("id", node.Id);
            json.WriteString("kind", char.ToLowerInvariant(node.Kind.ToString()[0]) + node.Kind.ToString().Substring(1));
            json.WriteString("name", node.Name);
            String(json, "detail", node.Detail);
            String(json, "file", node.Location?.File);
            if (node.Location is { } location)
                json.WriteNumber("line", location.StartLine);
            else
                json.WriteNull("line");
            String(json, "condition", node.Condition);
            Strings(json, "ruleIds", node.RuleIds);
        });
        Objects(json, "edges", route.Edges, (_, edge) =>
        {
            json.WriteString("from", edge.From.Id);
            json.WriteString("to", edge.To.Id);
        });
        Objects(json, "brokenLinks", route.BrokenLinks, (_, link) =>
        {
            json.WriteString("node", link.Id);
            json.WriteString("logicalId", link.Name);
            Strings(json, "ruleIds", link.RuleIds);
        });
    }

    /// <summary>An array of objects, each written by <paramref name="writeFields"/>.</summary>
    private static void Objects<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeFields(json, item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
            json.WriteNumber(name, ReportWords.Round(number));
        else
            json.WriteNull(name);
    }

    private static void String(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
