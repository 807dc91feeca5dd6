using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// The reviewers' queue: tickets awaiting review or escalated, filtered, sorted and paged in the
/// database on the <c>IX_Tickets_ReviewQueue_*</c> indexes, and the
/// claims reviewers hold on them.
/// </summary>
public sealed partial class ReviewQueue(
    IDbContextFactory<TriageDbContext> contexts,
    WorkflowReader reader,
    WorkflowRuntime runtime,
    ReviewEvents events,
    IOptions<ReviewQueueOptions> options,
    TimeProvider time,
    ILogger<ReviewQueue> logger)
{
    /// <summary>One page of pending tickets matching <paramref name="query"/>, with the total count.</summary>
    /// <exception cref="ArgumentException">The query is not valid (see <see cref="ReviewQueueQuery.Validate"/>).</exception>
    public async Task<ReviewQueuePage> ListAsync(ReviewQueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(query));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, query);
        var total = await filtered.CountAsync(cancellationToken);
        var rows = await Page(Sort(filtered, query.Sort, nullsSortLast: !db.Database.IsSqlite()), query).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return new ReviewQueuePage([.. rows.Select(r => ToItem(r, now))], query.Page, query.PageSize, total);
    }

    /// <summary>A pending ticket as the queue shows it; null when unknown or not pending.</summary>
    /// <remarks>
    /// Read for every ticket that enters review (the live queue announces it), so lean SQL on the engine's read
    /// connections rather than an EF context; the same columns as <see cref="Page"/>'s projection.
    /// </remarks>
    public async Task<ReviewQueueItem?> FindAsync(string ticketId, CancellationToken cancellationToken)
    {
        var row = await reader.QuerySingleAsync(FindSql, ReadQueueRow, cancellationToken, ticketId);
        return row is null ? null : ToItem(row, time.GetUtcNow());
    }

    private const string FindSql = """
        SELECT "Id", "Subject", "Status", "AiCategory", "Priority", "AiConfidence", "ReviewReasons", "PiiTypes",
            "CreatedAt", "ReviewDeadline", "Escalations", "ClaimedBy", "ClaimedUntil", "DefinitionId"
        FROM "Tickets" WHERE "Id" = $1 AND "InReviewQueue" = 1
        """;

    private static QueueRow ReadQueueRow(DbDataReader r) => new(
        r.GetString(0), NullOr(r, 1, r.GetString), (TicketStatus)r.GetInt32(2), NullOr(r, 3, r.GetString), NullOr(r, 4, r.GetString),
        r.IsDBNull(5) ? null : r.GetDouble(5), NullOr(r, 6, r.GetString), NullOr(r, 7, r.GetString),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)), r.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
        r.GetInt32(10), NullOr(r, 11, r.GetString), r.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)), r.GetString(13));

    private static string? NullOr(DbDataReader r, int ordinal, Func<int, string> get) => r.IsDBNull(ordinal) ? null : get(ordinal);

    /// <summary>The pending tickets, filtered.</summary>
    internal static IQueryable<TicketRecord> Filter(TriageDbContext db, ReviewQueueQuery query)
    {
        var rows = Pending(db);
        if (query.Category is { } category) rows = rows.Where(t => t.AiCategory == category);
        if (query.Priority is { } priority) rows = rows.Where(t => t.Priority == priority);
        if (query.MinConfidence is { } min) rows = rows.Where(t => t.AiConfidence >= min);
        if (query.MaxConfidence is { } max) rows = rows.Where(t => t.AiConfidence <= max);
        if (query.Variant is { } variant) rows = rows.Where(t => t.DefinitionId == variant);
        if (query.Reason is { } reason)
        {
            // ReviewReasons is a JSON array of codes: match a whole code, or a code with detail ("classification_failed:ServerError").
            var exact = $"\"{reason}\"";
            var detailed = $"\"{reason}:";
            rows = rows.Where(t => t.ReviewReasons!.Contains(exact) || t.ReviewReasons!.Contains(detailed));
        }

        if (query.PiiType is { } piiType)
        {
            var needle = $",{piiType},";
            rows = rows.Where(t => ("," + t.PiiTypes + ",").Contains(needle));
        }

        return rows;
    }

    /// <summary>
    /// Orders by the sort's indexed column; the id breaks ties so pages never overlap. Unclassified tickets
    /// (no confidence) come first, as SQLite sorts NULL; PostgreSQL sorts NULL last, so there
    /// (<paramref name="nullsSortLast"/>) the order says so explicitly.
    /// </summary>
    internal static IQueryable<TicketRecord> Sort(IQueryable<TicketRecord> rows, ReviewQueueSort sort, bool nullsSortLast = false) => sort switch
    {
        ReviewQueueSort.Confidence when nullsSortLast => rows.OrderBy(t => t.AiConfidence == null ? 0 : 1).ThenBy(t => t.AiConfidence).ThenBy(t => t.Id),
        ReviewQueueSort.Confidence => rows.OrderBy(t => t.AiConfidence).ThenBy(t => t.Id),
        ReviewQueueSort.Age => rows.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        _ => rows.OrderBy(t => t.ReviewDeadline).ThenBy(t => t.Id),
    };

    private static IQueryable<TicketRecord> Pending(TriageDbContext db) =>
        db.Tickets.AsNoTracking().Where(t => t.InReviewQueue == 1);

    /// <summary>The rows no other reviewer holds at <paramref name="now"/>: unclaimed, claimed by <paramref name="reviewer"/>, or with a lapsed claim.</summary>
    private static IQueryable<TicketRecord> NotHeldByOthers(IQueryable<TicketRecord> rows, string reviewer, DateTimeOffset now)
    {
        DateTimeOffset? nowOrNull = now;
        return rows.Where(t => t.ClaimedBy == null || t.ClaimedBy == reviewer || t.ClaimedUntil <= nowOrNull);
    }

    private static IQueryable<QueueRow> Page(IQueryable<TicketRecord> rows, ReviewQueueQuery? query)
    {
        if (query is not null) rows = rows.Skip((int)Math.Min(int.MaxValue, ((long)query.Page - 1) * query.PageSize)).Take(query.PageSize);
        return rows.Select(t => new QueueRow(
            t.Id, t.Subject, t.Status, t.AiCategory, t.Priority, t.AiConfidence, t.ReviewReasons, t.PiiTypes,
            t.CreatedAt, t.ReviewDeadline, t.Escalations, t.ClaimedBy, t.ClaimedUntil, t.DefinitionId));
    }

    private static ReviewQueueItem ToItem(QueueRow row, DateTimeOffset now)
    {
        var claimed = row.ClaimedBy is not null && row.ClaimedUntil > now;
        return new ReviewQueueItem
        {
            Id = row.Id,
            Subject = row.Subject,
            Status = row.Status,
            Category = row.AiCategory,
            Priority = row.Priority,
            Confidence = row.AiConfidence,
            Reasons = row.ReviewReasons is null ? [] : JsonSerializer.Deserialize<List<string>>(row.ReviewReasons) ?? [],
            PiiTypes = string.IsNullOrEmpty(row.PiiTypes) ? [] : row.PiiTypes.Split(','),
            CreatedAt = row.CreatedAt,
            Age = now - row.CreatedAt,
            Deadline = row.ReviewDeadline,
            TimeLeft = row.ReviewDeadline - now,
            Escalations = row.Escalations,
            ClaimedBy = claimed ? row.ClaimedBy : null,
            ClaimedUntil = claimed ? row.ClaimedUntil : null,
            Variant = row.DefinitionId,
        };
    }

    private sealed record QueueRow(
        string Id, string? Subject, TicketStatus Status, string? AiCategory, string? Priority, double? AiConfidence, string? ReviewReasons,
        string? PiiTypes, DateTimeOffset CreatedAt, DateTimeOffset? ReviewDeadline, int Escalations, string? ClaimedBy,
        DateTimeOffset? ClaimedUntil, string DefinitionId);
}
