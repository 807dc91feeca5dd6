namespace ReviewDesk.Workflows.Triage;

/// <summary>A comment was added to a ticket.</summary>
/// <param name="Comment">The comment.</param>
public sealed record TicketCommented(TicketComment Comment) : ReviewEvent(Comment.TicketId, Comment.Author, Comment.At);
