using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class ReviewQueue
{
    /// <summary>How long a claim lasts.</summary>
    public TimeSpan ClaimDuration => options.Value.ClaimDuration;

    /// <summary>
    /// Claims a pending ticket for <paramref name="reviewer"/> for <see cref="ReviewQueueOptions.ClaimDuration"/>,
    /// or renews the reviewer's own claim. One conditional UPDATE decides, so of two concurrent claims
    /// exactly one wins. A lapsed claim is free; <paramref name="takeOver"/> (an admin's) takes a live one.
    /// A new claim and a take-over are audited in the same transaction; a renewal of one's own live claim is not.
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(string ticketId, string reviewer, bool takeOver, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        var now = time.GetUtcNow();
        var until = now + ClaimDuration;
        DateTimeOffset? nowOrNull = now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One write transaction: the claim as it was, the change, and its audit entry commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.ClaimedBy, t.ClaimedUntil }).SingleOrDefaultAsync(cancellationToken);
        var won = await Pending(db)
            .Where(t => t.Id == ticketId && (takeOver || t.ClaimedBy == null || t.ClaimedBy == reviewer || t.ClaimedUntil <= nowOrNull))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ClaimedBy, reviewer)
                .SetProperty(t => t.ClaimedUntil, until)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (won == 1)
        {
            var live = before?.ClaimedUntil > now ? before.ClaimedBy : null;
            // Renewing one's own live claim (every few minutes while a ticket is open) is not an audit event.
            if (live != reviewer)
            {
                var detail = new JsonObject { ["claimedUntil"] = until };
                if (live is not null) detail["from"] = live;
                else if (before?.ClaimedBy is { } lapsed) detail["lapsedClaimOf"] = lapsed;
                AuditLog.Stage(db, new AuditEvent(reviewer, live is null ? AuditActions.Claim : AuditActions.TakeOver, ticketId, Detail: detail), now);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Ticket {TicketId} claimed until {Until}{TakeOver}", ticketId, until, takeOver ? " (take-over)" : "");
            events.Publish(new TicketClaimChanged(ticketId, reviewer, until, reviewer, now));
            return new ClaimResult(ClaimOutcome.Claimed, ticketId, reviewer, until, null);
        }

        return await RefusalAsync(db, ticketId, now, cancellationToken);
    }

    /// <summary>
    /// Ends <paramref name="reviewer"/>'s claim. Releasing a ticket nobody holds (or whose claim lapsed)
    /// succeeds and changes nothing; another reviewer's live claim is refused unless <paramref name="takeOver"/>.
    /// </summary>
    public async Task<ClaimResult> ReleaseAsync(string ticketId, string reviewer, bool takeOver, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        var now = time.GetUtcNow();
        DateTimeOffset? nowOrNull = now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => t.ClaimedBy).SingleOrDefaultAsync(cancellationToken);
        var released = await db.Tickets
            .Where(t => t.Id == ticketId && t.ClaimedBy != null && (takeOver || t.ClaimedBy == reviewer || t.ClaimedUntil <= nowOrNull))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ClaimedBy, (string?)null)
                .SetProperty(t => t.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (released == 1)
        {
            AuditLog.Stage(db, new AuditEvent(reviewer, AuditActions.Release, ticketId, Detail: new JsonObject { ["holder"] = before }), now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Ticket {TicketId} released", ticketId);
            events.Publish(new TicketClaimChanged(ticketId, null, null, reviewer, now));
            return new ClaimResult(ClaimOutcome.Released, ticketId, null, null, null);
        }

        var row = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.ClaimedBy, t.ClaimedUntil }).SingleOrDefaultAsync(cancellationToken);
        if (row is null) return new ClaimResult(ClaimOutcome.NotFound, ticketId, null, null, $"no ticket {ticketId}");
        return row.ClaimedBy is { } holder && row.ClaimedUntil > now
            ? new ClaimResult(ClaimOutcome.ClaimedByOther, ticketId, holder, row.ClaimedUntil, ClaimedMessage(ticketId, holder, row.ClaimedUntil))
            : new ClaimResult(ClaimOutcome.Released, ticketId, null, null, null);
    }

    private static async Task<ClaimResult> RefusalAsync(Persistence.TriageDbContext db, string ticketId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.Status, t.Decision, t.ClaimedBy, t.ClaimedUntil }).SingleOrDefaultAsync(cancellationToken);
        if (row is null) return new ClaimResult(ClaimOutcome.NotFound, ticketId, null, null, $"no ticket {ticketId}");
        if (row.Status is not (TicketStatus.AwaitingReview or TicketStatus.Escalated) || row.Decision is not null)
        {
            return new ClaimResult(ClaimOutcome.NotPending, ticketId, null, null, $"ticket {ticketId} is not awaiting review (it is {row.Status})");
        }

        // The claim that beat this one may lapse between the UPDATE and this read; it was live when it won.
        return new ClaimResult(ClaimOutcome.ClaimedByOther, ticketId, row.ClaimedBy, row.ClaimedUntil,
            ClaimedMessage(ticketId, row.ClaimedBy ?? "another reviewer", row.ClaimedUntil));
    }

    private static string ClaimedMessage(string ticketId, string holder, DateTimeOffset? until) =>
        $"ticket {ticketId} is claimed by {holder} until {until:O}";
}
