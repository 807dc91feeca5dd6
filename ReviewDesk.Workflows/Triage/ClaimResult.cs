namespace ReviewDesk.Workflows.Triage;

/// <summary>A claim's or release's result and the claim as it stands afterwards.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="ClaimedBy">The reviewer holding the ticket now (the other reviewer on <see cref="ClaimOutcome.ClaimedByOther"/>).</param>
/// <param name="ClaimedUntil">When that claim lapses.</param>
/// <param name="Message">Why it was refused.</param>
public sealed record ClaimResult(ClaimOutcome Outcome, string TicketId, string? ClaimedBy, DateTimeOffset? ClaimedUntil, string? Message);
