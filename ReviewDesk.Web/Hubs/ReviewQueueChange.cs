using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Hubs;

/// <summary>One change of the review queue, as <see cref="IReviewClient.QueueChanged"/> carries it.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="Item">The ticket as the queue lists it now; null once it left the queue.</param>
/// <param name="ClaimedBy">The reviewer holding it, for claims.</param>
/// <param name="ClaimedUntil">When that claim lapses.</param>
/// <param name="Actor">Who made the change, when known.</param>
/// <param name="At">When.</param>
public sealed record ReviewQueueChange(
    ReviewQueueChangeKind Kind, string TicketId, ReviewQueueItem? Item, string? ClaimedBy, DateTimeOffset? ClaimedUntil, string? Actor, DateTimeOffset At)
{
    /// <summary>The comment, for <see cref="ReviewQueueChangeKind.Commented"/>.</summary>
    public TicketComment? Comment { get; init; }
}
