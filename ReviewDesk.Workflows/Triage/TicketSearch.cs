using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// The list of all tickets, newest first, filtered and paged in the database. Every equality filter
/// has an index that ends in (CreatedAt, Id), so a page is an index walk with no sort; the text
/// search matches ids exactly and the redacted subject by substring, the latter checked on the rows
/// the other filters leave.
/// </summary>
public sealed class TicketSearch(IDbContextFactory<TriageDbContext> contexts)
{
    /// <summary>One page of tickets matching <paramref name="query"/>, with the total count.</summary>
    /// <exception cref="ArgumentException">The query is not valid (see <see cref="TicketListQuery.Validate"/>).</exception>
    public async Task<TicketListPage> ListAsync(TicketListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(query));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, query);
        var total = await filtered.CountAsync(cancellationToken);
        var items = await Sort(filtered).Skip((int)Math.Min(int.MaxValue, ((long)query.Page - 1) * query.PageSize)).Take(query.PageSize)
            .Select(t => new TicketListItem
            {
                Id = t.Id,
                ExternalId = t.ExternalId,
                Channel = t.Channel,
                Status = t.Status,
                Subject = t.Subject,
                Category = t.CurrentCategory,
                Priority = t.FinalPriority ?? t.Priority,
                Queue = t.Queue,
                Variant = t.DefinitionId,
                WorkflowInstanceId = t.InstanceId,
                CreatedAt = t.CreatedAt,
                UpdatedAt = t.UpdatedAt,
            })
            .ToListAsync(cancellationToken);
        return new TicketListPage(items, query.Page, query.PageSize, total);
    }

    /// <summary>The tickets matching the filters.</summary>
    internal static IQueryable<TicketRecord> Filter(TriageDbContext db, TicketListQuery query)
    {
        var rows = db.Tickets.AsNoTracking();
        if (query.Status is { } status) rows = rows.Where(t => t.Status == status);
        if (query.Queue is { } queue) rows = rows.Where(t => t.Queue == queue);
        if (query.Category is { } category) rows = rows.Where(t => t.CurrentCategory == category);
        if (query.Channel is { } channel)
        {
            var lower = channel.Trim().ToLowerInvariant();
            rows = rows.Where(t => t.Channel == lower);
        }

        if (query.Variant is { } variant) rows = rows.Where(t => t.DefinitionId == variant);
        if (query.CreatedFrom is { } from) rows = rows.Where(t => t.CreatedAt >= from);
        if (query.CreatedTo is { } to) rows = rows.Where(t => t.CreatedAt < to);
        if (query.Text is { } text)
        {
            // LIKE treats % and _ as wildcards: escape them so the text is matched literally.
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            // Case-insensitive on both providers: SQLite's LIKE is (for ASCII), PostgreSQL's is not, so both sides are lowered.
            var lowered = pattern.ToLowerInvariant();
            rows = rows.Where(t => t.Id == text || t.ExternalId == text || EF.Functions.Like(t.Subject!.ToLower(), lowered, "\\"));
        }

        return rows;
    }

    /// <summary>Newest first; the id breaks ties so pages never overlap.</summary>
    internal static IQueryable<TicketRecord> Sort(IQueryable<TicketRecord> rows) =>
        rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);
}
