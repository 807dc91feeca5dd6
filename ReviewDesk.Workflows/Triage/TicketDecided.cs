namespace ReviewDesk.Workflows.Triage;

/// <summary>A reviewer's decision reached the ticket's workflow (announced once, not for repeats of the same request).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Action"><c>approve</c>, <c>reject</c> or <c>escalate</c> (which keeps the ticket in the queue).</param>
/// <param name="Actor">The reviewer.</param>
/// <param name="At">When.</param>
public sealed record TicketDecided(string TicketId, string Action, string Actor, DateTimeOffset At) : ReviewEvent(TicketId, Actor, At);
