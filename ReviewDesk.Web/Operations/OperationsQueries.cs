using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Operations;

/// <summary>Ticket figures for the operator board, grouped and filtered in the database.</summary>
public sealed class OperationsQueries(IDbContextFactory<TriageDbContext> contexts, IDbContextFactory<WorkflowDbContext> engine, TimeProvider time)
{
    /// <summary>Counts tickets by status (every status present, zero when none).</summary>
    public async Task<IReadOnlyDictionary<TicketStatus, int>> CountTicketsByStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Tickets.AsNoTracking().GroupBy(t => t.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<TicketStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    /// <summary>Counts tickets by queue, largest first.</summary>
    public async Task<IReadOnlyList<QueueCount>> CountTicketsByQueueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Tickets.AsNoTracking().GroupBy(t => t.Queue)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new QueueCount(c.Key, c.Count))];
    }

    /// <summary>The business key and status of each of <paramref name="instanceIds"/> that exists, in one query.</summary>
    public async Task<IReadOnlyDictionary<string, InstanceStatus>> GetInstanceStatusesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        if (instanceIds.Count == 0) return new Dictionary<string, InstanceStatus>(StringComparer.Ordinal);
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        return await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new InstanceStatus(i.Id, i.BusinessKey, i.Status, i.DefinitionId, i.DefinitionVersion))
            .ToDictionaryAsync(i => i.Id, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>The tickets waiting longest for a reviewer (awaiting review or escalated), oldest first.</summary>
    public async Task<IReadOnlyList<WaitingTicket>> GetLongestWaitingAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = await db.Tickets.AsNoTracking()
            .Where(t => t.Status == TicketStatus.AwaitingReview || t.Status == TicketStatus.Escalated)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Take(count)
            .Select(t => new { t.Id, t.Subject, t.ExternalId, t.Status, t.InstanceId, t.CreatedAt, t.DefinitionId, t.DefinitionVersion })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(t => new WaitingTicket(t.Id, t.Subject, t.ExternalId, t.Status, t.InstanceId, t.CreatedAt, now - t.CreatedAt, t.DefinitionId, t.DefinitionVersion))];
    }

    /// <summary>
    /// Work items due now that no worker holds, and how long the oldest of them has been due: stuck work, the figures of
    /// the <c>reviewdesk.work_items.due</c> and <c>reviewdesk.work_items.oldest_due_age</c> gauges, read now.
    /// </summary>
    public async Task<DueWork> GetDueWorkAsync(CancellationToken cancellationToken)
    {
        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var due = await DueWorkSql.ReadAsync(db.Database.GetDbConnection(), DatabaseDialect.For(db.Database), time.GetUtcNow(), cancellationToken);
        return new DueWork((int)due.Count, due.OldestAge);
    }

    /// <summary>The redacted subject and status of each of <paramref name="ticketIds"/> that is a ticket, in one query.</summary>
    public async Task<IReadOnlyDictionary<string, ProblemTicket>> GetProblemTicketsAsync(IReadOnlyCollection<string> ticketIds, CancellationToken cancellationToken)
    {
        if (ticketIds.Count == 0) return new Dictionary<string, ProblemTicket>(StringComparer.Ordinal);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id))
            .Select(t => new ProblemTicket(t.Id, t.Subject, t.Status))
            .ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>Tickets decided per bucket over the last <paramref name="window"/>, and the median minutes from submission to decision.</summary>
    public async Task<Throughput> GetThroughputAsync(TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - window;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A decision never happens after the ticket's last update, so UpdatedAt bounds the rows to read.
        var rows = await db.Tickets.AsNoTracking()
            .Where(t => (t.Status == TicketStatus.Routed || t.Status == TicketStatus.Rejected) && t.UpdatedAt >= since)
            .Select(t => new { t.CreatedAt, t.UpdatedAt, t.Decision })
            .ToListAsync(cancellationToken);
        var decisions = rows
            .Select(r => (r.CreatedAt, DecidedAt: DecidedAt(r.Decision) ?? r.UpdatedAt))
            .Where(d => d.DecidedAt >= since && d.DecidedAt <= now)
            .ToList();

        var bucketCount = (int)Math.Ceiling(window / bucket);
        var counts = new int[bucketCount];
        foreach (var (_, decidedAt) in decisions)
        {
            counts[Math.Min((int)((decidedAt - since) / bucket), bucketCount - 1)]++;
        }

        var buckets = counts.Select((decided, i) => new ThroughputBucket(since + (bucket * i), decided)).ToList();
        return new Throughput(buckets, Median([.. decisions.Select(d => (d.DecidedAt - d.CreatedAt).TotalMinutes)]));
    }

    // A reviewer's decision carries "decidedAt"; a ticket routed automatically has no decision, so its
    // last update (the routing) is when it was decided.
    private static DateTimeOffset? DecidedAt(string? decision)
    {
        if (decision is null) return null;
        return JsonNode.Parse(decision)?["decidedAt"]?.GetValue<DateTimeOffset>();
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
