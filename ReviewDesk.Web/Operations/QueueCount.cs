namespace ReviewDesk.Web.Operations;

/// <summary>How many tickets a queue holds; <paramref name="Queue"/> is null for tickets not routed yet.</summary>
public sealed record QueueCount(string? Queue, int Count);
