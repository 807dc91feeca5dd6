namespace ReviewDesk.Workflows.Triage.Contracts;

/// <summary>Where a ticket was routed, with the labels the routing used.</summary>
/// <param name="Queue">The queue.</param>
/// <param name="Category">The final category.</param>
/// <param name="Priority">The final priority.</param>
public sealed record RouteResult(string Queue, string Category, string Priority);
