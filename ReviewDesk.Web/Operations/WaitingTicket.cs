using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Operations;

/// <summary>A ticket waiting for a reviewer, and for how long; <c>Subject</c> is the redacted subject.</summary>
public sealed record WaitingTicket(string Id, string? Subject, string? ExternalId, TicketStatus Status, string? InstanceId, DateTimeOffset CreatedAt, TimeSpan Waiting);
