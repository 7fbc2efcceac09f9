using System.Globalization;
using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;
using KmsLint.Templates.Simulation;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Routes;

/// <summary>One reason the simulated alarm does not notify on an event, with the property that causes it.</summary>
public sealed class AlarmProblem
{
    internal AlarmProblem(AlarmFailure failure, AlarmOutcome outcome, bool onlyInThisActivity, string property, SourceSpan location)
    {
        Failure = failure;
        Outcome = outcome;
        OnlyInThisActivity = onlyInThisActivity;
        Property = property;
        Location = location;
    }

    public AlarmFailure Failure { get; }

    /// <summary>The scenario (quiet or busy log group) where it shows, with the values compared.</summary>
    public AlarmOutcome Outcome { get; }

    /// <summary>The alarm fires in the other scenario (quiet or busy): the problem shows only in this one.</summary>
    public bool OnlyInThisActivity { get; }

    /// <summary>The property to change, e.g. <c>Statistic</c>, <c>Threshold</c>, <c>TreatMissingData</c>.</summary>
    public string Property { get; }

    public SourceSpan Location { get; }
}

/// <summary>The alarm as read for one combination of branches, and what the simulation found for one event.</summary>
public sealed class AlarmVerdict
{
    internal AlarmVerdict(LifecycleEvent lifecycleEvent, Branch when, AlarmDefinition? definition, string statistic, IReadOnlyList<AlarmProblem> problems, int? delayPeriods, string? notSimulated, double? eventValue, double? defaultValue)
    {
        Event = lifecycleEvent;
        When = when;
        Definition = definition;
        Statistic = statistic;
        Problems = problems;
        DelayPeriods = delayPeriods;
        NotSimulated = notSimulated;
        EventValue = eventValue;
        DefaultValue = defaultValue;
    }

    public LifecycleEvent Event { get; }

    /// <summary>The branches of the alarm's and filter's properties this verdict holds under.</summary>
    public Branch When { get; }

    public AlarmDefinition? Definition { get; }

    /// <summary>The statistic as written (or the returned expression), for messages.</summary>
    public string Statistic { get; }

    /// <summary>Every reason it does not notify, first found first (the simulation is repeated with each one mended).</summary>
    public IReadOnlyList<AlarmProblem> Problems { get; }

    /// <summary>Full periods after the event's period before ALARM (premature-alarm rule), when it fires.</summary>
    public int? DelayPeriods { get; }

    /// <summary>Why the alarm could not be simulated (a value from a parameter without Default, anomaly detection, ...).</summary>
    public string? NotSimulated { get; }

    /// <summary>What the event's log event publishes (MetricValue), and the filter's DefaultValue.</summary>
    public double? EventValue { get; }

    public double? DefaultValue { get; }

    public bool Fires => NotSimulated is null && Problems.Count == 0;
}

/// <summary>
/// A metric filter's metric, an alarm on it, and where the alarm's actions lead: whether the metric the alarm
/// queries is the one the filter publishes (dimensions, unit), whether its actions are enabled and reach someone,
/// and — by simulating CloudWatch for each event and each combination of <c>Fn::If</c> branches — whether one
/// lifecycle event puts it into ALARM, and how late.
/// </summary>
public sealed class AlarmRoute
{
    private const int MaxCombinations = 16;

    internal AlarmRoute(FilterDetection detection, Alarm alarm, RepoGraph graph)
    {
        Alarm = alarm;
        Filter = detection.Filter;
        var resource = alarm.Resource;
        // The first published metric the alarm watches (the graph links them, so there is one). Loops, not LINQ over
        // (transformation, id) tuples, which every start JIT-compiled.
        MetricTransformation? publishing = null;
        WatchedMetric? watchedMetric = null;
        foreach (var transformation in detection.Filter.Transformations)
        {
            foreach (var id in transformation.Metrics)
            {
                if (watchedMetric is null && alarm.Metrics.FirstOrDefault(watched => watched.Id == id) is { } watched)
                {
                    (publishing, watchedMetric) = (transformation, watched);
                }
            }
        }

        Transformation = publishing!;
        Watched = watchedMetric!;
        Mismatch = FindMismatch(graph.Resolver, detection.Resource.Template, out var property);
        MismatchProperty = property;
        ActionsEnabled = graph.Resolver.Read(resource, "ActionsEnabled", awsDefault: "true");
        Actions = resource.Property("AlarmActions")?.ListItems().Select(item => NotificationTarget.Follow(graph, resource, item)).ToList()
                  ?? resource.Property("AlarmActions") switch
                  {
                      null => new List<NotificationTarget>(),
                      var single => new List<NotificationTarget> { NotificationTarget.Follow(graph, resource, single) },
                  };
        HasOtherActions = resource.Property("OKActions") is not null || resource.Property("InsufficientDataActions") is not null;
        Verdicts = Mismatch is null ? Simulate(detection, graph) : Array.Empty<AlarmVerdict>();
        notifiesSomeone = Actions.Any(action => action.ReachesSubscriber(graph));
    }

    private readonly bool notifiesSomeone;

    public Alarm Alarm { get; }

    /// <summary>The metric filter whose metric the alarm watches.</summary>
    public MetricFilter Filter { get; }

    /// <summary>The filter's transformation that publishes the metric the alarm watches.</summary>
    public MetricTransformation Transformation { get; }

    /// <summary>The alarm's entry naming that metric.</summary>
    public WatchedMetric Watched { get; }

    /// <summary>Why the alarm never fires whatever happens: its query gets no datapoint of the filter's metric (dimensions, unit), or CloudWatch refuses its evaluation window; or null.</summary>
    public string? Mismatch { get; }

    /// <summary>The alarm property the mismatch is in (<c>Dimensions</c>, <c>Unit</c>, <c>Period</c>, <c>EvaluationPeriods</c>, <c>DatapointsToAlarm</c>).</summary>
    public string MismatchProperty { get; }

    /// <summary>The values ActionsEnabled can take (default true).</summary>
    public IReadOnlyList<Reading> ActionsEnabled { get; }

    /// <summary>The items of AlarmActions, followed.</summary>
    public IReadOnlyList<NotificationTarget> Actions { get; }

    /// <summary>OKActions or InsufficientDataActions are set: they run when the alarm leaves ALARM or lacks data, not on the event.</summary>
    public bool HasOtherActions { get; }

    /// <summary>Per event and branch combination (empty when the metric never gets a datapoint).</summary>
    public IReadOnlyList<AlarmVerdict> Verdicts { get; }

    /// <summary>Actions can run on some branch.</summary>
    public bool CanAct => ActionsEnabled.Any(reading => reading.Boolean != false);

    /// <summary>The alarm goes into ALARM on the event under some combination of branches.</summary>
    public bool Fires(LifecycleEvent lifecycleEvent) => Verdicts.Any(verdict => verdict.Event == lifecycleEvent && verdict.Fires);

    /// <summary>The whole route from the alarm on works for the event: it fires, acts and a subscriber is told.</summary>
    public bool Works(LifecycleEvent lifecycleEvent) => Fires(lifecycleEvent) && CanAct && notifiesSomeone;

    /// <summary>Minutes from the metric's datapoint to the alarm action, worst case, when it works: period alignment, the periods the premature-alarm rule waits, one minute of evaluation.</summary>
    public double? MinutesAfterDelivery(LifecycleEvent lifecycleEvent)
    {
        double? fastest = null;
        foreach (var verdict in Verdicts)
        {
            if (verdict.Event == lifecycleEvent && verdict.Fires)
            {
                var minutes = verdict.Definition!.PeriodSeconds / 60.0 * (1 + verdict.DelayPeriods!.Value) + 1;
                if (!(fastest <= minutes))
                {
                    fastest = minutes;
                }
            }
        }

        return fastest;
    }

    /// <summary>
    /// The alarm's query must be the filter's metric exactly: the same dimension names (a filter with Dimensions publishes
    /// only dimensioned metrics), and the same unit when the alarm names one (the filter's is None unless set).
    /// </summary>
    private string? FindMismatch(Resolver resolver, Template filterTemplate, out string property)
    {
        var template = Alarm.Resource.Template;
        var published = Transformation["Dimensions"] is MappingNode dimensions ? dimensions.Entries.Select(entry => entry.Key.Value).OrderBy(n => n, StringComparer.Ordinal).ToList() : new List<string>();
        var watched = Watched.Holder["Dimensions"]?.ListItems().Select(item => item.At("Name")?.ScalarText ?? "?").OrderBy(n => n, StringComparer.Ordinal).ToList() ?? new List<string>();
        property = "Dimensions";
        if (!published.SequenceEqual(watched))
        {
            return watched.Count == 0
                ? $"the filter publishes {Watched.Id} only with the dimension{Plural(published)} {string.Join(", ", published)}, and the alarm watches it without dimensions, a metric that never gets a datapoint"
                : $"the alarm watches {Watched.Id} with the dimension{Plural(watched)} {string.Join(", ", watched)}, but the filter publishes it {(published.Count == 0 ? "without dimensions" : "with " + string.Join(", ", published))}, so that metric never gets a datapoint";
        }

        property = "Unit";
        var unitHolder = Watched.QueryId is null ? Alarm.Resource.Properties : (Alarm.Resource.Property("Metrics")?.ListItems().FirstOrDefault(q => q.At("Id")?.ScalarText == Watched.QueryId)?.At("MetricStat") as MappingNode);
        var alarmUnit = resolver.Resolve(template, unitHolder?["Unit"]).SingleLiteral;
        var filterUnit = resolver.Resolve(filterTemplate, Transformation["Unit"]).SingleLiteral ?? "None";
        if (alarmUnit is not null && !string.Equals(alarmUnit, filterUnit, StringComparison.Ordinal))
        {
            return $"the alarm queries {Watched.Id} in the unit {alarmUnit}, but the filter publishes it with unit {filterUnit}, so the alarm's query gets no datapoint (it stays in INSUFFICIENT_DATA)";
        }

        // Only a value the same on every branch: branch-dependent ones are judged per combination by the simulation.
        int? Literal(string name) => resolver.Read(Alarm.Resource, name) is { Count: 1 } readings && readings[0].When.IsAlways ? Count(readings[0].Number) : null;
        var (period, evaluationPeriods) = (Literal("Period"), Literal("EvaluationPeriods"));
        if (Watched.QueryId is null && period is not null && evaluationPeriods is > 0
            && RejectedWindow(period.Value, evaluationPeriods.Value, Alarm.Resource.Property("DatapointsToAlarm") is null ? evaluationPeriods.Value : Literal("DatapointsToAlarm") ?? 1) is { } rejected)
        {
            property = rejected.Property;
            return rejected.Reason + ", so CloudFormation never creates the alarm";
        }

        return null;
    }

    private static string Plural<T>(IReadOnlyCollection<T> items) => items.Count == 1 ? string.Empty : "s";

    private IReadOnlyList<AlarmVerdict> Simulate(FilterDetection detection, RepoGraph graph)
    {
        var resource = Alarm.Resource;
        var filterTemplate = detection.Resource.Template;
        var resolver = graph.Resolver;
        var isMath = Watched.QueryId is not null;
        var readings = new List<IReadOnlyList<Reading>>
        {
            resolver.Read(filterTemplate, Transformation["MetricValue"]),
            resolver.Read(filterTemplate, Transformation["DefaultValue"]),
            resolver.Read(resource, "EvaluationPeriods"),
            resolver.Read(resource, "DatapointsToAlarm"),
            resolver.Read(resource, "Threshold"),
            resolver.Read(resource, "ComparisonOperator"),
            resolver.Read(resource, "TreatMissingData", awsDefault: "missing"),
            isMath ? NotSet : resolver.Read(resource, "Period"),
            isMath ? NotSet : resource.Property("ExtendedStatistic") is { } extended ? resolver.Read(resource.Template, extended) : resolver.Read(resource, "Statistic"),
        };

        var verdicts = new List<AlarmVerdict>();
        foreach (var (values, when) in Combinations(readings))
        {
            foreach (var lifecycleEvent in LifecycleEvent.All)
            {
                if (lifecycleEvent.IsMatchedBy(detection.Pattern.Verdict))
                {
                    verdicts.Add(Verdict(detection, graph, lifecycleEvent, values, when));
                }
            }
        }

        return verdicts;
    }

    private AlarmVerdict Verdict(FilterDetection detection, RepoGraph graph, LifecycleEvent lifecycleEvent, IReadOnlyList<Reading> values, Branch when)
    {
        var (metricValue, defaultReading) = (values[0], values[1]);
        // CloudFormation requires MetricValue; where it is missing the usual 1 is taken.
        var eventValue = metricValue.IsDefault ? 1 : metricValue.Text is { } text ? lifecycleEvent.Sample.MetricValue(text) : null;
        var defaultValue = defaultReading.Number;
        var statisticText = values[8].Text ?? string.Empty;
        AlarmVerdict NotSimulated(string why) => new(lifecycleEvent, when, null, statisticText, Array.Empty<AlarmProblem>(), null, why, eventValue, defaultValue);

        if (values.FirstOrDefault(reading => reading.UnknownReason is not null) is { } unknown)
        {
            return NotSimulated(unknown.UnknownReason!);
        }

        if ((!metricValue.IsDefault && metricValue.Text is null) || (!defaultReading.IsDefault && defaultValue is null))
        {
            return NotSimulated("the filter's MetricValue or DefaultValue is not a literal number or a $.field");
        }

        var definitionProblem = Definition(values, graph, out var definition, out var statistic);
        if (definitionProblem is not null)
        {
            return NotSimulated(definitionProblem);
        }

        if (!EventDimensionsMatch(lifecycleEvent))
        {
            eventValue = null;
        }

        var feed = new MetricFeed(eventValue, defaultValue);
        var problems = new List<AlarmProblem>();
        int? delay = null;
        var current = definition!;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var quiet = AlarmSimulator.Simulate(current, feed, Activity.Quiet);
            var busy = AlarmSimulator.Simulate(current, feed, Activity.Busy);
            var failed = busy.Fires ? quiet : busy;
            if (failed.Fires)
            {
                delay = Math.Max(quiet.DelayPeriods!.Value, busy.DelayPeriods!.Value);
                break;
            }

            var property = PropertyOf(failed.Failure!.Value, current);
            problems.Add(new AlarmProblem(failed.Failure.Value, failed, quiet.Fires || busy.Fires, property, property == "MetricValue" ? Transformation.SpanOf("MetricValue") : Alarm.Resource.SpanOf(property)));
            if (Mended(current, failed) is not { } mended)
            {
                break;
            }

            current = mended;
        }

        return new AlarmVerdict(lifecycleEvent, when, definition, statistic, problems, problems.Count == 0 ? delay : null, null, eventValue, defaultValue);
    }

    /// <summary>A filter with Dimensions publishes each event under the dimension values taken from it; the alarm sees it only when those equal the values it names.</summary>
    private bool EventDimensionsMatch(LifecycleEvent lifecycleEvent)
    {
        if (Transformation["Dimensions"] is not MappingNode dimensions)
        {
            return true;
        }

        foreach (var entry in dimensions.Entries)
        {
            var wanted = Watched.Holder["Dimensions"]?.ListItems().FirstOrDefault(item => item.At("Name")?.ScalarText == entry.Key.Value)?.At("Value")?.ScalarText;
            var published = entry.Value.ScalarText is { } selector ? lifecycleEvent.Sample.FieldText(selector) : null;
            if (wanted is not null && published != wanted)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The simulation's alarm from one combination of values; a problem when it cannot be built.</summary>
    private string? Definition(IReadOnlyList<Reading> values, RepoGraph graph, out AlarmDefinition? definition, out string statisticText)
    {
        definition = null;
        statisticText = values[8].Text ?? string.Empty;
        if (!Enum.TryParse<Comparison>(values[5].Text ?? string.Empty, ignoreCase: false, out var comparison) || !Enum.IsDefined(typeof(Comparison), comparison))
        {
            return values[5].Text is null ? "ComparisonOperator is not set" : $"ComparisonOperator {values[5].Text} (anomaly detection) is not simulated";
        }

        var evaluationPeriods = Count(values[2].Number);
        var threshold = values[4].Number;
        var missing = values[6].Text switch
        {
            "missing" => MissingData.Missing,
            "ignore" => MissingData.Ignore,
            "breaching" => MissingData.Breaching,
            "notBreaching" => MissingData.NotBreaching,
            _ => (MissingData?)null,
        };
        if (evaluationPeriods is not > 0 || threshold is null || missing is null)
        {
            return evaluationPeriods is not > 0 ? "EvaluationPeriods is not a positive number" : threshold is null ? "Threshold is not a number (a ThresholdMetricId alarm?)" : $"TreatMissingData {values[6].Text} is not one CloudWatch knows";
        }

        var datapointsToAlarm = values[3].Number is { } written ? Count(written) ?? 0 : evaluationPeriods.Value;
        AlarmSeries? series;
        int period;
        if (Watched.QueryId is null)
        {
            period = Count(values[7].Number) ?? 0;
            series = Statistic.Parse(statisticText) is { } statistic ? new StatisticSeries(statistic) : null;
            if (series is null)
            {
                return statisticText.Length == 0 ? "neither Statistic nor ExtendedStatistic is set" : $"the statistic {statisticText} is not simulated";
            }
        }
        else if (MathSeries(graph, out series, out period, out var mathProblem, out statisticText) is false)
        {
            return mathProblem;
        }

        if (RejectedWindow(period, evaluationPeriods.Value, datapointsToAlarm) is { } rejected)
        {
            return rejected.Reason;
        }

        definition = new AlarmDefinition(series!, period, evaluationPeriods.Value, datapointsToAlarm, threshold.Value, comparison, missing.Value);
        return null;
    }

    /// <summary>A whole number CloudWatch could take as a count of seconds or periods; null for a fraction or one beyond an int.</summary>
    private static int? Count(double? number) =>
        number is { } value && value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue ? (int)value : null;

    /// <summary>
    /// Why CloudWatch's PutMetricAlarm refuses these numbers (so CloudFormation never creates the alarm), or null: Period is
    /// 10, 20, 30 or a multiple of 60; Period × EvaluationPeriods is at most 7 days, 1 day for a period under an hour;
    /// DatapointsToAlarm is between 1 and EvaluationPeriods. Checking it first also keeps the simulation's window bounded.
    /// </summary>
    private static (string Property, string Reason)? RejectedWindow(int period, int evaluationPeriods, int datapointsToAlarm)
    {
        if (period <= 0 || (period % 60 != 0 && period is not (10 or 20 or 30)))
        {
            return ("Period", $"CloudWatch rejects Period {period}: it must be 10, 20, 30 or a multiple of 60");
        }

        var limit = period < 3600 ? 86_400L : 604_800L;
        if ((long)period * evaluationPeriods > limit)
        {
            return ("EvaluationPeriods", $"CloudWatch rejects Period × EvaluationPeriods = {(long)period * evaluationPeriods:N0} s: at most {limit:N0} s{(period < 3600 ? " for a period under an hour" : string.Empty)}");
        }

        return datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods
            ? ("DatapointsToAlarm", $"CloudWatch rejects DatapointsToAlarm {datapointsToAlarm}: it must be between 1 and EvaluationPeriods ({evaluationPeriods})")
            : null;
    }

    /// <summary>
    /// A metric-math alarm: the query with ReturnData true (or the only expression), over MetricStat queries on the
    /// filter's metric. Queries on other metrics are not known, so such an alarm is not simulated.
    /// </summary>
    private bool MathSeries(RepoGraph graph, out AlarmSeries? series, out int period, out string? problem, out string returned)
    {
        series = null;
        period = 0;
        problem = null;
        returned = string.Empty;
        var template = Alarm.Resource.Template;
        var queries = Alarm.Resource.Property("Metrics")?.ListItems().OfType<MappingNode>().ToList() ?? new List<MappingNode>();
        var byId = new Dictionary<string, AlarmSeries>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            if (query["Id"]?.ScalarText is not { } id || query.At("MetricStat") is not MappingNode stat)
            {
                continue;
            }

            if (!ReferenceEquals(stat["Metric"], Watched.Holder))
            {
                problem = $"query {id} watches another metric, whose datapoints are not known";
                return false;
            }

            var statisticText = graph.Resolver.Resolve(template, stat["Stat"]).SingleLiteral ?? string.Empty;
            if (Statistic.Parse(statisticText) is not { } statistic)
            {
                problem = $"the statistic {statisticText} of query {id} is not simulated";
                return false;
            }

            period = Count(graph.Resolver.Read(template, stat["Period"]).FirstOrDefault()?.Number) ?? 0;
            byId[id] = new StatisticSeries(statistic);
        }

        var returning = queries.Where(query => graph.Resolver.Read(template, query["ReturnData"]).Any(reading => reading.Boolean == true)).ToList();
        var result = returning.Count == 1 ? returning[0] : queries.SingleOrDefault(query => query["Expression"] is not null);
        if (result?["Id"]?.ScalarText is not { } resultId)
        {
            problem = "no single query of Metrics returns the data the alarm evaluates";
            return false;
        }

        if (result["Expression"] is { } expression)
        {
            var text = graph.Resolver.Resolve(template, expression).SingleLiteral;
            var math = text is null ? null : MetricMath.TryParse(text, out problem);
            if (math is null)
            {
                problem ??= "the expression is not a literal";
                return false;
            }

            period = period > 0 ? period : Count(graph.Resolver.Read(template, result["Period"]).FirstOrDefault()?.Number) ?? 0;
            series = new ExpressionSeries(math, byId);
            returned = text!;
            return true;
        }

        series = byId[resultId];
        returned = graph.Resolver.Resolve(template, result.At("MetricStat", "Stat")).SingleLiteral ?? string.Empty;
        return true;
    }

    private string PropertyOf(AlarmFailure failure, AlarmDefinition alarm)
    {
        var statistic = Watched.QueryId is not null ? "Metrics" : Alarm.Resource.Property("ExtendedStatistic") is not null ? "ExtendedStatistic" : "Statistic";
        var lessThan = alarm.Comparison is Comparison.LessThanThreshold or Comparison.LessThanOrEqualToThreshold;
        return failure switch
        {
            AlarmFailure.NoEventDatapoint => "MetricValue",
            AlarmFailure.StatisticHidesEvent => statistic,
            AlarmFailure.ThresholdNotReached => lessThan ? "ComparisonOperator" : "Threshold",
            AlarmFailure.TooFewBreachingPeriods => Alarm.Resource.Property("DatapointsToAlarm") is not null ? "DatapointsToAlarm" : "EvaluationPeriods",
            AlarmFailure.AlreadyInAlarmFromMissingData => "TreatMissingData",
            _ => lessThan ? "ComparisonOperator" : alarm.Series is StatisticSeries { Statistic.Name: "SampleCount" } ? statistic : "Threshold",
        };
    }

    /// <summary>The alarm with the cause of one failure mended the usual way, to look for the next; null when there is no usual way.</summary>
    private static AlarmDefinition? Mended(AlarmDefinition alarm, AlarmOutcome failed)
    {
        var one = failed.EventAloneValue ?? failed.EventPeriodValue ?? 1;
        var sum = new StatisticSeries(Statistic.Parse("Sum")!);
        return failed.Failure switch
        {
            AlarmFailure.StatisticHidesEvent when alarm.Series is StatisticSeries => With(alarm, series: sum),
            AlarmFailure.ThresholdNotReached => With(alarm, comparison: Comparison.GreaterThanOrEqualToThreshold, threshold: Math.Min(one, alarm.Threshold)),
            AlarmFailure.TooFewBreachingPeriods => With(alarm, datapointsToAlarm: 1),
            AlarmFailure.AlreadyInAlarmFromMissingData => With(alarm, missing: MissingData.NotBreaching),
            AlarmFailure.AlreadyInAlarmFromOrdinaryTraffic when alarm.Comparison is Comparison.LessThanThreshold or Comparison.LessThanOrEqualToThreshold =>
                With(alarm, comparison: Comparison.GreaterThanOrEqualToThreshold),
            AlarmFailure.AlreadyInAlarmFromOrdinaryTraffic when alarm.Series is StatisticSeries { Statistic.Name: "SampleCount" } => With(alarm, series: sum),
            _ => null,
        };
    }

    private static AlarmDefinition With(
        AlarmDefinition alarm, AlarmSeries? series = null, Comparison? comparison = null, double? threshold = null, int? datapointsToAlarm = null, MissingData? missing = null) =>
        new(series ?? alarm.Series, alarm.PeriodSeconds, alarm.EvaluationPeriods, datapointsToAlarm ?? alarm.DatapointsToAlarm, threshold ?? alarm.Threshold,
            comparison ?? alarm.Comparison, missing ?? alarm.TreatMissingData);

    /// <summary>The reading of a property that is not set and has no AWS default the simulation could use.</summary>
    private static readonly IReadOnlyList<Reading> NotSet = new[] { new Reading(new AbsentValue(Branch.Always), isDefault: true) };

    /// <summary>Every combination of one reading per property, with the branch they hold under together; contradictions are left out.</summary>
    private static List<Combination> Combinations(IReadOnlyList<IReadOnlyList<Reading>> properties)
    {
        var combinations = new List<Combination> { new(new List<Reading>(), Branch.Always) };
        foreach (var readings in properties)
        {
            var options = readings.Count > 0 ? readings : NotSet;
            var next = new List<Combination>();
            foreach (var (values, when) in combinations)
            {
                foreach (var reading in options)
                {
                    if (when.And(reading.When) is { } combined && next.Count < MaxCombinations)
                    {
                        next.Add(new Combination(new List<Reading>(values) { reading }, combined));
                    }
                }
            }

            combinations = next;
        }

        return combinations;
    }

    /// <summary>One reading per property and the branch they hold under together (a class: value tuples are JIT-compiled at every start).</summary>
    private sealed record Combination(IReadOnlyList<Reading> Values, Branch When);

    internal static string Format(double number) => number.ToString("0.##", CultureInfo.InvariantCulture);
}
