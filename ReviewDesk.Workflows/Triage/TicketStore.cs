using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// Reads ticket rows and comments (pooled read connections; a WAL reader never waits for the writer).
/// Writes go through <see cref="TicketWriter"/>, inside the transaction of the step or command that makes them.
/// </summary>
public sealed class TicketStore(IDbContextFactory<TriageDbContext> contexts, WorkflowReader reader)
{

    /// <summary>Reads a ticket.</summary>
    public async Task<TicketRecord?> FindAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
    }

    /// <summary>
    /// The encrypted submission of a ticket (null once scrubbed), with what its scrub stored; null when there is no such ticket.
    /// </summary>
    /// <remarks>This and <see cref="FindRedactedTextAsync"/> are the reads every ticket's workflow makes: lean SQL, not EF (whose
    /// query execution builds and then finalizes a delegate each time).</remarks>
    public Task<StoredSubmission?> FindSubmissionAsync(string ticketId, CancellationToken cancellationToken) =>
        reader.QuerySingleAsync("""SELECT "ProtectedSubmission", "Subject", "Body", "PiiTypes", "PiiSpans" FROM "Tickets" WHERE "Id" = $1""",
            r => new StoredSubmission(NullableString(r, 0), NullableString(r, 1), NullableString(r, 2), NullableString(r, 3), NullableString(r, 4)),
            cancellationToken, ticketId);

    private static string? NullableString(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The redacted subject and body of a ticket (null fields before it is scrubbed); null when there is no such ticket.</summary>
    public Task<RedactedText?> FindRedactedTextAsync(string ticketId, CancellationToken cancellationToken) =>
        reader.QuerySingleAsync("""SELECT "Subject", "Body" FROM "Tickets" WHERE "Id" = $1""",
            r => new RedactedText(r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)), cancellationToken, ticketId);

    /// <summary>Finds a ticket by the integrator's external id or the submission's idempotency key.</summary>
    public async Task<TicketRecord?> FindByKeysAsync(string? externalId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (externalId is null && idempotencyKey is null) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.AsNoTracking()
            .Where(t => (externalId != null && t.ExternalId == externalId) || (idempotencyKey != null && t.IdempotencyKey == idempotencyKey))
            .FirstOrDefaultAsync(cancellationToken);
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

/// <summary>A ticket's redacted text.</summary>
/// <param name="Subject">The redacted subject; null until scrubbed.</param>
/// <param name="Body">The redacted body; null until scrubbed.</param>
public sealed record RedactedText(string? Subject, string? Body);

/// <summary>
/// A ticket's submission as its scrub reads it: <paramref name="Protected"/> until the scrub stored the redacted text and the
/// encrypted PII values, null after (then the other fields are what that scrub stored).
/// </summary>
/// <param name="Protected">The encrypted submission, or null once scrubbed.</param>
/// <param name="Subject">Redacted subject.</param>
/// <param name="Body">Redacted body.</param>
/// <param name="PiiTypes">PII types found, comma-separated.</param>
/// <param name="PiiSpans">PII spans as JSON.</param>
public sealed record StoredSubmission(string? Protected, string? Subject, string? Body, string? PiiTypes, string? PiiSpans);
