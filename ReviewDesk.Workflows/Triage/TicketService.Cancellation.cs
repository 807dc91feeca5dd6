using Microsoft.Extensions.Logging;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class TicketService
{
    /// <summary>
    /// Cancels the ticket's workflow (an operator's act); the ticket becomes Cancelled in the same commit
    /// and leaves the review queue. A ticket whose workflow already finished (routed, rejected, cancelled) is a conflict.
    /// </summary>
    public async Task<TicketCancelResult> CancelAsync(string ticketId, string actor, string? reason, CancellationToken cancellationToken)
    {
        var ticket = await tickets.FindAsync(ticketId, cancellationToken);
        if (ticket is null) return new TicketCancelResult(TicketCancelOutcome.NotFound, null, $"no ticket {ticketId}");
        if (ticket.InstanceId is null)
        {
            return new TicketCancelResult(TicketCancelOutcome.Conflict, ToView(ticket), $"ticket {ticketId} has no workflow to cancel");
        }

        var result = await runtime.CancelAsync(ticket.InstanceId, actor, reason ?? "cancelled by an operator", cancellationToken);
        var view = await GetAsync(ticketId, cancellationToken);
        if (!result.Succeeded) return new TicketCancelResult(TicketCancelOutcome.Conflict, view, $"ticket {ticketId} cannot be cancelled: {result.Error}");
        logger.LogInformation("Ticket {TicketId}: workflow {InstanceId} cancelled by {Actor}", ticketId, ticket.InstanceId, actor);
        return new TicketCancelResult(TicketCancelOutcome.Cancelled, view, null);
    }
}
