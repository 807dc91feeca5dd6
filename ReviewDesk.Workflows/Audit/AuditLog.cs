using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Audit;

/// <summary>
/// The append-only audit trail: append and read, nothing else (the table's triggers refuse UPDATE and
/// DELETE too). An entry is written in the transaction of the change it records (<see cref="Append"/>):
/// a decision's entry commits with the decision's step, a claim's with the claim. A failed append fails
/// that transaction, so nothing happens unrecorded. An entry whose <see cref="AuditEvent.Key"/> is already
/// in the trail is not written again.
/// </summary>
public sealed class AuditLog(IDbContextFactory<TriageDbContext> contexts, WorkflowRuntime runtime, ILogger<AuditLog> logger)
{
    private const string InsertSql = """
        INSERT INTO "AuditEntries" ("At", "Actor", "Action", "TicketId", "Target", "Detail", "Key")
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT ("Key") DO NOTHING
        """;

    /// <summary>Appends <paramref name="entry"/> in a transaction of its own (a change made elsewhere, such as an account's).</summary>
    public async Task AppendAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await runtime.WriteAsync(tx => Append(tx, entry), cancellationToken);
        logger.LogDebug("Audit {Action} by {Actor} on {TicketId}{Target}", entry.Action, entry.Actor, entry.TicketId, entry.Target);
    }

    /// <summary>Appends <paramref name="entry"/> in <paramref name="transaction"/>, with the change it records.</summary>
    public static void Append(WorkflowTransaction transaction, AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        transaction.Execute(InsertSql, transaction.NowMs, entry.Actor, entry.Action, entry.TicketId, entry.Target,
            (entry.Detail ?? []).ToJsonString(), entry.Key);
    }

    /// <summary>A page of entries matching <paramref name="query"/>, newest first.</summary>
    public async Task<AuditEntryPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db.AuditEntries.AsNoTracking(), query);
        var total = await filtered.CountAsync(cancellationToken);
        var records = await filtered.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((int)Math.Min(int.MaxValue, ((long)query.Page - 1) * query.PageSize)).Take(query.PageSize).ToListAsync(cancellationToken);
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
