using System.Globalization;

namespace KmsLint.Templates.Simulation;

/// <summary>
/// A CloudWatch statistic over the samples of one period. Percentiles take the nearest rank (the value below which
/// p % of the samples fall); the trimmed and windsorized families and percentile rank are not simulated.
/// </summary>
public sealed class Statistic
{
    private readonly Func<double[], double> compute;

    private Statistic(string name, Func<double[], double> compute)
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
            // Loops over arrays: LINQ over double is JIT-compiled at every start (ReadyToRun cannot precompile it).
            case "Sum":
                return new Statistic(text, Sum);
            case "SampleCount":
                return new Statistic(text, samples => samples.Length);
            case "Average":
                return new Statistic(text, samples => Sum(samples) / samples.Length);
            case "Minimum":
                return new Statistic(text, samples => Extreme(samples, (a, b) => a < b));
            case "Maximum":
                return new Statistic(text, samples => Extreme(samples, (a, b) => a > b));
        }

        if (text.Length > 1 && (text[0] == 'p' || text[0] == 'P')
            && double.TryParse(text.Substring(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100)
        {
            return new Statistic(text, samples => NearestRank(samples, percent));
        }

        return null;
    }

    /// <summary>The statistic of a period's samples; null (no datapoint) when the period has none.</summary>
    internal double? Of(double[] samples) => samples.Length == 0 ? null : compute(samples);

    private static double Sum(double[] samples)
    {
        var sum = 0.0;
        foreach (var sample in samples)
        {
            sum += sample;
        }

        return sum;
    }

    /// <summary>The sample that <paramref name="beats"/> every other (the smallest or the largest); samples is never empty.</summary>
    private static double Extreme(double[] samples, Func<double, double, bool> beats)
    {
        var extreme = samples[0];
        foreach (var sample in samples)
        {
            if (beats(sample, extreme))
            {
                extreme = sample;
            }
        }

        return extreme;
    }

    private static double NearestRank(double[] samples, double percent)
    {
        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Min(sorted.Length, Math.Max(1, rank)) - 1];
    }

    public override string ToString() => Name;
}
