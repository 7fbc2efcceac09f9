namespace KmsLint.Templates.Rules;

/// <summary>Every rule the linter runs, in one static list (no reflection, so trimming and NativeAOT keep them).</summary>
public static class RuleRegistry
{
    public static IReadOnlyList<LintRule> All { get; } = new LintRule[]
    {
        new NoTrailRule(),
        new TrailNotMultiRegionRule(),
        new TrailMissesKmsWriteEventsRule(),
        new TrailNotDeliveringToLogsRule(),
        new LogFileValidationOffRule(),
        new TrailNotLoggingRule(),
        new NoKeyLifecycleDetectionRule(),
        new DetectionMissesEventRule(),
        new DetectionMatchesOrdinaryTrafficRule(),
        new FilterOnUntrailedLogGroupRule(),
        new PatternDoesNotParseRule(),
        new PatternNotSecurityHubTextRule(),
        new NoAlarmOnMetricRule(),
        new AlarmDoesNotFireOnOneEventRule(),
        new AlarmNotifiesNobodyRule(),
        new TopicWithoutSubscriberRule(),
        new RunbookLinkMissingRule(),
        new DetectionTooSlowRule(),
        new KeyMissingOwnershipTagsRule(),
        new KeyPendingWindowTooShortRule(),
        new KeyNotRetainedRule(),
        new KeyDeclaredDisabledRule(),
        new DetectionLinkConditionalRule(),
        new KeyDeletedByChangeRule(),
        new KeyDisabledByChangeRule(),
        new KeyRetentionReducedByChangeRule(),
        new KeyImmutablePropertyChangedRule(),
        new ChangeRequestMalformedRule(),
    };
}
