using Microsoft.Extensions.Logging;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class TicketService
{
    /// <summary>
    /// Applies one action to each ticket of <paramref name="request"/> in turn, each through the single-ticket path:
    /// approve and escalate through <see cref="DecideAsync"/> (a workflow resume, its audit entry by
    /// <paramref name="actor"/>, the claim checked), assign through <see cref="ReviewQueue.AssignAsync"/>. A ticket
    /// another reviewer holds is skipped and named unless <see cref="BulkReviewRequest.TakeOver"/>; every ticket gets its
    /// own request id (<see cref="BulkReviewRequest.ItemRequestId"/>), so repeating the request changes nothing already done.
    /// Who may assign to whom and who may take over is the caller's to check.
    /// </summary>
    /// <param name="request">A valid request (see <see cref="BulkReviewRequest.Validate"/>).</param>
    /// <param name="actor">The signed-in reviewer.</param>
    /// <param name="assignee">Who <c>assign</c> claims the tickets for; ignored by the other actions.</param>
    /// <param name="cancellationToken">Stops before the next ticket.</param>
    public async Task<BulkReviewResult> BulkReviewAsync(BulkReviewRequest request, string actor, string? assignee, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (request.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(request));
        var action = request.Action!;
        if (action == BulkReviewRequest.Assign) ArgumentException.ThrowIfNullOrWhiteSpace(assignee);

        var items = new List<BulkReviewItem>(request.TicketIds!.Count);
        foreach (var ticketId in request.TicketIds!.Select(id => id.Trim()).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var requestId = BulkReviewRequest.ItemRequestId(request.RequestId!, action, ticketId);
            items.Add(action == BulkReviewRequest.Assign
                ? await AssignOneAsync(ticketId, assignee!, actor, request.TakeOver, requestId, cancellationToken)
                : await DecideOneAsync(ticketId, new ReviewDecision { Action = action, RequestId = requestId, TakeOver = request.TakeOver }, actor, cancellationToken));
        }

        var done = items.Count(i => i.Outcome == BulkReviewItem.DoneOutcome);
        logger.LogInformation("Bulk {Action}: {Done} done, {Skipped} skipped", action, done, items.Count - done);
        return new BulkReviewResult(action, done, items.Count - done, items);
    }

    private async Task<BulkReviewItem> DecideOneAsync(string ticketId, ReviewDecision decision, string actor, CancellationToken cancellationToken)
    {
        var result = await DecideAsync(ticketId, decision, actor, cancellationToken);
        if (result.Outcome == DecisionOutcome.Applied) return Done(ticketId, null, result.Ticket?.Status);
        if (result.Outcome == DecisionOutcome.NotFound || result.Ticket is null) return Skipped(ticketId, BulkReviewItem.NotFoundReason, result.Message, null, null);
        // Refused while still pending and undecided: only a claim refuses that.
        if (result.Ticket is { Status: TicketStatus.AwaitingReview or TicketStatus.Escalated, Decision: null })
        {
            var holder = (await queue.FindAsync(ticketId, cancellationToken))?.ClaimedBy;
            return Skipped(ticketId, BulkReviewItem.ClaimedReason, holder is null ? result.Message : $"claimed by {holder}", holder, result.Ticket.Status);
        }

        return Skipped(ticketId, BulkReviewItem.NotPendingReason, result.Message, null, result.Ticket.Status);
    }

    private async Task<BulkReviewItem> AssignOneAsync(string ticketId, string assignee, string actor, bool takeOver, string requestId, CancellationToken cancellationToken)
    {
        var claim = await queue.AssignAsync(ticketId, assignee, actor, takeOver, requestId, cancellationToken);
        var status = (await tickets.FindAsync(ticketId, cancellationToken))?.Status;
        return claim.Outcome switch
        {
            ClaimOutcome.Claimed => Done(ticketId, claim.ClaimedBy, status),
            ClaimOutcome.NotFound => Skipped(ticketId, BulkReviewItem.NotFoundReason, claim.Message, null, null),
            ClaimOutcome.ClaimedByOther => Skipped(ticketId, BulkReviewItem.ClaimedReason, $"claimed by {claim.ClaimedBy}", claim.ClaimedBy, status),
            _ => Skipped(ticketId, BulkReviewItem.NotPendingReason, claim.Message, null, status),
        };
    }

    private static BulkReviewItem Done(string ticketId, string? claimedBy, TicketStatus? status) =>
        new(ticketId, BulkReviewItem.DoneOutcome, null, null, claimedBy, status);

    private static BulkReviewItem Skipped(string ticketId, string reason, string? message, string? claimedBy, TicketStatus? status) =>
        new(ticketId, BulkReviewItem.SkippedOutcome, reason, message, claimedBy, status);
}
