using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class ReviewQueue
{
    private const string ClaimSql = """
        UPDATE "Tickets" SET "ClaimedBy" = $2, "ClaimedUntil" = $3, "UpdatedAt" = $4
        WHERE "Id" = $1 AND "InReviewQueue" = 1
            AND ($5 = 1 OR "ClaimedBy" IS NULL OR "ClaimedBy" = $2 OR "ClaimedUntil" <= $4)
        """;

    private const string ReleaseSql = """
        UPDATE "Tickets" SET "ClaimedBy" = NULL, "ClaimedUntil" = NULL, "UpdatedAt" = $3
        WHERE "Id" = $1 AND "ClaimedBy" IS NOT NULL AND ($4 = 1 OR "ClaimedBy" = $2 OR "ClaimedUntil" <= $3)
        """;

    private const string ClaimRowSql = """
        SELECT "Status", "Decision" IS NOT NULL, "ClaimedBy", "ClaimedUntil" FROM "Tickets" WHERE "Id" = $1
        """;

    /// <summary>How long a claim lasts.</summary>
    public TimeSpan ClaimDuration => options.Value.ClaimDuration;

    /// <summary>
    /// Claims a pending ticket for <paramref name="reviewer"/> for <see cref="ReviewQueueOptions.ClaimDuration"/>,
    /// or renews the reviewer's own claim. One conditional UPDATE decides, so of two concurrent claims
    /// exactly one wins. A lapsed claim is free; <paramref name="takeOver"/> (an admin's) takes a live one.
    /// A new claim and a take-over are audited in the same transaction; a renewal of one's own live claim is not.
    /// </summary>
    public Task<ClaimResult> ClaimAsync(string ticketId, string reviewer, bool takeOver, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        return runtime.WriteAsync(tx => Claim(tx, ticketId, reviewer, takeOver), cancellationToken);
    }

    /// <summary>
    /// Ends <paramref name="reviewer"/>'s claim. Releasing a ticket nobody holds (or whose claim lapsed)
    /// succeeds and changes nothing; another reviewer's live claim is refused unless <paramref name="takeOver"/>.
    /// </summary>
    public Task<ClaimResult> ReleaseAsync(string ticketId, string reviewer, bool takeOver, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        return runtime.WriteAsync(tx => Release(tx, ticketId, reviewer, takeOver), cancellationToken);
    }

    /// <summary>Claims (see <see cref="ClaimAsync"/>) inside <paramref name="tx"/>, so a decision can claim and resume in one commit.</summary>
    internal ClaimResult Claim(WorkflowTransaction tx, string ticketId, string reviewer, bool takeOver)
    {
        var now = tx.Now;
        var until = now + ClaimDuration;
        var before = ReadClaim(tx, ticketId);
        if (before is null) return new ClaimResult(ClaimOutcome.NotFound, ticketId, null, null, $"no ticket {ticketId}");
        if (tx.Execute(ClaimSql, ticketId, reviewer, until.ToUnixTimeMilliseconds(), tx.NowMs, takeOver ? 1 : 0) != 1)
        {
            return Refusal(ticketId, before, now);
        }

        var live = before.ClaimedUntil > now ? before.ClaimedBy : null;
        // Renewing one's own live claim (every few minutes while a ticket is open) is not an audit event.
        if (live != reviewer)
        {
            var detail = new JsonObject { ["claimedUntil"] = until };
            if (live is not null) detail["from"] = live;
            else if (before.ClaimedBy is { } lapsed) detail["lapsedClaimOf"] = lapsed;
            AuditLog.Append(tx, new AuditEvent(reviewer, live is null ? AuditActions.Claim : AuditActions.TakeOver, ticketId, Detail: detail));
        }

        tx.OnCommitted(() =>
        {
            logger.LogDebug("Ticket {TicketId} claimed until {Until}{TakeOver}", ticketId, until, takeOver ? " (take-over)" : "");
            events.Publish(new TicketClaimChanged(ticketId, reviewer, until, reviewer, now));
        });
        return new ClaimResult(ClaimOutcome.Claimed, ticketId, reviewer, until, null);
    }

    private ClaimResult Release(WorkflowTransaction tx, string ticketId, string reviewer, bool takeOver)
    {
        var now = tx.Now;
        var before = ReadClaim(tx, ticketId);
        if (before is null) return new ClaimResult(ClaimOutcome.NotFound, ticketId, null, null, $"no ticket {ticketId}");
        if (tx.Execute(ReleaseSql, ticketId, reviewer, tx.NowMs, takeOver ? 1 : 0) == 1)
        {
            AuditLog.Append(tx, new AuditEvent(reviewer, AuditActions.Release, ticketId, Detail: new JsonObject { ["holder"] = before.ClaimedBy }));
            tx.OnCommitted(() =>
            {
                logger.LogDebug("Ticket {TicketId} released", ticketId);
                events.Publish(new TicketClaimChanged(ticketId, null, null, reviewer, now));
            });
            return new ClaimResult(ClaimOutcome.Released, ticketId, null, null, null);
        }

        return before.ClaimedBy is { } holder && before.ClaimedUntil > now
            ? new ClaimResult(ClaimOutcome.ClaimedByOther, ticketId, holder, before.ClaimedUntil, ClaimedMessage(ticketId, holder, before.ClaimedUntil))
            : new ClaimResult(ClaimOutcome.Released, ticketId, null, null, null);
    }

    private static ClaimRow? ReadClaim(WorkflowTransaction tx, string ticketId)
    {
        using var reader = tx.Query(ClaimRowSql, ticketId);
        if (!reader.Read()) return null;
        return new ClaimRow((TicketStatus)reader.GetInt32(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
    }

    private static ClaimResult Refusal(string ticketId, ClaimRow row, DateTimeOffset now)
    {
        if (row.Status is not (TicketStatus.AwaitingReview or TicketStatus.Escalated) || row.Decided)
        {
            return new ClaimResult(ClaimOutcome.NotPending, ticketId, null, null, $"ticket {ticketId} is not awaiting review (it is {row.Status})");
        }

        // Pending and the UPDATE refused it: another reviewer's live claim (the write lock makes this read exact).
        return new ClaimResult(ClaimOutcome.ClaimedByOther, ticketId, row.ClaimedBy, row.ClaimedUntil,
            ClaimedMessage(ticketId, row.ClaimedBy ?? "another reviewer", row.ClaimedUntil ?? now));
    }

    private static string ClaimedMessage(string ticketId, string holder, DateTimeOffset? until) =>
        $"ticket {ticketId} is claimed by {holder} until {until:O}";

    private sealed record ClaimRow(TicketStatus Status, bool Decided, string? ClaimedBy, DateTimeOffset? ClaimedUntil);
}
