using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Operations;

/// <summary>A ticket waiting for a reviewer, and for how long.</summary>
public sealed record WaitingTicket(string Id, string? ExternalId, TicketStatus Status, string? InstanceId, DateTimeOffset CreatedAt, TimeSpan Waiting);
