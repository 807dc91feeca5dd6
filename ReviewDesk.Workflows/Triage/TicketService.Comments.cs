using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

public sealed partial class TicketService
{
    /// <summary>Adds a reviewer's comment; null for an unknown ticket. A repeated request id returns the first comment.</summary>
    /// <exception cref="ArgumentException">The request is not valid (see <see cref="TicketCommentRequest.Validate"/>).</exception>
    public async Task<TicketComment?> AddCommentAsync(string ticketId, TicketCommentRequest request, string author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        if (request.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(request));
        if (await tickets.FindAsync(ticketId, cancellationToken) is null) return null;
        return await StoreCommentAsync(ticketId, author, TicketComment.PlainKind, request.Text!, request.RequestId, cancellationToken);
    }

    /// <summary>A ticket's comments, oldest first; null for an unknown ticket.</summary>
    public async Task<IReadOnlyList<TicketComment>?> GetCommentsAsync(string ticketId, CancellationToken cancellationToken)
    {
        if (await tickets.FindAsync(ticketId, cancellationToken) is null) return null;
        return [.. (await tickets.ListCommentsAsync(ticketId, cancellationToken)).Select(ToComment)];
    }

    private async Task<TicketComment> StoreCommentAsync(
        string ticketId, string author, string kind, string text, string? requestId, CancellationToken cancellationToken)
    {
        var added = await runtime.WriteAsync(tx =>
        {
            var comment = TicketWriter.AddComment(tx, ticketId, author, kind, text, requestId);
            if (comment is not null) tx.OnCommitted(() => events.Publish(new TicketCommented(comment)));
            return comment;
        }, cancellationToken);
        if (added is not null)
        {
            logger.LogDebug("Comment {CommentId} ({Kind}) added to ticket {TicketId}", added.Id, kind, ticketId);
            return added;
        }

        return ToComment((await tickets.FindCommentAsync(ticketId, requestId!, cancellationToken))!);
    }

    private static TicketComment ToComment(TicketCommentRecord r) => new(r.Id, r.TicketId, r.Author, r.Kind, r.Text, r.At);
}
