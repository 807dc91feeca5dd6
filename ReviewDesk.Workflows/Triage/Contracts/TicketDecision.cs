namespace ReviewDesk.Workflows.Triage.Contracts;

/// <summary>
/// A reviewer's decision as the review gate receives it (the approval bookmark's resume payload) and as
/// the ticket keeps it: approve (with labels that override the AI's when given), reject, or escalate.
/// </summary>
/// <param name="Action"><c>approve</c>, <c>reject</c> or <c>escalate</c>.</param>
/// <param name="Category">The reviewer's category when approving with an edit.</param>
/// <param name="Priority">The reviewer's priority when approving with an edit.</param>
/// <param name="Comment">The reviewer's comment (kept with the ticket's comments; never journaled).</param>
/// <param name="Reviewer">Who decided: a user, or <c>apikey:{name}</c>.</param>
/// <param name="RequestId">The decision's idempotency key.</param>
/// <param name="DecidedAt">When the reviewer decided.</param>
public sealed record TicketDecision(
    string Action, string? Category, string? Priority, string? Comment, string Reviewer, string RequestId, DateTimeOffset DecidedAt);
