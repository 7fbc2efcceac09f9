using System.Globalization;
using KmsLint.Cli.Commands;
using KmsLint.Cli.Discovery;
using KmsLint.Templates;
using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Resolution;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KmsLint.Cli.Configuration;

/// <summary>
/// Reads <c>.kmslint.yaml</c> strictly: an unknown key, a wrong type, an unknown rule id or level is a
/// <see cref="ConfigException"/> saying <c>file:line:col: key: reason</c>, because a typo that silently
/// turned a check off would defeat the guardrail.
/// </summary>
internal sealed class ConfigLoader
{
    public const string FileName = ".kmslint.yaml";

    /// <summary>The other spelling, read as well: a folder may hold one of the two, not both.</summary>
    public const string AlternativeFileName = ".kmslint.yml";

    /// <summary>A config is a few dozen lines; these bounds keep a hostile one from exhausting memory or the stack.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const int MaxDepth = 64;

    private static readonly string[] TopLevelKeys =
        { "rules", "tags", "keys", "detection", "external", "stacks", "exclude", "sets", "max_file_bytes", "overrides", "suppressions", "change_requests", "changes" };

    private static readonly string[] DetectionKeys =
        { "external", "routes", "assumed_delivery_minutes", "assumed_eventbridge_minutes", "max_minutes_to_detect", "runbook_tags" };

    private static readonly string[] ExternalKeys = { "trails", "topics", "topic_parameters", "event_buses", "ssm_parameters" };

    private readonly string displayPath;

    private ConfigLoader(string displayPath) => this.displayPath = displayPath;

    /// <summary>True for a file name that is a configuration (<c>.kmslint.yaml</c> or <c>.kmslint.yml</c>), never a template.</summary>
    public static bool IsConfigFileName(string name) => name is FileName or AlternativeFileName;

    /// <summary>
    /// The configuration file of <paramref name="directory"/>, or null; both spellings there is a <see cref="ConfigException"/>
    /// (which one would win is not obvious, and the other would be silently ignored).
    /// </summary>
    public static string? FindIn(string directory, Func<string, string> displayPath)
    {
        var yaml = Path.Combine(directory, FileName);
        var yml = Path.Combine(directory, AlternativeFileName);
        var hasYaml = File.Exists(yaml);
        var hasYml = File.Exists(yml);
        if (hasYaml && hasYml)
            throw new ConfigException($"{displayPath(yml)}: {displayPath(yaml)} is there too; keep one of them (they would not be merged)");
        return hasYaml ? yaml : hasYml ? yml : null;
    }

    /// <summary>Loads the config at <paramref name="fullPath"/>; <paramref name="displayPath"/> is used in errors.</summary>
    public static LintConfig Load(string fullPath, string displayPath)
    {
        string text;
        try
        {
            var length = new FileInfo(fullPath).Length;
            if (length > MaxBytes)
                throw new ConfigException($"{displayPath}: is {length:N0} bytes, larger than the {MaxBytes:N0} a config may be");
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{displayPath}: cannot be read: {e.Message}");
        }
        var baseDirectory = Path.GetDirectoryName(fullPath)!;
        return new ConfigLoader(displayPath).Parse(text, baseDirectory);
    }

    private LintConfig Parse(string text, string baseDirectory)
    {
        // YamlDotNet ends the stream at a NUL without a word, which would silently drop the rest of the config.
        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var line = text.Take(nul).Count(c => c == '\n') + 1;
            var column = nul - text.LastIndexOf('\n', Math.Max(0, nul - 1));
            throw new ConfigException($"{displayPath}:{line}:{column}: a NUL byte: the config must be text");
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(text)), MaxDepth));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{displayPath}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {WithoutPosition(InnerMost(e).Message)}");
        }
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
            return new LintConfig(LintSettings.Default, ExcludeSet.None, displayPath);
        if (stream.Documents.Count > 1)
            throw Error(stream.Documents[1].RootNode, "(document)", "the file must hold one YAML document");

        var root = Mapping(stream.Documents[0].RootNode, "(root)");
        var settings = LintSettings.Default;
        IReadOnlyList<Glob> excludes = Array.Empty<Glob>();
        IReadOnlyList<Glob> sets = Array.Empty<Glob>();
        var stacks = new Dictionary<string, string>(StringComparer.Ordinal);
        var ssmParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        IReadOnlyList<RuleOverride> overrides = Array.Empty<RuleOverride>();
        var changeRequestPattern = ChangeRequestPolicy.DefaultPattern;
        YamlNode? patternNode = null;
        IReadOnlyList<DeclaredChangeRequest> changes = Array.Empty<DeclaredChangeRequest>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = KeyName(keyNode, "(root)");
            switch (key)
            {
                case "rules":
                    settings = settings with { RuleLevels = ParseRules(value) };
                    break;
                case "tags":
                    settings = ParseTags(value, settings);
                    break;
                case "keys":
                    settings = ParseKeys(value, settings);
                    break;
                case "detection":
                    settings = ParseDetection(value, settings);
                    break;
                case "external":
                    settings = settings with { External = ParseExternal(value, ssmParameters) };
                    break;
                case "stacks":
                    foreach (var (pathNode, nameNode) in Entries(value, "stacks"))
                    {
                        var path = KeyName(pathNode, "stacks");
                        stacks[Path.GetFullPath(Path.Combine(baseDirectory, path))] = Scalar(nameNode, "stacks." + path);
                    }
                    break;
                case "exclude":
                    excludes = Strings(value, "exclude").Select(pattern => new Glob(pattern)).ToArray();
                    break;
                case "sets":
                    sets = Strings(value, "sets").Select(pattern => new Glob(pattern)).ToArray();
                    break;
                case "max_file_bytes":
                    settings = settings with { MaxFileBytes = Integer(value, key, 1, long.MaxValue) };
                    break;
                case "overrides":
                    overrides = IsNull(value)
                        ? overrides
                        : Sequence(value, key).Children.Select((item, index) => ParseOverride(item, $"overrides[{index}]", baseDirectory)).ToArray();
                    break;
                case "suppressions":
                    settings = ParseSuppressions(value, settings);
                    break;
                case "change_requests":
                    foreach (var (settingNode, setting) in Entries(value, key))
                    {
                        if (KeyName(settingNode, key) != "pattern")
                            throw UnknownKey(settingNode, key + "." + KeyName(settingNode, key), new[] { "pattern" });
                        changeRequestPattern = Scalar(setting, key + ".pattern");
                        patternNode = setting;
                    }
                    break;
                case "changes":
                    changes = IsNull(value) ? changes : Sequence(value, key).Children.Select((item, index) => ParseChange(item, $"changes[{index}]")).ToArray();
                    break;
                default:
                    throw UnknownKey(keyNode, key, TopLevelKeys);
            }
        }
        settings = settings with
        {
            Deployment = new DeploymentFacts(new Dictionary<string, string>(StringComparer.Ordinal), ssmParameters),
            ChangeRequests = ChangeRequestPolicyOf(changeRequestPattern, patternNode, changes),
        };
        return new LintConfig(settings, new ExcludeSet(baseDirectory, excludes, displayPath), displayPath)
        {
            StackNamesByFullPath = stacks,
            SetRoots = new ExcludeSet(baseDirectory, sets, displayPath),
            Overrides = overrides,
        };
    }

    private Dictionary<string, Level?> ParseRules(YamlNode node, string parent = "rules")
    {
        var levels = new Dictionary<string, Level?>(StringComparer.OrdinalIgnoreCase);
        if (IsNull(node))
            return levels;
        foreach (var (keyNode, value) in Mapping(node, parent).Children)
        {
            var id = KeyName(keyNode, parent);
            var key = parent + "." + id;
            var rule = RuleCatalog.Find(id) ?? throw Error(keyNode, key, KnownRules.Find(id) is { Product: RuleProduct.Analyzer }
                ? $"{id.ToUpperInvariant()} is a rule of the C# analyzer: set its severity in .editorconfig (dotnet_diagnostic.{id.ToUpperInvariant()}.severity)"
                : $"unknown rule id{KnownRules.DidYouMean(id)} ('kmslint rules' lists them)");
            if (rule == RuleCatalog.InternalError)
                throw Error(keyNode, key, "internal errors always fail the run and cannot be reconfigured");
            var word = Scalar(value, key);
            levels[rule.Id] = word == "off"
                ? null
                : LevelNames.Parse(word) ?? throw Error(value, key, $"level must be off, error, warning or note, not '{word}'");
        }
        return levels;
    }

    /// <summary><c>{files: GLOB or [GLOB, ...], rules: {ID: level}}</c>: rule levels for the files the globs match.</summary>
    private RuleOverride ParseOverride(YamlNode node, string path, string baseDirectory)
    {
        IReadOnlyList<Glob>? files = null;
        Dictionary<string, Level?>? levels = null;
        foreach (var (keyNode, value) in Mapping(node, path).Children)
        {
            var key = KeyName(keyNode, path);
            switch (key)
            {
                case "files":
                    files = (value is YamlScalarNode ? new[] { Scalar(value, path + ".files") } : Strings(value, path + ".files"))
                        .Select(pattern => new Glob(pattern)).ToArray();
                    break;
                case "rules":
                    levels = ParseRules(value, path + ".rules");
                    break;
                default:
                    throw UnknownKey(keyNode, path + "." + key, new[] { "files", "rules" });
            }
        }
        if (files is not { Count: > 0 })
            throw Error(node, path + ".files", "name the files it is for, e.g. files: \"legacy/**\"");
        return new RuleOverride(new ExcludeSet(baseDirectory, files, displayPath), levels ?? new Dictionary<string, Level?>());
    }

    private LintSettings ParseSuppressions(YamlNode node, LintSettings settings)
    {
        if (IsNull(node))
            return settings;
        foreach (var (keyNode, value) in Mapping(node, "suppressions").Children)
        {
            var key = KeyName(keyNode, "suppressions");
            if (key != "require_reason")
                throw UnknownKey(keyNode, "suppressions." + key, new[] { "require_reason" });
            settings = settings with { RequireSuppressionReason = Boolean(value, "suppressions." + key) };
        }
        return settings;
    }

    private LintSettings ParseTags(YamlNode node, LintSettings settings)
    {
        if (IsNull(node))
            return settings;
        foreach (var (keyNode, value) in Mapping(node, "tags").Children)
        {
            var key = KeyName(keyNode, "tags");
            if (key != "required")
                throw UnknownKey(keyNode, "tags." + key, new[] { "required" });
            settings = settings with { RequiredTagKeys = Strings(value, "tags.required") };
        }
        return settings;
    }

    private LintSettings ParseKeys(YamlNode node, LintSettings settings)
    {
        if (IsNull(node))
            return settings;
        foreach (var (keyNode, value) in Mapping(node, "keys").Children)
        {
            var key = KeyName(keyNode, "keys");
            if (key != "min_pending_window_days")
                throw UnknownKey(keyNode, "keys." + key, new[] { "min_pending_window_days" });
            // AWS accepts PendingWindowInDays from 7 to 30; a minimum outside that could never be met or checked.
            settings = settings with { MinPendingWindowDays = (int)Integer(value, "keys." + key, 7, 30) };
        }
        return settings;
    }

    private LintSettings ParseDetection(YamlNode node, LintSettings settings)
    {
        if (IsNull(node))
            return settings;
        foreach (var (keyNode, value) in Mapping(node, "detection").Children)
        {
            var key = KeyName(keyNode, "detection");
            switch (key)
            {
                case "assumed_delivery_minutes":
                    settings = settings with { AssumedDeliveryMinutes = Minutes(value, "detection." + key) };
                    continue;
                case "assumed_eventbridge_minutes":
                    settings = settings with { AssumedEventBridgeMinutes = Minutes(value, "detection." + key) };
                    continue;
                case "max_minutes_to_detect":
                    settings = settings with { MaxMinutesToDetect = Minutes(value, "detection." + key) };
                    continue;
                case "runbook_tags":
                    settings = settings with { RunbookTagKeys = TagKeys(value, "detection." + key) };
                    continue;
                case "external":
                    settings = settings with { DetectionIsExternal = Boolean(value, "detection." + key) };
                    continue;
                case not "routes":
                    throw UnknownKey(keyNode, "detection." + key, DetectionKeys);
            }

            var routes = (DetectionRoutes)0;
            foreach (var item in Sequence(value, "detection.routes").Children)
            {
                routes |= Scalar(item, "detection.routes") switch
                {
                    "metric-filter" => DetectionRoutes.MetricFilter,
                    "eventbridge" => DetectionRoutes.EventBridge,
                    var other => throw Error(item, "detection.routes", $"route must be metric-filter or eventbridge, not '{other}'"),
                };
            }
            if (routes == 0)
                throw Error(value, "detection.routes", "name at least one route (metric-filter, eventbridge)");
            settings = settings with { AcceptedRoutes = routes };
        }
        return settings;
    }

    private ExternalResources ParseExternal(YamlNode node, Dictionary<string, string> ssmParameters)
    {
        if (IsNull(node))
            return ExternalResources.None;
        IReadOnlyList<ExternalTrail> trails = Array.Empty<ExternalTrail>();
        IReadOnlyList<string> topics = Array.Empty<string>();
        IReadOnlyList<string> buses = Array.Empty<string>();
        IReadOnlyList<string> topicParameters = Array.Empty<string>();
        foreach (var (keyNode, value) in Mapping(node, "external").Children)
        {
            var key = KeyName(keyNode, "external");
            switch (key)
            {
                case "trails":
                    trails = Sequence(value, "external.trails").Children
                        .Select((item, index) => ParseTrail(item, $"external.trails[{index}]")).ToArray();
                    break;
                case "topics":
                    topics = ArnPatterns(value, "external.topics", "sns");
                    break;
                case "event_buses":
                    buses = ArnPatterns(value, "external.event_buses", "events");
                    break;
                case "topic_parameters":
                    topicParameters = Strings(value, "external.topic_parameters");
                    break;
                case "ssm_parameters":
                    foreach (var (nameNode, parameterValue) in Entries(value, "external.ssm_parameters"))
                    {
                        var name = KeyName(nameNode, "external.ssm_parameters");
                        ssmParameters[name] = Scalar(parameterValue, "external.ssm_parameters." + name);
                    }
                    break;
                default:
                    throw UnknownKey(keyNode, "external." + key, ExternalKeys);
            }
        }
        return new ExternalResources(trails, topics) { EventBuses = buses, TopicParameters = topicParameters };
    }

    /// <summary>ARNs that may stand for a resource in every region or account; one that could never match is an error.</summary>
    private IReadOnlyList<string> ArnPatterns(YamlNode node, string key, string service)
    {
        var texts = Strings(node, key);
        for (var i = 0; i < texts.Count; i++)
        {
            if (Templates.Graph.ArnPattern.Parse(texts[i], service, out var problem) is null)
                throw Error(((YamlSequenceNode)node).Children[i], $"{key}[{i}]", problem!);
        }
        return texts;
    }

    /// <summary>Tag keys as AWS accepts them: 1 to 128 characters, not starting with the reserved <c>aws:</c>.</summary>
    private IReadOnlyList<string> TagKeys(YamlNode node, string key)
    {
        var keys = Strings(node, key);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length > 128 || keys[i].StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw Error(((YamlSequenceNode)node).Children[i], $"{key}[{i}]", "a tag key has at most 128 characters and does not start with aws: (AWS reserves it)");
        }
        return keys;
    }

    private double Minutes(YamlNode node, string key)
    {
        var text = node is YamlScalarNode scalar ? scalar.Value : null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) || minutes < 0 || minutes > 1_000_000)
            throw Error(node, key, "must be a number of minutes from 0");
        return minutes;
    }

    private ChangeRequestPolicy ChangeRequestPolicyOf(string pattern, YamlNode? patternNode, IReadOnlyList<DeclaredChangeRequest> changes)
    {
        try
        {
            return new ChangeRequestPolicy(pattern, changes);
        }
        catch (ArgumentException e)
        {
            throw Error(patternNode!, "change_requests.pattern", $"not a valid regular expression: {e.Message}");
        }
    }

    /// <summary>
    /// <c>{key: LogicalId, change-request: CHG-1234}</c>. The change request may be empty or malformed here: the change it
    /// is named for then reports it (KMS414), where a user looks for it.
    /// </summary>
    private DeclaredChangeRequest ParseChange(YamlNode node, string path)
    {
        string? key = null;
        YamlNode? changeRequest = null;
        foreach (var (keyNode, value) in Mapping(node, path).Children)
        {
            switch (KeyName(keyNode, path))
            {
                case "key":
                    key = Scalar(value, path + ".key");
                    break;
                case "change-request":
                    changeRequest = value as YamlScalarNode ?? throw Error(value, path + ".change-request", "must be a change request such as CHG-1234");
                    break;
                default:
                    throw UnknownKey(keyNode, path + "." + KeyName(keyNode, path), new[] { "key", "change-request" });
            }
        }
        if (key is null)
            throw Error(node, path + ".key", "name the logical id of the key the change request is for");
        if (changeRequest is null)
            throw Error(node, path + ".change-request", "name the approved change request, e.g. CHG-1234");
        var text = IsNull(changeRequest) ? null : ((YamlScalarNode)changeRequest).Value;
        var location = new SourceSpan(displayPath, (int)changeRequest.Start.Line, (int)changeRequest.Start.Column, (int)changeRequest.End.Line, (int)changeRequest.End.Column);
        return new DeclaredChangeRequest(text, displayPath + " changes", location, key);
    }

    private ExternalTrail ParseTrail(YamlNode node, string path)
    {
        string? name = null, logGroup = null;
        foreach (var (keyNode, value) in Mapping(node, path).Children)
        {
            var key = KeyName(keyNode, path);
            switch (key)
            {
                case "name":
                    name = Scalar(value, path + ".name");
                    break;
                case "log_group":
                    logGroup = Scalar(value, path + ".log_group");
                    break;
                default:
                    throw UnknownKey(keyNode, path + "." + key, new[] { "name", "log_group" });
            }
        }
        return new ExternalTrail(name ?? throw Error(node, path + ".name", "an external trail needs a name"), logGroup);
    }

    private YamlMappingNode Mapping(YamlNode node, string key) =>
        node as YamlMappingNode ?? throw Error(node, key, "must be a mapping");

    /// <summary>The entries of a mapping; none for an empty value.</summary>
    private IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlNode node, string key) =>
        IsNull(node) ? Array.Empty<KeyValuePair<YamlNode, YamlNode>>() : Mapping(node, key).Children;

    private YamlSequenceNode Sequence(YamlNode node, string key) =>
        node as YamlSequenceNode ?? throw Error(node, key, "must be a list");

    private string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } && !IsNull(node)
            ? value
            : throw Error(node, key, "must be a non-empty string");

    private IReadOnlyList<string> Strings(YamlNode node, string key) =>
        IsNull(node)
            ? Array.Empty<string>()
            : Sequence(node, key).Children.Select((item, index) => Scalar(item, $"{key}[{index}]")).ToArray();

    private bool Boolean(YamlNode node, string key) =>
        (node as YamlScalarNode)?.Value switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw Error(node, key, "must be true or false"),
        };

    private long Integer(YamlNode node, string key, long min, long max)
    {
        var text = node is YamlScalarNode scalar ? scalar.Value : null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw Error(node, key, "must be a whole number");
        if (value < min || value > max)
            throw Error(node, key, max == long.MaxValue ? $"must be at least {min}" : $"must be from {min} to {max}");
        return value;
    }

    private string KeyName(YamlNode keyNode, string parent) =>
        keyNode is YamlScalarNode { Value: { } name } ? name : throw Error(keyNode, parent, "keys must be plain strings");

    /// <summary>An empty value (<c>key:</c> or <c>key: ~</c>) leaves the setting at its default.</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "" or "~" or "null" or "Null" or "NULL" or null };

    private ConfigException UnknownKey(YamlNode keyNode, string key, string[] known) =>
        Error(keyNode, key, (Suggestions.Closest(key[(key.LastIndexOf('.') + 1)..], known) is { } meant ? $"unknown key; did you mean '{meant}'?" : "unknown key")
                            + $" (expected {string.Join(", ", known)})");

    private ConfigException Error(YamlNode node, string key, string reason) =>
        new($"{displayPath}:{node.Start.Line}:{node.Start.Column}: {key}: {reason}");

    private static Exception InnerMost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    /// <summary>YamlDotNet prefixes "(Line: l, Col: c, Idx: i) - (...): "; the position is already in front.</summary>
    private static string WithoutPosition(string message)
    {
        var end = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && end >= 0 ? message[(end + 3)..] : message;
    }
}
