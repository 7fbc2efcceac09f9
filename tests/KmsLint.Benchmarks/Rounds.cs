using System.Diagnostics;

namespace KmsLint.Benchmarks;

/// <summary>Interleaved measurement: each round runs every body once, so a noisy machine slows all of them alike.</summary>
internal static class Rounds
{
    /// <summary>Milliseconds per body and measured round (warm-up rounds discarded), with a full collection before each run.</summary>
    public static List<double>[] Measure(IReadOnlyList<Action> bodies, int warmups, int iterations)
    {
        var samples = bodies.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < warmups + iterations; round++)
        {
            for (var body = 0; body < bodies.Count; body++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var watch = Stopwatch.StartNew();
                bodies[body]();
                if (round >= warmups)
                {
                    samples[body].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        return samples;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
