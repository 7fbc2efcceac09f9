namespace KmsLint.Templates.Findings;

/// <summary>The single list of linter rules: ids, names, default levels and one-line descriptions.</summary>
public static class RuleCatalog
{
    /// <summary>Where <c>rules/&lt;ID&gt;.md</c> is published; every help link starts here.</summary>
    public const string HelpUriBase = "https://github.com/kmslint/kmslint/blob/main/rules/";

    public static readonly RuleDescriptor NoTrail = new("KMS100", "NoTrail", Level.Error,
        "No CloudTrail trail in the linted templates and none declared external.");
    public static readonly RuleDescriptor NoMultiRegionTrail = new("KMS101", "NoMultiRegionTrail", Level.Error,
        "No trail records all regions (IsMultiRegionTrail missing or false).");
    public static readonly RuleDescriptor TrailMissesKmsWriteEvents = new("KMS102", "TrailMissesKmsWriteEvents", Level.Error,
        "The trail cannot record KMS write management events.");
    public static readonly RuleDescriptor TrailNotDeliveringToLogs = new("KMS103", "TrailNotDeliveringToLogs", Level.Error,
        "The metric-filter route needs a trail that delivers to CloudWatch Logs, and none does.");
    public static readonly RuleDescriptor LogFileValidationOff = new("KMS104", "LogFileValidationOff", Level.Warning,
        "Trail log file validation is off, so the record is not tamper-evident.");
    public static readonly RuleDescriptor TrailNotLogging = new("KMS105", "TrailNotLogging", Level.Error,
        "The trail is declared with IsLogging: false.");
    public static readonly RuleDescriptor NoKeyLifecycleDetection = new("KMS200", "NoKeyLifecycleDetection", Level.Error,
        "No enabled metric filter or EventBridge rule matches both DisableKey and ScheduleKeyDeletion.");
    public static readonly RuleDescriptor DetectionMissesEvent = new("KMS201", "DetectionMissesEvent", Level.Error,
        "A filter or rule meant for KMS key lifecycle events misses one of them or can never match a real event.");
    public static readonly RuleDescriptor DetectionMatchesOrdinaryTraffic = new("KMS202", "DetectionMatchesOrdinaryTraffic", Level.Warning,
        "A filter or rule also matches ordinary KMS traffic, which causes alert fatigue.");
    public static readonly RuleDescriptor FilterOnUntrailedLogGroup = new("KMS203", "FilterOnUntrailedLogGroup", Level.Error,
        "The metric filter watches a log group that no trail delivers to.");
    public static readonly RuleDescriptor PatternDoesNotParse = new("KMS204", "PatternDoesNotParse", Level.Error,
        "A filter pattern or event pattern does not parse.");
    public static readonly RuleDescriptor PatternNotSecurityHubText = new("KMS205", "PatternNotSecurityHubText", Level.Note,
        "The pattern works but is not the exact text Security Hub CloudWatch.7 expects.");
    public static readonly RuleDescriptor NoAlarmOnMetric = new("KMS300", "NoAlarmOnMetric", Level.Error,
        "No alarm watches the metric of a matching filter.");
    public static readonly RuleDescriptor AlarmDoesNotFireOnOneEvent = new("KMS301", "AlarmDoesNotFireOnOneEvent", Level.Error,
        "The alarm would not fire on a single event.");
    public static readonly RuleDescriptor AlarmNotifiesNobody = new("KMS302", "AlarmNotifiesNobody", Level.Error,
        "The alarm has no actions or its actions are disabled.");
    public static readonly RuleDescriptor TopicWithoutSubscriber = new("KMS303", "TopicWithoutSubscriber", Level.Warning,
        "The notification topic has no subscription in the linted templates and is not declared external.");
    public static readonly RuleDescriptor RunbookLinkMissing = new("KMS304", "RunbookLinkMissing", Level.Warning,
        "An alarm or EventBridge rule that alerts on key lifecycle events carries no runbook link.");
    public static readonly RuleDescriptor DetectionTooSlow = new("KMS305", "DetectionTooSlow", Level.Warning,
        "The fastest working detection route takes longer than the configured maximum to alert, in the worst case.");
    public static readonly RuleDescriptor KeyMissingOwnershipTags = new("KMS400", "KeyMissingOwnershipTags", Level.Warning,
        "A KMS key lacks the required ownership tags.");
    public static readonly RuleDescriptor KeyPendingWindowTooShort = new("KMS401", "KeyPendingWindowTooShort", Level.Warning,
        "A KMS key's PendingWindowInDays is below the configured minimum.");
    public static readonly RuleDescriptor KeyNotRetained = new("KMS402", "KeyNotRetained", Level.Warning,
        "A KMS key without DeletionPolicy and UpdateReplacePolicy Retain is scheduled for deletion with its stack.");
    public static readonly RuleDescriptor KeyDeclaredDisabled = new("KMS403", "KeyDeclaredDisabled", Level.Warning,
        "A KMS key is declared Enabled: false.");
    public static readonly RuleDescriptor DetectionLinkConditional = new("KMS404", "DetectionLinkConditional", Level.Warning,
        "A link of the detection route is behind a Condition, so some environments deploy without it.");
    public static readonly RuleDescriptor KeyDeletedByChange = new("KMS410", "KeyDeletedByChange", Level.Error,
        "The change deletes a KMS key at deploy: removed or renamed without Retain, its template removed, or a replica's primary key changed.");
    public static readonly RuleDescriptor KeyDisabledByChange = new("KMS411", "KeyDisabledByChange", Level.Error,
        "The change disables a KMS key at deploy: Enabled becomes false.");
    public static readonly RuleDescriptor KeyRetentionReducedByChange = new("KMS412", "KeyRetentionReducedByChange", Level.Warning,
        "The change removes a KMS key's Retain policy or shortens its pending window.");
    public static readonly RuleDescriptor KeyImmutablePropertyChanged = new("KMS413", "KeyImmutablePropertyChanged", Level.Warning,
        "The change alters KeySpec, KeyUsage, Origin, MultiRegion or the type of an existing KMS key, so the stack update fails.");
    public static readonly RuleDescriptor ChangeRequestMalformed = new("KMS414", "ChangeRequestMalformed", Level.Error,
        "The change request named for a key change is empty or does not match the configured pattern.");
    public static readonly RuleDescriptor TemplateDoesNotParse = new("KMS900", "TemplateDoesNotParse", Level.Error,
        "A template does not parse (YAML/JSON syntax, encoding or a safety limit), so it is not linted.");
    public static readonly RuleDescriptor TemplateMalformed = new("KMS901", "TemplateMalformed", Level.Error,
        "A template parses but has a shape CloudFormation rejects or leaves undefined (wrong section type, malformed intrinsic function, duplicate key).");
    public static readonly RuleDescriptor FileSkipped = new("KMS902", "FileSkipped", Level.Warning,
        "A file could not be read or exceeds the size limit, so it was not linted.");
    public static readonly RuleDescriptor IneffectiveSuppression = new("KMS903", "IneffectiveSuppression", Level.Warning,
        "A kmslint ignore entry suppresses nothing: its finding is gone, or it lacks the reason the config requires.");
    public static readonly RuleDescriptor InternalError = new("KMS999", "InternalError", Level.Error,
        "A rule failed on this file; the other rules and files were still checked. Please report it.");

    /// <summary>Every rule, in id order.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } = new[]
    {
        NoTrail, NoMultiRegionTrail, TrailMissesKmsWriteEvents, TrailNotDeliveringToLogs, LogFileValidationOff, TrailNotLogging,
        NoKeyLifecycleDetection, DetectionMissesEvent, DetectionMatchesOrdinaryTraffic, FilterOnUntrailedLogGroup,
        PatternDoesNotParse, PatternNotSecurityHubText,
        NoAlarmOnMetric, AlarmDoesNotFireOnOneEvent, AlarmNotifiesNobody, TopicWithoutSubscriber, RunbookLinkMissing, DetectionTooSlow,
        KeyMissingOwnershipTags, KeyPendingWindowTooShort, KeyNotRetained, KeyDeclaredDisabled, DetectionLinkConditional,
        KeyDeletedByChange, KeyDisabledByChange, KeyRetentionReducedByChange, KeyImmutablePropertyChanged, ChangeRequestMalformed,
        TemplateDoesNotParse, TemplateMalformed, FileSkipped, IneffectiveSuppression, InternalError,
    };

    /// <summary>
    /// The change-control rules (<c>kmslint lint --base REF</c>): they compare two versions of the set and report only
    /// in such a run. Their findings are about the change as a whole, so a run that reports only some files keeps them.
    /// </summary>
    public static IReadOnlyList<RuleDescriptor> ChangeControl { get; } = new[]
    {
        KeyDeletedByChange, KeyDisabledByChange, KeyRetentionReducedByChange, KeyImmutablePropertyChanged, ChangeRequestMalformed,
    };

    private static readonly Dictionary<string, RuleDescriptor> ById =
        All.ToDictionary(rule => rule.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule with this id (any case), or null.</summary>
    public static RuleDescriptor? Find(string id) => ById.TryGetValue(id, out var rule) ? rule : null;
}
