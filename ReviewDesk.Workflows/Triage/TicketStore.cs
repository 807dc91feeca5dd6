using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Reads and updates ticket rows. Every update sets values (never increments), so an activity that
/// runs again after a crash writes the same thing twice, harmlessly.
/// </summary>
public sealed class TicketStore(IDbContextFactory<TriageDbContext> contexts, TimeProvider time)
{
    /// <summary>Reads a ticket.</summary>
    public async Task<TicketRecord?> FindAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
    }

    /// <summary>Finds a ticket by the integrator's external id or the submission's idempotency key.</summary>
    public async Task<TicketRecord?> FindByKeysAsync(string? externalId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (externalId is null && idempotencyKey is null) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.AsNoTracking()
            .Where(t => (externalId != null && t.ExternalId == externalId) || (idempotencyKey != null && t.IdempotencyKey == idempotencyKey))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Inserts a new ticket; false when its external id or idempotency key is taken (a concurrent duplicate).</summary>
    public async Task<bool> TryInsertAsync(TicketRecord ticket, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Tickets.Add(ticket);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // A unique key taken by a concurrent submission is a duplicate; anything else is a real failure.
            if (await FindByKeysAsync(ticket.ExternalId, ticket.IdempotencyKey, cancellationToken) is null) throw;
            return false;
        }
    }

    /// <summary>Deletes a ticket whose workflow could not start.</summary>
    public async Task DeleteAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Tickets.Where(t => t.Id == ticketId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to a ticket and stamps the update time.</summary>
    public async Task UpdateAsync(string ticketId, Action<TicketRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken)
            ?? throw new InvalidOperationException($"ticket {ticketId} does not exist");
        change(ticket);
        ticket.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Stores a comment; false (and nothing written) when the ticket already has one with the same request id.</summary>
    public async Task<bool> TryAddCommentAsync(TicketCommentRecord comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (comment.RequestId is { } requestId
            && await db.TicketComments.AnyAsync(c => c.TicketId == comment.TicketId && c.RequestId == requestId, cancellationToken))
        {
            return false;
        }

        db.TicketComments.Add(comment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (comment.RequestId is not null)
        {
            // The same request raced in; the unique index kept one.
            return false;
        }
    }

    /// <summary>A ticket's comments in the order they were written.</summary>
    public async Task<List<TicketCommentRecord>> ListCommentsAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TicketComments.AsNoTracking().Where(c => c.TicketId == ticketId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The comment a request wrote, if any.</summary>
    public async Task<TicketCommentRecord?> FindCommentAsync(string ticketId, string requestId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TicketComments.AsNoTracking().SingleOrDefaultAsync(c => c.TicketId == ticketId && c.RequestId == requestId, cancellationToken);
    }
}
