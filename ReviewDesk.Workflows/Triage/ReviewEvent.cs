namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// A change to a ticket under review that is not a workflow step (claims, comments, decisions taken),
/// announced in-process after it committed; <see cref="ReviewEvents"/> carries them.
/// </summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Actor">Who made the change.</param>
/// <param name="At">When.</param>
public abstract record ReviewEvent(string TicketId, string Actor, DateTimeOffset At);
