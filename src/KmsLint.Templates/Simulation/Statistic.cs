using System.Globalization;

namespace KmsLint.Templates.Simulation;

/// <summary>
/// A CloudWatch statistic over the samples of one period. Percentiles take the nearest rank (the value below which
/// p % of the samples fall); the trimmed and windsorized families and percentile rank are not simulated.
/// </summary>
public sealed class Statistic
{
    private readonly Func<IReadOnlyList<double>, double> compute;

    private Statistic(string name, Func<IReadOnlyList<double>, double> compute)
    {
        Name = name;
        this.compute = compute;
    }

    public string Name { get; }

    /// <summary>The statistic of <c>Statistic</c> or <c>ExtendedStatistic</c> text; null when it is not one the simulation computes.</summary>
    public static Statistic? Parse(string text)
    {
        switch (text)
        {
            case "Sum":
                return new Statistic(text, samples => samples.Sum());
            case "SampleCount":
                return new Statistic(text, samples => samples.Count);
            case "Average":
                return new Statistic(text, samples => samples.Average());
            case "Minimum":
                return new Statistic(text, samples => samples.Min());
            case "Maximum":
                return new Statistic(text, samples => samples.Max());
        }

        if (text.Length > 1 && (text[0] == 'p' || text[0] == 'P')
            && double.TryParse(text.Substring(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100)
        {
            return new Statistic(text, samples => NearestRank(samples, percent));
        }

        return null;
    }

    /// <summary>The statistic of a period's samples; null (no datapoint) when the period has none.</summary>
    internal double? Of(IReadOnlyList<double> samples) => samples.Count == 0 ? null : compute(samples);

    private static double NearestRank(IReadOnlyList<double> samples, double percent)
    {
        var sorted = samples.OrderBy(sample => sample).ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Min(sorted.Count, Math.Max(1, rank)) - 1];
    }

    public override string ToString() => Name;
}
