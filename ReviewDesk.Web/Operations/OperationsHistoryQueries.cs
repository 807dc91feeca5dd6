using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Web.Operations;

/// <summary>
/// The operator board's history, read from what the database already records, with no bookkeeping of its own that could
/// drift from it:
/// <list type="bullet">
/// <item>submitted: tickets by <c>CreatedAt</c>; reviewed: the audit trail's approve and reject entries; routed: Route
/// attempts that completed;</item>
/// <item>step latency, failures and retries: the engine's attempt checkpoints (<c>Executions</c>) by <c>FinishedAt</c>,
/// and model cost: the usage the Classify step checkpoints with its attempt (the figures the triage meter counts);</item>
/// <item>review backlog at a bucket's end: the tickets in the queue now that were submitted by then, plus those decided
/// since that were submitted by then (a ticket's submission stands for its entry into the queue, as for the backlog
/// gauge; the seconds of triage in between are not kept);</item>
/// <item>due work at a bucket's end: the work items due and unclaimed <em>now</em> that were due by then. A work item
/// that was claimed since leaves no trace of its wait (the row is rewritten in place, and a claim time is not kept), so
/// the past depth is a lower bound; it is exact for work that is still stuck, which is what the chart and the stuck-work
/// banner are about, and for the present. Sampling the depth into a table of its own would be the only way to know
/// more, and a second record of the queue is what this board must not keep.</item>
/// </list>
/// Every query is bounded by an indexed time range (<c>Tickets.CreatedAt</c>, <c>AuditEntries (Action, At)</c>,
/// <c>Executions.FinishedAt</c>, <c>WorkItems.DueAt</c>) and aggregates in the database, on SQLite and PostgreSQL alike,
/// except the latency percentiles, which read at most <see cref="LatencySampleSize"/> durations.
/// </summary>
public sealed class OperationsHistoryQueries(IDbContextFactory<WorkflowDbContext> engine, IOptions<OperationsOptions> options, TimeProvider time)
{
    /// <summary>The most attempt durations one history reads for the latency percentiles (the most recent ones).</summary>
    public const int LatencySampleSize = 20_000;

    /// <summary>The Route activity's type: a completed Route attempt is a routed ticket.</summary>
    public const string RouteActivityType = "Route";

    private readonly Lock _gate = new();
    private readonly Dictionary<HistoryRange, (long ReadAt, OperationsHistory History)> _cache = [];

    /// <summary>The window and bucket of <paramref name="range"/>.</summary>
    public static (TimeSpan Window, TimeSpan Bucket) Shape(HistoryRange range) => range switch
    {
        HistoryRange.LastDay => (TimeSpan.FromDays(1), TimeSpan.FromHours(1)),
        _ => (TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)),
    };

    /// <summary>The history of <paramref name="range"/>, reused by every caller for <see cref="OperationsOptions.HistoryCacheDuration"/>.</summary>
    public async Task<OperationsHistory> GetAsync(HistoryRange range, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue(range, out var cached) && time.GetElapsedTime(cached.ReadAt) < options.Value.HistoryCacheDuration) return cached.History;
        }

        var history = await ReadAsync(range, cancellationToken);
        lock (_gate) _cache[range] = (time.GetTimestamp(), history);
        return history;
    }

    /// <summary>Reads the history of <paramref name="range"/> ending now.</summary>
    public async Task<OperationsHistory> ReadAsync(HistoryRange range, CancellationToken cancellationToken)
    {
        var (window, bucket) = Shape(range);
        var now = time.GetUtcNow();
        var start = now - window;
        var count = (int)Math.Ceiling(window / bucket);
        var q = new Window(start.ToUnixTimeMilliseconds(), (long)bucket.TotalMilliseconds, now.ToUnixTimeMilliseconds(), count);

        await using var db = await engine.CreateDbContextAsync(cancellationToken);
        // The context knows its provider; the dialect binds $1, $2... the same way on both.
        var dialect = DatabaseDialect.For(db.Database);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var reader = new Reader(connection, dialect, q, cancellationToken);

        var submitted = await reader.CountsAsync("""
            SELECT ("CreatedAt" - $1) / $2, COUNT(*) FROM "Tickets" WHERE "CreatedAt" >= $1 AND "CreatedAt" <= $3 GROUP BY ("CreatedAt" - $1) / $2
            """);
        var reviewed = await reader.CountsAsync($"""
            SELECT ("At" - $1) / $2, COUNT(*) FROM "AuditEntries"
            WHERE "Action" IN ('{AuditActions.Approve}', '{AuditActions.Reject}') AND "At" >= $1 AND "At" <= $3 GROUP BY ("At" - $1) / $2
            """);
        var backlog = await ReadBacklogAsync(reader, q);
        var (dueWork, oldestDue, dueNow) = await ReadDueWorkAsync(reader, q);
        var attempts = await ReadAttemptsAsync(reader, dialect, q);
        var (latencies, capped) = await ReadLatenciesAsync(reader, q);

        var buckets = Enumerable.Range(0, count).Select(i => new HistoryBucket(
            start + (bucket * i), submitted[i], attempts.Sum(a => a.Value.Routed[i]), reviewed[i], backlog[i], dueWork[i], oldestDue[i],
            attempts.Sum(a => a.Value.Attempts[i]), attempts.Sum(a => a.Value.Failures[i]), attempts.Sum(a => a.Value.Retries[i]),
            attempts.Sum(a => a.Value.Cost[i]))).ToList();
        var steps = attempts.Keys.Union(latencies.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(type =>
        {
            var a = attempts.GetValueOrDefault(type) ?? new AttemptCounts(count);
            var durations = latencies.GetValueOrDefault(type) ?? [];
            var all = durations.Select(d => d.Milliseconds).ToList();
            var byBucket = Enumerable.Range(0, count).Select(i => durations.Where(d => d.Bucket == i).Select(d => d.Milliseconds).ToList()).ToList();
            return new StepHistory(type, a.Attempts.Sum(), a.Failures.Sum(), a.Retries.Sum(), Percentile(all, 0.5), Percentile(all, 0.95),
                [.. byBucket.Select(b => Percentile(b, 0.5))], [.. byBucket.Select(b => Percentile(b, 0.95))]);
        }).ToList();
        return new OperationsHistory(range, now, bucket, buckets, steps, capped, dueNow);
    }

    private static async Task<int[]> ReadBacklogAsync(Reader reader, Window q)
    {
        // In the queue now, by the bucket they were submitted in (-1: before the window).
        var queued = await reader.CountsAsync("""
            SELECT CASE WHEN "CreatedAt" < $1 THEN -1 ELSE ("CreatedAt" - $1) / $2 END, COUNT(*) FROM "Tickets"
            WHERE "InReviewQueue" = 1 AND "CreatedAt" <= $3 GROUP BY CASE WHEN "CreatedAt" < $1 THEN -1 ELSE ("CreatedAt" - $1) / $2 END
            """, before: true);
        // Decided within the window: by the bucket submitted in and the bucket decided in.
        var decided = new List<(int Submitted, int Decided, int Count)>();
        await reader.ReadAsync($"""
            SELECT CASE WHEN t."CreatedAt" < $1 THEN -1 ELSE (t."CreatedAt" - $1) / $2 END, (a."At" - $1) / $2, COUNT(*)
            FROM "AuditEntries" a JOIN "Tickets" t ON t."Id" = a."TicketId"
            WHERE a."Action" IN ('{AuditActions.Approve}', '{AuditActions.Reject}') AND a."At" >= $1 AND a."At" <= $3
            GROUP BY CASE WHEN t."CreatedAt" < $1 THEN -1 ELSE (t."CreatedAt" - $1) / $2 END, (a."At" - $1) / $2
            """, r => decided.Add((Int(r, 0), Math.Min(Int(r, 1), q.Count - 1), Int(r, 2))));

        var backlog = new int[q.Count];
        var running = queued[q.Count]; // the slot after the last holds those submitted before the window
        for (var i = 0; i < q.Count; i++)
        {
            running += queued[i];
            // At the end of bucket i: submitted by then, and either still queued or decided after it.
            backlog[i] = running + decided.Where(d => d.Submitted <= i && d.Decided > i).Sum(d => d.Count);
        }

        return backlog;
    }

    private static async Task<(int[] Depth, double[] OldestAgeSeconds, DueWork Now)> ReadDueWorkAsync(Reader reader, Window q)
    {
        // The engine's own definition of due work (its reviewdesk.work_items.due gauge): due, and no live lease.
        var byBucket = new int[q.Count + 1];
        long? oldest = null;
        await reader.ReadAsync($"""
            SELECT CASE WHEN "DueAt" < $1 THEN -1 ELSE ("DueAt" - $1) / $2 END, COUNT(*), MIN("DueAt") FROM "WorkItems"
            WHERE {DueWorkSql.Condition("$3")}
            GROUP BY CASE WHEN "DueAt" < $1 THEN -1 ELSE ("DueAt" - $1) / $2 END
            """, r =>
        {
            var slot = Int(r, 0);
            byBucket[slot < 0 ? q.Count : Math.Min(slot, q.Count - 1)] += Int(r, 1);
            var min = Long(r, 2);
            oldest = oldest is null ? min : Math.Min(oldest.Value, min);
        });

        var depth = new int[q.Count];
        var age = new double[q.Count];
        var running = byBucket[q.Count];
        for (var i = 0; i < q.Count; i++)
        {
            running += byBucket[i];
            depth[i] = running;
            var end = Math.Min(q.StartMs + ((i + 1) * q.BucketMs), q.EndMs);
            age[i] = running > 0 && oldest is { } o ? Math.Max(0, end - o) / 1000.0 : 0;
        }

        var now = new DueWork(running, oldest is { } first ? TimeSpan.FromMilliseconds(Math.Max(0, q.EndMs - first)) : TimeSpan.Zero);
        return (depth, age, now);
    }

    private static async Task<Dictionary<string, AttemptCounts>> ReadAttemptsAsync(Reader reader, DatabaseDialect dialect, Window q)
    {
        // The Classify step checkpoints its usage as JSON; the cost is a decimal string there.
        var cost = dialect.Provider == DatabaseProvider.Postgres
            ? """CAST(CAST("Metrics" AS jsonb) ->> 'cost' AS double precision)"""
            : """CAST(json_extract("Metrics", '$.cost') AS REAL)""";
        var attempts = new Dictionary<string, AttemptCounts>(StringComparer.Ordinal);
        await reader.ReadAsync($"""
            SELECT "ActivityType", ("FinishedAt" - $1) / $2, COUNT(*),
                SUM(CASE WHEN "Status" = 'Failed' THEN 1 ELSE 0 END),
                SUM(CASE WHEN "Attempt" > 1 THEN 1 ELSE 0 END),
                SUM(CASE WHEN "ActivityType" = '{RouteActivityType}' AND "Status" = 'Completed' THEN 1 ELSE 0 END),
                SUM(CASE WHEN "Metrics" IS NULL THEN 0 ELSE COALESCE({cost}, 0) END)
            FROM "Executions" WHERE "FinishedAt" >= $1 AND "FinishedAt" <= $3
            GROUP BY "ActivityType", ("FinishedAt" - $1) / $2
            """, r =>
        {
            var type = r.GetString(0);
            if (!attempts.TryGetValue(type, out var a)) attempts[type] = a = new AttemptCounts(q.Count);
            var i = Math.Min(Int(r, 1), q.Count - 1);
            a.Attempts[i] += Int(r, 2);
            a.Failures[i] += Int(r, 3);
            a.Retries[i] += Int(r, 4);
            a.Routed[i] += Int(r, 5);
            a.Cost[i] += r.IsDBNull(6) ? 0 : Convert.ToDouble(r.GetValue(6), CultureInfo.InvariantCulture);
        });
        return attempts;
    }

    private static async Task<(Dictionary<string, List<(int Bucket, double Milliseconds)>>, bool Capped)> ReadLatenciesAsync(Reader reader, Window q)
    {
        var latencies = new Dictionary<string, List<(int, double)>>(StringComparer.Ordinal);
        var read = 0;
        await reader.ReadAsync("""
            SELECT "ActivityType", ("FinishedAt" - $1) / $2, "FinishedAt" - "StartedAt" FROM "Executions"
            WHERE "FinishedAt" >= $1 AND "FinishedAt" <= $3 ORDER BY "FinishedAt" DESC LIMIT $4
            """, r =>
        {
            read++;
            var type = r.GetString(0);
            if (!latencies.TryGetValue(type, out var list)) latencies[type] = list = [];
            list.Add((Math.Min(Int(r, 1), q.Count - 1), Long(r, 2)));
        }, (long)LatencySampleSize);
        return (latencies, read >= LatencySampleSize);
    }

    /// <summary>The nearest-rank percentile of <paramref name="values"/>, null when there are none.</summary>
    public static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var rank = (int)Math.Ceiling(p * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }

    private static int Int(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);

    private static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private readonly record struct Window(long StartMs, long BucketMs, long EndMs, int Count);

    private sealed class AttemptCounts(int count)
    {
        public int[] Attempts { get; } = new int[count];
        public int[] Failures { get; } = new int[count];
        public int[] Retries { get; } = new int[count];
        public int[] Routed { get; } = new int[count];
        public double[] Cost { get; } = new double[count];
    }

    /// <summary>Runs the history's statements with the window's start, bucket and end as <c>$1</c>, <c>$2</c>, <c>$3</c>.</summary>
    private sealed class Reader(DbConnection connection, DatabaseDialect dialect, Window q, CancellationToken cancellationToken)
    {
        public async Task ReadAsync(string sql, Action<DbDataReader> row, params object[] more)
        {
            await using var command = dialect.CreateCommand(connection, sql, [q.StartMs, q.BucketMs, q.EndMs, .. more]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) row(reader);
        }

        /// <summary>Counts per bucket (bucket, count rows); with <paramref name="before"/> an extra last slot holds bucket -1 (before the window).</summary>
        public async Task<int[]> CountsAsync(string sql, bool before = false)
        {
            var counts = new int[q.Count + (before ? 1 : 0)];
            await ReadAsync(sql, r =>
            {
                var slot = Int(r, 0);
                counts[slot < 0 ? q.Count : Math.Min(slot, q.Count - 1)] += Int(r, 1);
            });
            return counts;
        }
    }
}
