using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class ReviewQueue
{
    /// <summary>
    /// What waits for <paramref name="reviewer"/>: the pending tickets nobody else holds (unclaimed, claimed by them, or
    /// with a lapsed claim), how many of those are overdue or escalated, and the one whose deadline comes first. Read from
    /// the queue's rows as they are, like <see cref="ListAsync"/>: no counter of its own to keep in step.
    /// </summary>
    /// <param name="reviewer">The signed-in reviewer.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<ReviewWorkload> WorkloadAsync(string reviewer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        var now = time.GetUtcNow();
        DateTimeOffset? nowOrNull = now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = NotHeldByOthers(Pending(db), reviewer, now);
        // The three counts in one statement (one COUNT and two conditional ones over the same rows).
        var counts = await mine.GroupBy(_ => 1)
            .Select(g => new { Waiting = g.Count(), Overdue = g.Count(t => t.ReviewDeadline < nowOrNull), Escalated = g.Count(t => t.Status == TicketStatus.Escalated) })
            .FirstOrDefaultAsync(cancellationToken);
        if (counts is null || counts.Waiting == 0) return new ReviewWorkload(0, 0, 0, null);
        var (waiting, overdue, escalated) = (counts.Waiting, counts.Overdue, counts.Escalated);
        // A ticket without a deadline never comes first: SQLite would sort its NULL before every date.
        var nearest = await Page(Sort(mine.Where(t => t.ReviewDeadline != null), ReviewQueueSort.Deadline), null).FirstOrDefaultAsync(cancellationToken);
        return new ReviewWorkload(waiting, overdue, escalated, nearest is null ? null : ToItem(nearest, now));
    }
}
