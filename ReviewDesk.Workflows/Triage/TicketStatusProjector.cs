using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Keeps a ticket's row status in step with its workflow when the workflow ends outside the triage
/// activities: cancelled by an operator (Cancelled) or faulted (Failed), and back to Triaging when an
/// operator retries a faulted one. Runs in every process, on the events of the commits made there.
/// </summary>
internal sealed class TicketStatusProjector(
    WorkflowEventStream events, IDbContextFactory<TriageDbContext> contexts, TimeProvider time, ILogger<TicketStatusProjector> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var evt in events.ReadAllAsync(stoppingToken))
            {
                if (evt is not InstanceChanged { Status: WorkflowStatus.Cancelled or WorkflowStatus.Faulted or WorkflowStatus.Running } changed) continue;
                try
                {
                    await ProjectAsync(changed, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Updating ticket {TicketId} after its workflow became {Status} failed", changed.BusinessKey, changed.Status);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ProjectAsync(InstanceChanged changed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticket = db.Tickets.Where(t => t.Id == changed.BusinessKey && t.InstanceId == changed.InstanceId);
        // Every committed step announces Running: only a ticket marked Failed (its workflow being retried)
        // needs a write, and a read first keeps the others from taking the write lock.
        if (changed.Status == WorkflowStatus.Running && !await ticket.AnyAsync(t => t.Status == TicketStatus.Failed, cancellationToken)) return;
        _ = changed.Status switch
        {
            WorkflowStatus.Cancelled => await ticket.Where(t => t.Status != TicketStatus.Routed && t.Status != TicketStatus.Rejected)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Cancelled).SetProperty(t => t.UpdatedAt, now), cancellationToken),
            WorkflowStatus.Faulted => await ticket.Where(t => t.Status != TicketStatus.Routed && t.Status != TicketStatus.Rejected)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Failed).SetProperty(t => t.UpdatedAt, now), cancellationToken),
            _ => await ticket.Where(t => t.Status == TicketStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Triaging).SetProperty(t => t.UpdatedAt, now), cancellationToken),
        };
    }
}
