namespace ReviewDesk.Web.Operations;

/// <summary>Decisions over a recent window in equal buckets, and the median time from submission to decision.</summary>
/// <param name="Buckets">Oldest first.</param>
/// <param name="MedianMinutesToDecision">Null when nothing was decided in the window.</param>
public sealed record Throughput(IReadOnlyList<ThroughputBucket> Buckets, double? MedianMinutesToDecision);
