namespace ReviewDesk.Web.Operations;

/// <summary>The operator board's charts: how the system behaved over the last hour or day, read at <paramref name="At"/>.</summary>
/// <param name="Range">The window.</param>
/// <param name="At">When it was read (the window's end).</param>
/// <param name="Bucket">The length of one bucket.</param>
/// <param name="Buckets">Oldest first.</param>
/// <param name="Steps">Per activity type, by name.</param>
/// <param name="LatencySampleCapped">
/// More attempts finished in the window than <see cref="OperationsHistoryQueries.LatencySampleSize"/>: the percentiles
/// are those of the most recent ones.
/// </param>
/// <param name="DueNow">Due work now.</param>
public sealed record OperationsHistory(
    HistoryRange Range, DateTimeOffset At, TimeSpan Bucket, IReadOnlyList<HistoryBucket> Buckets, IReadOnlyList<StepHistory> Steps,
    bool LatencySampleCapped, DueWork DueNow)
{
    /// <summary>Model cost per hour in each bucket (its cost scaled to an hour).</summary>
    public IEnumerable<double> CostPerHour => Buckets.Select(b => b.Cost * (TimeSpan.FromHours(1) / Bucket));
}
