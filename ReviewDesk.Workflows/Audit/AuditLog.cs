using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Audit;

/// <summary>
/// The append-only audit trail: append and read, nothing else (the table's triggers refuse UPDATE and
/// DELETE too). A failed append throws: callers let it fail their operation (or, after their own
/// commit, their request) rather than lose the entry silently. Where a change and its entry can share a
/// transaction they do (<see cref="Stage"/>).
/// </summary>
public sealed class AuditLog(IDbContextFactory<TriageDbContext> contexts, TimeProvider time, ILogger<AuditLog> logger)
{
    /// <summary>
    /// Appends <paramref name="entry"/> in its own transaction. An entry whose <see cref="AuditEvent.Key"/>
    /// is already in the trail is not written again.
    /// </summary>
    public async Task AppendAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (entry.Key is { } key && await db.AuditEntries.AnyAsync(a => a.Key == key, cancellationToken)) return;
        Stage(db, entry, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (entry.Key is not null)
        {
            // The same event raced in (a step run twice): the unique key kept one. Anything else is a real failure.
            if (!await ExistsAsync(entry.Key, cancellationToken)) throw;
            return;
        }

        logger.LogDebug("Audit {Action} by {Actor} on {TicketId}{Target}", entry.Action, entry.Actor, entry.TicketId, entry.Target);
    }

    /// <summary>A page of entries matching <paramref name="query"/>, newest first.</summary>
    public async Task<AuditEntryPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db.AuditEntries.AsNoTracking(), query);
        var total = await filtered.CountAsync(cancellationToken);
        var records = await filtered.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new AuditEntryPage([.. records.Select(ToEntry)], query.Page, query.PageSize, total);
    }

    /// <summary>Every entry matching <paramref name="query"/>'s filters (its paging ignored), newest first, streamed.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = Filter(db.AuditEntries.AsNoTracking(), query).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).AsAsyncEnumerable();
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            yield return ToEntry(record);
        }
    }

    /// <summary>Adds <paramref name="entry"/> to <paramref name="db"/>, to be saved in the caller's transaction with the change it records.</summary>
    internal static void Stage(TriageDbContext db, AuditEvent entry, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        db.AuditEntries.Add(new AuditEntryRecord
        {
            At = at,
            Actor = entry.Actor,
            Action = entry.Action,
            TicketId = entry.TicketId,
            Target = entry.Target,
            Detail = (entry.Detail ?? []).ToJsonString(),
            Key = entry.Key,
        });
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AnyAsync(a => a.Key == key, cancellationToken);
    }

    private static IQueryable<AuditEntryRecord> Filter(IQueryable<AuditEntryRecord> entries, AuditQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(a => a.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.TicketId)) entries = entries.Where(a => a.TicketId == query.TicketId.Trim());
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var pattern = "%" + query.Actor.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            entries = entries.Where(a => EF.Functions.Like(a.Actor, pattern, "\\"));
        }

        if (query.From is { } from) entries = entries.Where(a => a.At >= from);
        if (query.To is { } to) entries = entries.Where(a => a.At < to);
        return entries;
    }

    private static AuditEntry ToEntry(AuditEntryRecord r) =>
        new(r.Id, r.At, r.Actor, r.Action, r.TicketId, r.Target, JsonNode.Parse(r.Detail) as JsonObject ?? []);
}
