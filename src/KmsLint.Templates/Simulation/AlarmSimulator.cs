namespace KmsLint.Templates.Simulation;

/// <summary>Why a simulated alarm does not notify on the lifecycle event.</summary>
public enum AlarmFailure
{
    /// <summary>The event's log event publishes no value (e.g. its <c>MetricValue</c> field is not in the record).</summary>
    NoEventDatapoint,

    /// <summary>The event alone would breach, but the period's other samples (DefaultValue) pull the statistic back.</summary>
    StatisticHidesEvent,

    /// <summary>Even alone, the event's datapoint does not breach the threshold in that direction.</summary>
    ThresholdNotReached,

    /// <summary>The event breaches one period, but the alarm needs more breaching periods than it gets.</summary>
    TooFewBreachingPeriods,

    /// <summary>Missing data counts as breaching: the alarm already sits in ALARM, so the event changes no state.</summary>
    AlreadyInAlarmFromMissingData,

    /// <summary>Ordinary minutes (their DefaultValue) already breach: the alarm sits in ALARM, so the event changes no state.</summary>
    AlreadyInAlarmFromOrdinaryTraffic,
}

/// <summary>What the simulation of one alarm, one scenario and one event found.</summary>
public sealed class AlarmOutcome
{
    private AlarmOutcome(Activity activity, int? delayPeriods, AlarmFailure? failure, double? eventPeriodValue, double? eventAloneValue)
    {
        Activity = activity;
        DelayPeriods = delayPeriods;
        Failure = failure;
        EventPeriodValue = eventPeriodValue;
        EventAloneValue = eventAloneValue;
    }

    public Activity Activity { get; }

    /// <summary>True when the alarm goes into ALARM (invoking its AlarmActions) because of the event.</summary>
    public bool Fires => DelayPeriods is not null;

    /// <summary>Full periods after the event's period at whose end the alarm goes into ALARM (0: that period's end).</summary>
    public int? DelayPeriods { get; }

    public AlarmFailure? Failure { get; }

    /// <summary>The value compared with the threshold for the event's period (null: no datapoint).</summary>
    public double? EventPeriodValue { get; }

    /// <summary>The statistic of the event's sample alone, where that differs from <see cref="EventPeriodValue"/>.</summary>
    public double? EventAloneValue { get; }

    internal static AlarmOutcome Fired(Activity activity, int delay, double? value) => new(activity, delay, null, value, null);

    internal static AlarmOutcome Failed(Activity activity, AlarmFailure failure, double? value, double? alone) => new(activity, null, failure, value, alone);
}

/// <summary>
/// Simulates a CloudWatch alarm on a metric-filter metric, as CloudWatch documents it: a long quiet (or busy) time,
/// then one lifecycle event. Metric filters publish per minute: the event's value in its minute, and the filter's
/// DefaultValue in every other minute that has logs (busy) — none when there are no logs (quiet). Each period's
/// statistic is compared with the threshold; the M-out-of-N evaluation treats missing periods as configured,
/// including the rule that a breaching datapoint at least M periods old followed only by missing ones is ALARM
/// (CloudWatch's "premature alarm" avoidance). Pure: no template, no I/O.
/// </summary>
public static class AlarmSimulator
{
    private enum State
    {
        InsufficientData,
        Ok,
        Alarm,
    }

    public static AlarmOutcome Simulate(AlarmDefinition alarm, MetricFeed feed, Activity activity)
    {
        var n = Math.Max(1, alarm.EvaluationPeriods);
        var eventPeriod = n + 3;
        var periods = eventPeriod + n + 2;
        var samples = Samples(alarm, feed, activity, periods, eventPeriod);
        var values = alarm.Series.Values(samples);
        var states = Evaluate(alarm, values, out var filledAsBreaching);

        var value = values[eventPeriod];
        if (states[eventPeriod - 1] == State.Alarm)
        {
            // An alarm in ALARM on ordinary traffic tells nobody anything about the event, whatever it does next.
            return AlarmOutcome.Failed(activity, filledAsBreaching[eventPeriod - 1] ? AlarmFailure.AlreadyInAlarmFromMissingData : AlarmFailure.AlreadyInAlarmFromOrdinaryTraffic, value, null);
        }

        for (var t = eventPeriod; t < periods; t++)
        {
            if (states[t] == State.Alarm && states[t - 1] != State.Alarm)
            {
                return AlarmOutcome.Fired(activity, t - eventPeriod, value);
            }
        }

        if (feed.EventValue is not { } eventValue)
        {
            return AlarmOutcome.Failed(activity, AlarmFailure.NoEventDatapoint, value, null);
        }

        if (value is { } compared && alarm.Breaches(compared))
        {
            return AlarmOutcome.Failed(activity, AlarmFailure.TooFewBreachingPeriods, value, null);
        }

        var alone = alarm.Series.Values(new[] { new[] { eventValue } })[0];
        return alone is { } aloneValue && alarm.Breaches(aloneValue) && !Equals(alone, value)
            ? AlarmOutcome.Failed(activity, AlarmFailure.StatisticHidesEvent, value, alone)
            : AlarmOutcome.Failed(activity, AlarmFailure.ThresholdNotReached, value, alone);
    }

    /// <summary>
    /// The samples of each period, minute by minute. Arrays of double, not lists: ReadyToRun cannot precompile
    /// List&lt;double&gt; and LINQ over it, which every start then JIT-compiled.
    /// </summary>
    private static IReadOnlyList<double[]> Samples(AlarmDefinition alarm, MetricFeed feed, Activity activity, int periods, int eventPeriod)
    {
        var perPeriod = new List<double[]>(periods);
        for (var p = 0; p < periods; p++)
        {
            // A log event matched the event period's first minute: the filter publishes its value, not the DefaultValue.
            var eventSample = p == eventPeriod ? feed.EventValue : null;
            var defaultSamples = activity == Activity.Busy && feed.DefaultValue is not null ? alarm.MinutesPerPeriod - (p == eventPeriod ? 1 : 0) : 0;
            var samples = new double[(eventSample is null ? 0 : 1) + defaultSamples];
            var next = 0;
            if (eventSample is { } value)
            {
                samples[next++] = value;
            }

            while (next < samples.Length)
            {
                samples[next++] = feed.DefaultValue!.Value;
            }

            perPeriod.Add(samples);
        }

        return perPeriod;
    }

    /// <summary>The alarm state at the end of each period, and where missing periods were taken as breaching.</summary>
    private static State[] Evaluate(AlarmDefinition alarm, double?[] values, out bool[] filledAsBreaching)
    {
        var n = Math.Max(1, alarm.EvaluationPeriods);
        var m = Math.Min(n, Math.Max(1, alarm.DatapointsToAlarm));
        var states = new State[values.Length];
        filledAsBreaching = new bool[values.Length];
        var state = State.InsufficientData;
        for (var t = 0; t < values.Length; t++)
        {
            // Oldest first; null is a missing datapoint.
            var window = new bool?[n];
            for (var i = 0; i < n; i++)
            {
                var at = t - n + 1 + i;
                window[i] = at >= 0 && values[at] is { } value ? alarm.Breaches(value) : null;
            }

            state = Next(alarm.TreatMissingData, window, m, state, out filledAsBreaching[t]);
            states[t] = state;
        }

        return states;
    }

    private static State Next(MissingData treatment, bool?[] window, int m, State current, out bool filledAsBreaching)
    {
        filledAsBreaching = false;
        var present = Count(window, point => point is not null);
        switch (treatment)
        {
            case MissingData.Breaching:
                filledAsBreaching = present < window.Length;
                return Count(window, point => point ?? true) >= m ? State.Alarm : State.Ok;
            case MissingData.NotBreaching:
                return Count(window, point => point ?? false) >= m ? State.Alarm : State.Ok;
        }

        // missing and ignore: only the datapoints that exist are judged.
        if (present == 0)
        {
            return treatment == MissingData.Ignore ? current : State.InsufficientData;
        }

        if (Count(window, point => point == true) >= m || IsPrematureAlarm(window, m))
        {
            return State.Alarm;
        }

        return Count(window, point => point == false) > 0 ? State.Ok : current;
    }

    /// <summary>The datapoints of the window that satisfy <paramref name="predicate"/>. A loop: LINQ over bool? is JIT-compiled at every start.</summary>
    private static int Count(bool?[] window, Func<bool?, bool> predicate)
    {
        var count = 0;
        foreach (var point in window)
        {
            if (predicate(point))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// CloudWatch goes into ALARM when the oldest breaching datapoint of the window is at least M periods old and every
    /// more recent one is breaching or missing, even with fewer than M datapoints.
    /// </summary>
    private static bool IsPrematureAlarm(bool?[] window, int m)
    {
        var oldest = 0;
        while (oldest < window.Length && window[oldest] != true)
        {
            oldest++;
        }

        oldest = oldest < window.Length ? oldest : -1;
        if (oldest < 0 || window.Length - oldest < m)
        {
            return false;
        }

        for (var i = oldest + 1; i < window.Length; i++)
        {
            if (window[i] == false)
            {
                return false;
            }
        }

        return true;
    }
}
