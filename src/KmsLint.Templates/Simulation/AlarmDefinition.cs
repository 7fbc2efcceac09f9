namespace KmsLint.Templates.Simulation;

/// <summary>How a CloudWatch alarm treats a period without datapoints (<c>TreatMissingData</c>).</summary>
public enum MissingData
{
    Missing,
    Ignore,
    Breaching,
    NotBreaching,
}

/// <summary>The static <c>ComparisonOperator</c>s (anomaly-detection bands are not simulated).</summary>
public enum Comparison
{
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
}

/// <summary>
/// How busy the log group is around the event: <see cref="Quiet"/>, no other log event for a long time;
/// <see cref="Busy"/>, other (non-matching) CloudTrail events in every minute.
/// </summary>
public enum Activity
{
    Quiet,
    Busy,
}

/// <summary>
/// What a metric filter publishes for the simulation: <see cref="EventValue"/> for the lifecycle event's log event
/// (null when that event yields no value, e.g. a <c>MetricValue</c> field it does not have), and
/// <see cref="DefaultValue"/> for every minute in which logs are ingested but none matches (CloudWatch Logs).
/// </summary>
public sealed class MetricFeed
{
    public MetricFeed(double? eventValue, double? defaultValue)
    {
        EventValue = eventValue;
        DefaultValue = defaultValue;
    }

    public double? EventValue { get; }

    public double? DefaultValue { get; }
}

/// <summary>A series of one value per alarm period: a statistic of the filter's metric, or a metric-math expression.</summary>
public abstract class AlarmSeries
{
    private protected AlarmSeries()
    {
    }

    /// <summary>The value per period (null: no datapoint), from the samples of each period.</summary>
    internal abstract double?[] Values(IReadOnlyList<double[]> samplesPerPeriod);
}

/// <summary>A statistic (<c>Sum</c>, <c>Average</c>, <c>p90</c>, ...) of the filter's metric per period.</summary>
public sealed class StatisticSeries : AlarmSeries
{
    public StatisticSeries(Statistic statistic) => Statistic = statistic;

    public Statistic Statistic { get; }

    internal override double?[] Values(IReadOnlyList<double[]> samplesPerPeriod)
    {
        var values = new double?[samplesPerPeriod.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Statistic.Of(samplesPerPeriod[i]);
        }

        return values;
    }
}

/// <summary>A metric-math expression over other series (see <see cref="MetricMath"/>).</summary>
public sealed class ExpressionSeries : AlarmSeries
{
    public ExpressionSeries(MetricMath expression, IReadOnlyDictionary<string, AlarmSeries> queries)
    {
        Expression = expression;
        Queries = queries;
    }

    public MetricMath Expression { get; }

    /// <summary>The queries the expression can name, by id (never the expression itself: the builder leaves cycles out).</summary>
    public IReadOnlyDictionary<string, AlarmSeries> Queries { get; }

    internal override double?[] Values(IReadOnlyList<double[]> samplesPerPeriod)
    {
        var inputs = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        foreach (var query in Queries)
        {
            inputs[query.Key] = query.Value.Values(samplesPerPeriod);
        }

        var metrics = Queries.Where(query => query.Value is StatisticSeries).Select(query => query.Key).ToList();
        return Expression.Evaluate(inputs, metrics, samplesPerPeriod.Count);
    }
}

/// <summary>A CloudWatch alarm as the simulation needs it.</summary>
public sealed class AlarmDefinition
{
    public AlarmDefinition(AlarmSeries series, int periodSeconds, int evaluationPeriods, int datapointsToAlarm, double threshold, Comparison comparison, MissingData treatMissingData)
    {
        Series = series;
        PeriodSeconds = periodSeconds;
        EvaluationPeriods = evaluationPeriods;
        DatapointsToAlarm = datapointsToAlarm;
        Threshold = threshold;
        Comparison = comparison;
        TreatMissingData = treatMissingData;
    }

    public AlarmSeries Series { get; }

    public int PeriodSeconds { get; }

    /// <summary>N of "M out of N".</summary>
    public int EvaluationPeriods { get; }

    /// <summary>M of "M out of N".</summary>
    public int DatapointsToAlarm { get; }

    public double Threshold { get; }

    public Comparison Comparison { get; }

    public MissingData TreatMissingData { get; }

    /// <summary>The minutes of CloudWatch Logs data one period holds (metric filters publish per minute).</summary>
    internal int MinutesPerPeriod => Math.Max(1, PeriodSeconds / 60);

    internal bool Breaches(double value) => Comparison switch
    {
        Comparison.GreaterThanOrEqualToThreshold => value >= Threshold,
        Comparison.GreaterThanThreshold => value > Threshold,
        Comparison.LessThanThreshold => value < Threshold,
        _ => value <= Threshold,
    };
}
