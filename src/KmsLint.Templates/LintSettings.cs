using KmsLint.Templates.ChangeControl;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates;

/// <summary>The detection routes a repository may use to alert on key lifecycle events.</summary>
[Flags]
public enum DetectionRoutes
{
    /// <summary>trail → CloudWatch Logs → metric filter → alarm → SNS topic.</summary>
    MetricFilter = 1,
    /// <summary>trail → EventBridge rule → SNS topic.</summary>
    EventBridge = 2,
    Any = MetricFilter | EventBridge,
}

/// <summary>A trail that exists outside the linted templates (an organization or Control Tower trail).</summary>
/// <param name="Name">Its name, for messages.</param>
/// <param name="LogGroup">The name or ARN of the CloudWatch Logs group it delivers to, when it does.</param>
public sealed record ExternalTrail(string Name, string? LogGroup);

/// <summary>Resources that live outside the linted templates and are taken as correctly set up.</summary>
/// <param name="Trails">Organization or Control Tower trails, with the log group they deliver to.</param>
/// <param name="TopicArns">Subscribed topics (ARN patterns, see <see cref="Graph.ArnPattern"/>).</param>
public sealed record ExternalResources(IReadOnlyList<ExternalTrail> Trails, IReadOnlyList<string> TopicArns)
{
    public static ExternalResources None { get; } = new(Array.Empty<ExternalTrail>(), Array.Empty<string>());

    /// <summary>
    /// Event buses outside the set (ARN patterns) that receive CloudTrail events forwarded from elsewhere and alert on
    /// key lifecycle events: a rule forwarding to one is a working route, a rule on one is fed.
    /// </summary>
    public IReadOnlyList<string> EventBuses { get; init; } = Array.Empty<string>();

    /// <summary>Parameters whose deploy-time value is the ARN of a subscribed SNS topic outside the set.</summary>
    public IReadOnlyList<string> TopicParameters { get; init; } = Array.Empty<string>();
}

/// <summary>Everything a lint run can be configured with; the CLI builds it from <c>.kmslint.yaml</c>.</summary>
public sealed record LintSettings
{
    public static LintSettings Default { get; } = new();

    /// <summary>Per-rule level overrides by rule id; a null value turns the rule off.</summary>
    public IReadOnlyDictionary<string, Level?> RuleLevels { get; init; } =
        new Dictionary<string, Level?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tag keys every KMS key must carry (KMS400).</summary>
    public IReadOnlyList<string> RequiredTagKeys { get; init; } = new[] { "Owner", "Purpose" };

    /// <summary>The shortest acceptable <c>PendingWindowInDays</c> (KMS401); AWS allows 7–30.</summary>
    public int MinPendingWindowDays { get; init; } = 30;

    /// <summary>
    /// True when the detection chain lives outside the linted templates (a Control Tower or security account): the
    /// chain's rules (<see cref="RuleDescriptor.ChecksDetectionChain"/>) are not run, the key rules are.
    /// </summary>
    public bool DetectionIsExternal { get; init; }

    /// <summary>Which detection routes count for KMS200 and KMS103.</summary>
    public DetectionRoutes AcceptedRoutes { get; init; } = DetectionRoutes.Any;

    public ExternalResources External { get; init; } = ExternalResources.None;

    /// <summary>Stack names and Systems Manager parameter values declared in <c>.kmslint.yaml</c>.</summary>
    public DeploymentFacts Deployment { get; init; } = DeploymentFacts.None;

    /// <summary>
    /// Minutes CloudTrail takes to deliver an event to CloudWatch Logs in the worst case the time-to-detect figures assume
    /// (AWS documents an average of about 5 minutes, not guaranteed).
    /// </summary>
    public double AssumedDeliveryMinutes { get; init; } = 5;

    /// <summary>Minutes an API call takes to reach an EventBridge rule's target, as the time-to-detect figures assume.</summary>
    public double AssumedEventBridgeMinutes { get; init; } = 1;

    /// <summary>KMS304: tag keys whose value links an alarm's or rule's runbook (tag keys are case-sensitive in AWS).</summary>
    public IReadOnlyList<string> RunbookTagKeys { get; init; } = new[] { "runbook", "Runbook", "runbook_url" };

    /// <summary>KMS305: the fastest working route's worst-case time to detect may not exceed this.</summary>
    public double MaxMinutesToDetect { get; init; } = 15;

    /// <summary>Files larger than this are reported (KMS902) and skipped.</summary>
    public long MaxFileBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Rule levels for single files (a file as the findings show it → rule id → level, null for off), from the config's
    /// <c>overrides</c>; they win over <see cref="RuleLevels"/> for the findings located in that file.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Level?>> FileRuleLevels { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, Level?>>(StringComparer.Ordinal);

    /// <summary>True when a <c>kmslint: ignore:</c> entry without a reason suppresses nothing (and is reported, KMS903).</summary>
    public bool RequireSuppressionReason { get; init; }

    /// <summary>Set by the pipeline for the rules: the templates of this run that did not parse, which may declare what a rule finds absent.</summary>
    internal Pipeline.UnparsedTemplates Unparsed { get; init; } = Pipeline.UnparsedTemplates.None;

    /// <summary>The change-request pattern and the change requests <c>.kmslint.yaml</c> names (KMS410–KMS414).</summary>
    public ChangeRequestPolicy ChangeRequests { get; init; } = ChangeRequestPolicy.Default;

    /// <summary>The version to compare with (<c>kmslint lint --base REF</c>); null runs no change-control rule.</summary>
    public Baseline? Baseline { get; init; }

    /// <summary>The level a rule reports at in this run, or null when it is turned off (or not run: an external chain's rules).</summary>
    public Level? EffectiveLevel(RuleDescriptor rule) =>
        DetectionIsExternal && rule.ChecksDetectionChain ? null
        : RuleLevels.TryGetValue(rule.Id, out var level) ? level : rule.DefaultLevel;

    /// <summary>The level of a rule's findings located in <paramref name="file"/>: the file's override, else the run's level.</summary>
    public Level? EffectiveLevel(RuleDescriptor rule, string file) =>
        DetectionIsExternal && rule.ChecksDetectionChain ? null
        : FileRuleLevels.TryGetValue(file, out var levels) && levels.TryGetValue(rule.Id, out var level) ? level
        : EffectiveLevel(rule);

    /// <summary>True when the rule reports anywhere: at the run's level, or in a file an override turns it on for.</summary>
    public bool RunsAnywhere(RuleDescriptor rule) =>
        EffectiveLevel(rule) is not null ||
        (!(DetectionIsExternal && rule.ChecksDetectionChain) &&
         FileRuleLevels.Values.Any(levels => levels.TryGetValue(rule.Id, out var level) && level is not null));
}
