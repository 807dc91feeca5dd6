namespace ReviewDesk.Workflows.Triage;

/// <summary>The answer to cancelling a ticket.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Ticket">The ticket after the cancel (null when unknown).</param>
/// <param name="Message">Why not, as a sentence.</param>
public sealed record TicketCancelResult(TicketCancelOutcome Outcome, TicketView? Ticket, string? Message);
