using System.Globalization;

namespace ReviewDesk.Harness;

/// <summary>Percentiles of a set of latencies in milliseconds (nearest rank: a value that was measured, never an interpolation).</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    /// <summary>Summarises <paramref name="milliseconds"/>; all zeros when it is empty.</summary>
    public static LatencySummary From(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0)
            : new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>The nearest-rank percentile of ascending <paramref name="sorted"/>: the smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {P50:F1}  p90 {P90:F1}  p99 {P99:F1}  max {Max:F1}  count {Count}");
}
