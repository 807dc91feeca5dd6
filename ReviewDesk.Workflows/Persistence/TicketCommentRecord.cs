namespace ReviewDesk.Workflows.Persistence;

/// <summary>
/// A reviewer's note on a ticket: a plain comment, or the comment that came with a decision or an
/// escalation. Kept beside the ticket, not in the workflow journal, which holds summaries only.
/// </summary>
public sealed class TicketCommentRecord
{
    /// <summary>Database id, in order of writing.</summary>
    public long Id { get; set; }
    /// <summary>The ticket.</summary>
    public required string TicketId { get; set; }
    /// <summary>Who wrote it.</summary>
    public required string Author { get; set; }
    /// <summary><c>comment</c>, or the decision it came with: <c>approve</c>, <c>reject</c>, <c>escalate</c>.</summary>
    public required string Kind { get; set; }
    /// <summary>The text.</summary>
    public required string Text { get; set; }
    /// <summary>The request that wrote it; a repeat of the same request id writes nothing.</summary>
    public string? RequestId { get; set; }
    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }
}
