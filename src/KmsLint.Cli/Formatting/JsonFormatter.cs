using System.Text.Json;
using KmsLint.Cli.Commands;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Routes;

namespace KmsLint.Cli.Formatting;

/// <summary>
/// <c>--format json</c>: the run as one object, <c>{ tool, version, summary, findings[] }</c> (shape documented in
/// the README). Suppressed findings are included with <c>suppressed: true</c> and what suppressed them
/// (<c>suppressions: [{kind: inSource|baseline, ...}]</c>, as SARIF words it).
/// </summary>
internal sealed class JsonFormatter : IReportFormatter
{
    public void Write(LintRun run, TextWriter output) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("tool", "kmslint");
        json.WriteString("version", Cli.Version);
        json.WriteStartObject("summary");
        json.WriteNumber("errors", run.Count(Level.Error));
        json.WriteNumber("warnings", run.Count(Level.Warning));
        json.WriteNumber("notes", run.Count(Level.Note));
        json.WriteNumber("suppressed", run.SuppressedCount);
        json.WriteNumber("templatesLinted", run.TemplatesLinted);
        json.WriteNumber("filesNotTemplates", run.FilesNotTemplates);
        json.WriteEndObject();
        json.WriteStartArray("sets");
        foreach (var set in run.Sets)
            WriteSet(json, set);
        json.WriteEndArray();
        json.WriteStartArray("findings");
        foreach (var finding in run.Findings)
            WriteFinding(json, finding, run.SetOf(finding));
        json.WriteEndArray();
        json.WriteStartArray("detections");
        foreach (var detection in run.Detections)
            WriteDetection(json, detection, run.SetOf(detection));
        json.WriteEndArray();
        json.WriteStartArray("assumptions");
        foreach (var assumption in run.Assumptions)
        {
            json.WriteStartObject();
            json.WriteString("message", assumption.Message);
            json.WriteString("file", assumption.Location.File);
            json.WriteNumber("line", assumption.Location.StartLine);
            json.WriteNumber("column", assumption.Location.StartColumn);
            WriteSetName(json, run.SetOf(assumption));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>A set: what names it (<see cref="JsonOutput.WriteSetIdentity"/>) and its counts.</summary>
    private static void WriteSet(Utf8JsonWriter json, SetRun set)
    {
        json.WriteStartObject();
        JsonOutput.WriteSetIdentity(json, set);
        json.WriteNumber("filesNotTemplates", set.FilesNotTemplates);
        json.WriteNumber("errors", set.Count(Level.Error));
        json.WriteNumber("warnings", set.Count(Level.Warning));
        json.WriteNumber("notes", set.Count(Level.Note));
        json.WriteNumber("suppressed", set.SuppressedCount);
        json.WriteEndObject();
    }

    private static void WriteSetName(Utf8JsonWriter json, SetRun? set)
    {
        if (set is not null)
            json.WriteString("set", set.Name);
    }

    private static void WriteDetection(Utf8JsonWriter json, DetectionSummary detection, SetRun? set)
    {
        json.WriteStartObject();
        WriteDetectionFields(json, detection);
        WriteSetName(json, set);
        json.WriteEndObject();
    }

    /// <summary>A route's kind, place, status per event and worst-case minutes: the same fields in lint's and report's JSON.</summary>
    internal static void WriteDetectionFields(Utf8JsonWriter json, DetectionSummary detection)
    {
        json.WriteString("kind", detection.Kind);
        json.WriteString("logicalId", detection.LogicalId);
        json.WriteString("file", detection.Location.File);
        json.WriteNumber("line", detection.Location.StartLine);
        json.WriteStartObject("events");
        foreach (var (name, status) in detection.Status)
            json.WriteString(name, status.ToString().ToLowerInvariant());
        json.WriteEndObject();
        if (detection.WorstCaseMinutesToDetect is { } minutes)
            json.WriteNumber("worstCaseMinutesToDetect", Math.Round(minutes, 1));
        else
            json.WriteNull("worstCaseMinutesToDetect");
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding, SetRun? set)
    {
        var location = finding.Location;
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("level", LevelNames.Of(finding.Level));
        json.WriteString("message", finding.Message);
        json.WriteString("file", location.File);
        json.WriteNumber("startLine", location.StartLine);
        json.WriteNumber("startColumn", location.StartColumn);
        json.WriteNumber("endLine", location.EndLine);
        json.WriteNumber("endColumn", location.EndColumn);
        JsonOutput.WriteStringOrNull(json, "logicalId", finding.LogicalId);
        JsonOutput.WriteStringOrNull(json, "constructPath", finding.ConstructPath);
        json.WriteBoolean("suppressed", finding.IsSuppressed);
        json.WriteStartArray("suppressions");
        if (finding.Suppression is { } suppression)
        {
            json.WriteStartObject();
            json.WriteString("kind", FindingText.KindName(suppression.Kind));
            JsonOutput.WriteStringOrNull(json, "reason", suppression.Reason);
            json.WriteString("file", suppression.Location.File);
            json.WriteNumber("line", suppression.Location.StartLine);
            json.WriteNumber("column", suppression.Location.StartColumn);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (RuleCatalog.Find(finding.RuleId) is { } rule)
            json.WriteString("helpUri", rule.HelpUri);
        WriteSetName(json, set);
        json.WriteEndObject();
    }
}
