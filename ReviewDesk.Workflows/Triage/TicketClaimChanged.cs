namespace ReviewDesk.Workflows.Triage;

/// <summary>A ticket was claimed, renewed, taken over or released (announced after the change committed).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="ClaimedBy">The reviewer holding it now; null when released.</param>
/// <param name="ClaimedUntil">When the claim lapses.</param>
/// <param name="Actor">Who made the change.</param>
/// <param name="At">When.</param>
public sealed record TicketClaimChanged(string TicketId, string? ClaimedBy, DateTimeOffset? ClaimedUntil, string Actor, DateTimeOffset At)
    : ReviewEvent(TicketId, Actor, At);
