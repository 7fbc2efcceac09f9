using System.Text.Json;
using KmsLint.Cli.Commands;
using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Formatting;

/// <summary>
/// <c>--format sarif</c>: SARIF 2.1.0 for code-scanning upload. Every catalog rule is listed in
/// <c>tool.driver.rules</c> (results point at it by <c>ruleIndex</c>); locations are relative to
/// <c>%SRCROOT%</c>, the working directory; suppressed findings carry an <c>inSource</c> suppression.
/// </summary>
internal sealed class SarifFormatter : IReportFormatter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string InformationUri = "https://github.com/kmslint/kmslint";
    public const string SourceRootId = "%SRCROOT%";

    private static readonly Dictionary<string, int> RuleIndex = RuleCatalog.All
        .Select((rule, index) => (rule.Id, index))
        .ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);

    public void Write(LintRun run, TextWriter output) => JsonOutput.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(SourceRootId);
        json.WriteString("uri", DirectoryUri(run.WorkingDirectory));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");
        WriteAssumptions(json, run);
        json.WriteStartArray("results");
        foreach (var finding in run.Findings)
            WriteResult(json, finding, run.SetOf(finding));
        json.WriteEndArray();
        WriteSets(json, run);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>The links made on an assumption, as notifications of the run (SARIF's place for what is not a result).</summary>
    private static void WriteAssumptions(Utf8JsonWriter json, LintRun run)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var assumption in run.Assumptions)
        {
            json.WriteStartObject();
            json.WriteString("level", "note");
            json.WriteStartObject("message");
            json.WriteString("text", assumption.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            WritePhysicalLocation(json, assumption.Location);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "kmslint");
        json.WriteString("version", Cli.Version);
        json.WriteString("semanticVersion", Cli.Version);
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in RuleCatalog.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", Sentence(rule.ShortDescription));
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", Sentence(rule.ShortDescription) + " See " + rule.HelpUri + " for why it matters and how to fix it.");
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", LevelNames.Of(rule.DefaultLevel));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue("kms");
            json.WriteStringValue("cloudformation");
            json.WriteEndArray();
            json.WriteString("security-severity", SecuritySeverity(rule.DefaultLevel));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The sets of the run as a property bag of the run: each one's root, config and the files it reports on.</summary>
    private static void WriteSets(Utf8JsonWriter json, LintRun run)
    {
        json.WriteStartObject("properties");
        json.WriteStartArray("sets");
        foreach (var set in run.Sets)
        {
            json.WriteStartObject();
            JsonOutput.WriteSetIdentity(json, set);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, SetRun? set)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (RuleIndex.TryGetValue(finding.RuleId, out var index))
            json.WriteNumber("ruleIndex", index);
        json.WriteString("level", LevelNames.Of(finding.Level));
        json.WriteStartObject("message");
        json.WriteString("text", Sentence(finding.Message));
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysicalLocation(json, finding.Location);
        if (finding.LogicalId is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", finding.LogicalId);
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();

        if (finding.Suppression is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "inSource");
            if (suppression.Reason is not null)
                json.WriteString("justification", suppression.Reason);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        if (set is not null)
        {
            json.WriteStartObject("properties");
            json.WriteString("set", set.Name);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, SourceSpan span)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        if (span.File.StartsWith('/'))
        {
            json.WriteString("uri", new Uri(span.File).AbsoluteUri); // outside the working directory: absolute
        }
        else
        {
            json.WriteString("uri", RelativeUri(span.File));
            json.WriteString("uriBaseId", SourceRootId);
        }
        json.WriteEndObject();

        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, span.StartLine));
        json.WriteNumber("startColumn", Math.Max(1, span.StartColumn));
        // SARIF rejects a region that ends before it starts; then only its start is given.
        var endIsValid = span.EndLine > span.StartLine ||
                         (span.EndLine == span.StartLine && span.EndColumn >= span.StartColumn);
        if (endIsValid)
        {
            json.WriteNumber("endLine", span.EndLine);
            json.WriteNumber("endColumn", span.EndColumn);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A '/'-separated relative path as a relative URI reference: each segment percent-encoded.</summary>
    private static string RelativeUri(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string DirectoryUri(string directory)
    {
        var uri = new Uri(Path.GetFullPath(directory)).AbsoluteUri;
        return uri.EndsWith('/') ? uri : uri + "/";
    }

    /// <summary>SARIF asks for messages that are whole sentences ending with a period.</summary>
    /// <summary>A message as a sentence; one that ends with a pattern to copy (<c>}</c>) gets no period glued to it.</summary>
    private static string Sentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith('.') || trimmed.EndsWith('?') || trimmed.EndsWith('!') || trimmed.EndsWith('}')
            ? trimmed
            : trimmed + ".";
    }

    /// <summary>
    /// GitHub code scanning ranks security alerts by <c>security-severity</c> (0–10): an error means a key can be
    /// destroyed unnoticed (high), a warning weakens the guardrail (medium), a note is advice (low).
    /// </summary>
    private static string SecuritySeverity(Level level) => level switch
    {
        Level.Error => "8.0",
        Level.Warning => "5.0",
        _ => "2.0",
    };
}
