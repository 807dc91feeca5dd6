namespace ReviewDesk.Web.Operations;

/// <summary>Tickets decided (routed or rejected) in the bucket starting at <paramref name="Start"/>.</summary>
public sealed record ThroughputBucket(DateTimeOffset Start, int Decided);
