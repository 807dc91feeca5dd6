using Microsoft.EntityFrameworkCore;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class ReviewQueue
{
    /// <summary>
    /// The pending ticket just after (or before) a position in the deadline order of the queue: the
    /// reviewer's next ticket. A keyset query on <c>(ReviewDeadline, Id)</c>, so it works from a ticket
    /// that left the queue meanwhile (pass the deadline it had). Past the end it wraps around to the other
    /// end, and it never answers the ticket moved from: an escalated ticket stays pending with a later
    /// deadline, and must not come back as its own next. When <paramref name="skipClaimedBy"/> is set,
    /// tickets another reviewer holds are skipped (the caller's own claims are not).
    /// </summary>
    /// <param name="deadline">The deadline of the ticket to move from.</param>
    /// <param name="ticketId">Its id (breaks ties between equal deadlines).</param>
    /// <param name="previous">Move backwards instead of forwards.</param>
    /// <param name="skipClaimedBy">The reviewer asking, to skip others' live claims; null to skip none.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The neighbouring ticket's id, or null when no other ticket is pending.</returns>
    public async Task<string?> NeighbourAsync(
        DateTimeOffset? deadline, string ticketId, bool previous, string? skipClaimedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Pending(db).Where(t => t.Id != ticketId);
        var at = deadline ?? DateTimeOffset.MaxValue;
        DateTimeOffset? atOrNull = at;
        if (skipClaimedBy is not null) rows = NotHeldByOthers(rows, skipClaimedBy, time.GetUtcNow());

        var onward = previous
            ? rows.Where(t => t.ReviewDeadline < atOrNull || (t.ReviewDeadline == atOrNull && string.Compare(t.Id, ticketId) < 0))
            : rows.Where(t => t.ReviewDeadline > atOrNull || (t.ReviewDeadline == atOrNull && string.Compare(t.Id, ticketId) > 0));
        return await InOrder(onward, previous).Select(t => t.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await InOrder(rows, previous).Select(t => t.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<TicketRecord> InOrder(IQueryable<TicketRecord> rows, bool previous) => previous
        ? rows.OrderByDescending(t => t.ReviewDeadline).ThenByDescending(t => t.Id)
        : rows.OrderBy(t => t.ReviewDeadline).ThenBy(t => t.Id);
}
