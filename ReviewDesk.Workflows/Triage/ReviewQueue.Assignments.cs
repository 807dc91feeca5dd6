using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class ReviewQueue
{
    private const string AuditKeyExistsSql = """
        SELECT 1 FROM "AuditEntries" WHERE "Key" = $1
        """;

    /// <summary>
    /// Claims a pending ticket for <paramref name="assignee"/> on <paramref name="actor"/>'s behalf, as a claim of theirs
    /// would (<see cref="ClaimDuration"/>, one conditional UPDATE), and audits it as <see cref="AuditActions.Assign"/> by
    /// <paramref name="actor"/>. Another reviewer's live claim is refused unless <paramref name="takeOver"/>. A ticket the
    /// assignee already holds, or a repeat of <paramref name="requestId"/>, changes nothing.
    /// </summary>
    public Task<ClaimResult> AssignAsync(string ticketId, string assignee, string actor, bool takeOver, string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return runtime.WriteAsync(tx => Assign(tx, ticketId, assignee, actor, takeOver, requestId), cancellationToken);
    }

    private ClaimResult Assign(WorkflowTransaction tx, string ticketId, string assignee, string actor, bool takeOver, string requestId)
    {
        var now = tx.Now;
        var before = ReadClaim(tx, ticketId);
        if (before is null) return new ClaimResult(ClaimOutcome.NotFound, ticketId, null, null, $"no ticket {ticketId}");
        var live = before.ClaimedUntil > now ? before.ClaimedBy : null;
        var key = "assign:" + requestId;
        // The same request again (a double click): the ticket as it stands, nothing written.
        if (tx.Scalar(AuditKeyExistsSql, key) is not null) return new ClaimResult(ClaimOutcome.Claimed, ticketId, live, live is null ? null : before.ClaimedUntil, null);
        if (before.Status is not (TicketStatus.AwaitingReview or TicketStatus.Escalated) || before.Decided) return Refusal(ticketId, before, now);
        if (live == assignee) return new ClaimResult(ClaimOutcome.Claimed, ticketId, assignee, before.ClaimedUntil, null);

        var until = now + ClaimDuration;
        if (tx.Execute(ClaimSql, ticketId, assignee, until.ToUnixTimeMilliseconds(), tx.NowMs, takeOver ? 1 : 0) != 1) return Refusal(ticketId, before, now);
        var detail = new JsonObject { ["assignee"] = assignee, ["claimedUntil"] = until };
        if (live is not null) detail["from"] = live;
        AuditLog.Append(tx, new AuditEvent(actor, AuditActions.Assign, ticketId, Detail: detail, Key: key));
        tx.OnCommitted(() =>
        {
            logger.LogDebug("Ticket {TicketId} assigned until {Until}{TakeOver}", ticketId, until, takeOver ? " (take-over)" : "");
            events.Publish(new TicketClaimChanged(ticketId, assignee, until, actor, now));
        });
        return new ClaimResult(ClaimOutcome.Claimed, ticketId, assignee, until, null);
    }
}
