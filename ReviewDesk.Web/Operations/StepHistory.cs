namespace ReviewDesk.Web.Operations;

/// <summary>One activity type's attempts over the history's window.</summary>
/// <param name="ActivityType">The activity type.</param>
/// <param name="Attempts">Attempts that finished in the window.</param>
/// <param name="Failures">Of those, the failed ones.</param>
/// <param name="Retries">Of those, the retries (attempt 2 or later).</param>
/// <param name="P50Milliseconds">Median attempt duration over the window (of the latency sample), null with no attempt.</param>
/// <param name="P95Milliseconds">95th percentile, nearest rank.</param>
/// <param name="P50ByBucket">The median per bucket, null where it had no attempt.</param>
/// <param name="P95ByBucket">The 95th percentile per bucket, null where it had no attempt.</param>
public sealed record StepHistory(
    string ActivityType, int Attempts, int Failures, int Retries, double? P50Milliseconds, double? P95Milliseconds,
    IReadOnlyList<double?> P50ByBucket, IReadOnlyList<double?> P95ByBucket)
{
    /// <summary>Failed attempts per attempt, 0 with none.</summary>
    public double FailureRate => Attempts == 0 ? 0 : (double)Failures / Attempts;

    /// <summary>Retries per attempt, 0 with none.</summary>
    public double RetryRate => Attempts == 0 ? 0 : (double)Retries / Attempts;
}
