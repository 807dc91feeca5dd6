using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Operations;

/// <summary>The ticket behind a problem instance: its redacted subject (null until scrubbed) and its status.</summary>
public sealed record ProblemTicket(string Id, string? Subject, TicketStatus Status);
