using KmsLint.Templates.Simulation;

namespace KmsLint.Templates.Tests.Simulation;

/// <summary>One lifecycle event after a long quiet or busy time: does the alarm go into ALARM, and when?</summary>
public class AlarmSimulatorTests
{
    private static AlarmDefinition Alarm(
        string statistic = "Sum", int period = 300, int evaluationPeriods = 1, int? datapointsToAlarm = null, double threshold = 1,
        Comparison comparison = Comparison.GreaterThanOrEqualToThreshold, MissingData missing = MissingData.Missing) =>
        new(new StatisticSeries(Statistic.Parse(statistic)!), period, evaluationPeriods, datapointsToAlarm ?? evaluationPeriods, threshold, comparison, missing);

    private static AlarmOutcome Run(AlarmDefinition alarm, Activity activity, double? eventValue = 1, double? defaultValue = null) =>
        AlarmSimulator.Simulate(alarm, new MetricFeed(eventValue, defaultValue), activity);

    [Theory]
    [InlineData(Activity.Quiet)]
    [InlineData(Activity.Busy)]
    public void The_CIS_alarm_fires_at_the_end_of_the_event_period(Activity activity)
    {
        var outcome = Run(Alarm(missing: MissingData.NotBreaching), activity, defaultValue: 0);

        Assert.Equal(0, outcome.DelayPeriods);
    }

    [Theory]
    [InlineData("Average", 300, false)]
    [InlineData("Minimum", 300, false)]
    [InlineData("p50", 300, false)]
    [InlineData("p90", 300, true)]
    [InlineData("Maximum", 300, true)]
    [InlineData("Sum", 300, true)]
    [InlineData("Average", 60, true)]
    public void In_a_busy_log_group_the_default_zeros_hide_the_event_from_some_statistics(string statistic, int period, bool fires)
    {
        var busy = Run(Alarm(statistic, period), Activity.Busy, defaultValue: 0);
        var quiet = Run(Alarm(statistic, period), Activity.Quiet, defaultValue: 0);

        Assert.True(quiet.Fires);
        Assert.Equal(fires, busy.Fires);
        if (!fires)
        {
            Assert.Equal(AlarmFailure.StatisticHidesEvent, busy.Failure);
            Assert.Equal(1, busy.EventAloneValue);
        }
    }

    [Fact]
    public void Average_over_five_minutes_with_default_zero_is_one_fifth()
    {
        var outcome = Run(Alarm("Average"), Activity.Busy, defaultValue: 0);

        Assert.Equal(0.2, outcome.EventPeriodValue!.Value, 10);
    }

    [Fact]
    public void SampleCount_with_a_default_value_sits_in_alarm_on_ordinary_traffic()
    {
        var busy = Run(Alarm("SampleCount"), Activity.Busy, defaultValue: 0);
        var quiet = Run(Alarm("SampleCount"), Activity.Quiet, defaultValue: 0);

        Assert.Equal(AlarmFailure.AlreadyInAlarmFromOrdinaryTraffic, busy.Failure);
        Assert.True(quiet.Fires);
    }

    [Theory]
    [InlineData(Activity.Quiet, null)]
    [InlineData(Activity.Busy, null)]
    [InlineData(Activity.Quiet, 0.0)]
    public void Missing_data_treated_as_breaching_keeps_the_alarm_in_alarm(Activity activity, double? defaultValue)
    {
        var outcome = Run(Alarm(missing: MissingData.Breaching), activity, defaultValue: defaultValue);

        Assert.Equal(AlarmFailure.AlreadyInAlarmFromMissingData, outcome.Failure);
    }

    [Fact]
    public void Missing_data_treated_as_breaching_works_only_while_every_minute_has_logs()
    {
        Assert.True(Run(Alarm(missing: MissingData.Breaching), Activity.Busy, defaultValue: 0).Fires);
    }

    [Theory]
    [InlineData(MissingData.Missing, null, 2)]
    [InlineData(MissingData.Ignore, null, 2)]
    [InlineData(MissingData.NotBreaching, null, null)]
    [InlineData(MissingData.Missing, 0.0, null)]
    public void Three_of_three_fires_late_through_the_premature_alarm_rule_only_when_the_other_periods_are_missing(MissingData missing, double? defaultValue, int? delay)
    {
        var outcome = Run(Alarm(evaluationPeriods: 3, missing: missing), Activity.Busy, defaultValue: defaultValue);

        Assert.Equal(delay, outcome.DelayPeriods);
        if (delay is null)
        {
            Assert.Equal(AlarmFailure.TooFewBreachingPeriods, outcome.Failure);
        }
    }

    [Fact]
    public void One_of_five_fires_at_once()
    {
        Assert.Equal(0, Run(Alarm(evaluationPeriods: 5, datapointsToAlarm: 1, missing: MissingData.NotBreaching), Activity.Busy, defaultValue: 0).DelayPeriods);
    }

    [Theory]
    [InlineData(5, Comparison.GreaterThanOrEqualToThreshold)]
    [InlineData(1, Comparison.GreaterThanThreshold)]
    public void A_threshold_one_event_cannot_reach_never_fires(double threshold, Comparison comparison)
    {
        var outcome = Run(Alarm(threshold: threshold, comparison: comparison), Activity.Quiet);

        Assert.Equal(AlarmFailure.ThresholdNotReached, outcome.Failure);
        Assert.Equal(1, outcome.EventPeriodValue);
    }

    [Fact]
    public void A_less_than_alarm_never_fires_on_the_event()
    {
        Assert.False(Run(Alarm(comparison: Comparison.LessThanThreshold, missing: MissingData.NotBreaching), Activity.Quiet).Fires);
        Assert.Equal(AlarmFailure.AlreadyInAlarmFromOrdinaryTraffic, Run(Alarm(comparison: Comparison.LessThanThreshold), Activity.Busy, defaultValue: 0).Failure);
    }

    [Fact]
    public void An_event_that_publishes_no_value_never_fires()
    {
        Assert.Equal(AlarmFailure.NoEventDatapoint, Run(Alarm(), Activity.Quiet, eventValue: null).Failure);
    }

    [Theory]
    [InlineData("FILL(m1, 0)", true)]
    [InlineData("SUM(METRICS())", true)]
    [InlineData("IF(m1 >= 1, 1, 0)", true)]
    [InlineData("m1 * 0", false)]
    [InlineData("(m1 + m1) / 2 > 0.5 AND m1 < 10", true)]
    [InlineData("MAX([m1, FILL(m1, REPEAT)])", true)]
    public void Metric_math_is_evaluated_per_period(string expression, bool fires)
    {
        var math = MetricMath.TryParse(expression, out var problem);
        Assert.Null(problem);
        var series = new ExpressionSeries(math!, new Dictionary<string, AlarmSeries> { ["m1"] = new StatisticSeries(Statistic.Parse("Sum")!) });
        var alarm = new AlarmDefinition(series, 300, 1, 1, 1, Comparison.GreaterThanOrEqualToThreshold, MissingData.NotBreaching);

        Assert.Equal(fires, AlarmSimulator.Simulate(alarm, new MetricFeed(1, null), Activity.Quiet).Fires);
    }

    [Theory]
    [InlineData("ANOMALY_DETECTION_BAND(m1)", "the function ANOMALY_DETECTION_BAND is not simulated")]
    [InlineData("m1 +", "the expression ends early")]
    [InlineData("(m1", "a '(' is not closed")]
    [InlineData("FILL(m1)", "FILL takes 2 arguments")]
    public void Metric_math_outside_the_simulated_part_says_why(string expression, string problem)
    {
        Assert.Null(MetricMath.TryParse(expression, out var actual));
        Assert.Equal(problem, actual);
    }

    [Fact]
    public void Deeply_nested_metric_math_is_refused_not_a_stack_overflow()
    {
        Assert.Null(MetricMath.TryParse(new string('(', 100_000) + "m1" + new string(')', 100_000), out var problem));
        Assert.Contains("longer than", problem);
        Assert.Null(MetricMath.TryParse(new string('(', 500) + "m1" + new string(')', 500), out problem));
        Assert.Contains("nests deeper", problem);
    }

    [Theory]
    [InlineData("tm99")]
    [InlineData("IQM")]
    [InlineData("PR(0:1)")]
    [InlineData("Median")]
    public void Statistics_outside_the_simulation_are_not_guessed(string statistic)
    {
        Assert.Null(Statistic.Parse(statistic));
    }
}
