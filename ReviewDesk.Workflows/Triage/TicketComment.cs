namespace ReviewDesk.Workflows.Triage;

/// <summary>A reviewer's note on a ticket, as the API and the console show it.</summary>
/// <param name="Id">Its id; comments are listed in this order.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Kind"><c>comment</c>, or the action it came with (<c>approve</c>, <c>reject</c>, <c>escalate</c>).</param>
/// <param name="Text">The text.</param>
/// <param name="At">When.</param>
public sealed record TicketComment(long Id, string TicketId, string Author, string Kind, string Text, DateTimeOffset At)
{
    /// <summary>The kind of a comment written on its own.</summary>
    public const string PlainKind = "comment";

    /// <summary>Longest comment text.</summary>
    public const int MaxLength = 4000;
}
