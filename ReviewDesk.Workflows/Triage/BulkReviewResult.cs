namespace ReviewDesk.Workflows.Triage;

/// <summary>A bulk action's result: counts, and one result per ticket in the order named.</summary>
/// <param name="Action">The action.</param>
/// <param name="Done">Tickets the action was applied to (or had been, by the same request id).</param>
/// <param name="Skipped">Tickets left as they were, each with its reason.</param>
/// <param name="Items">One result per ticket.</param>
public sealed record BulkReviewResult(string Action, int Done, int Skipped, IReadOnlyList<BulkReviewItem> Items);

/// <summary>One ticket's result in a bulk action.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Outcome"><c>done</c> or <c>skipped</c>.</param>
/// <param name="Reason">Why it was skipped: <c>claimed</c> (another reviewer holds it), <c>not_pending</c> (decided, or not awaiting review) or <c>not_found</c>.</param>
/// <param name="Message">The reason in words.</param>
/// <param name="ClaimedBy">Who holds the ticket now: the other reviewer when <c>claimed</c>, the assignee after an assignment.</param>
/// <param name="Status">The ticket's status afterwards.</param>
public sealed record BulkReviewItem(string TicketId, string Outcome, string? Reason, string? Message, string? ClaimedBy, TicketStatus? Status)
{
    /// <summary>The outcome of a ticket the action was applied to.</summary>
    public const string DoneOutcome = "done";
    /// <summary>The outcome of a ticket left as it was.</summary>
    public const string SkippedOutcome = "skipped";
    /// <summary>Another reviewer holds the ticket's claim.</summary>
    public const string ClaimedReason = "claimed";
    /// <summary>The ticket was decided, or is not awaiting review.</summary>
    public const string NotPendingReason = "not_pending";
    /// <summary>No such ticket.</summary>
    public const string NotFoundReason = "not_found";
}
