namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// One action on several tickets of the review queue: approve each as the AI suggested, assign each to a reviewer
/// (a claim held for them), or escalate each. Every ticket goes through the single-ticket path on its own.
/// </summary>
public sealed record BulkReviewRequest
{
    /// <summary>The most tickets one request may name.</summary>
    public const int MaxTickets = 200;

    /// <summary>The longest request id; each ticket's own id is derived from it (see <see cref="ItemRequestId"/>).</summary>
    public const int MaxRequestIdLength = 100;

    /// <summary>Approve each ticket with the AI's labels.</summary>
    public const string Approve = ReviewDecision.Approve;
    /// <summary>Claim each ticket for <see cref="Assignee"/>.</summary>
    public const string Assign = "assign";
    /// <summary>Escalate each ticket (as the single escalate does: priority raised, claim released).</summary>
    public const string Escalate = ReviewDecision.Escalate;

    /// <summary><c>approve</c>, <c>assign</c> or <c>escalate</c>.</summary>
    public string? Action { get; init; }
    /// <summary>The tickets, at most <see cref="MaxTickets"/>; a repeated id counts once.</summary>
    public IReadOnlyList<string>? TicketIds { get; init; }
    /// <summary>Who the tickets are assigned to (<c>assign</c> only); the caller when omitted.</summary>
    public string? Assignee { get; init; }
    /// <summary>Idempotency key of the whole action: repeating it with the same action changes nothing already done.</summary>
    public string? RequestId { get; init; }
    /// <summary>An admin's override: act on tickets another reviewer holds, instead of skipping them.</summary>
    public bool TakeOver { get; init; }

    /// <summary>The request id of one ticket's decision or assignment: one per ticket per bulk action.</summary>
    public static string ItemRequestId(string requestId, string action, string ticketId) => $"{requestId}:{action}:{ticketId}";

    /// <summary>Problems by field name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Action is not (Approve or Assign or Escalate)) errors["action"] = ["The action must be 'approve', 'assign' or 'escalate'."];
        if (TicketIds is not { Count: > 0 }) errors["ticketIds"] = ["Name at least one ticket."];
        else if (TicketIds.Count > MaxTickets) errors["ticketIds"] = [$"A bulk action takes at most {MaxTickets} tickets; split it."];
        else if (TicketIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > 64)) errors["ticketIds"] = ["Every ticket id must be 1 to 64 characters."];
        if (Assignee is not null && Action != Assign) errors["assignee"] = ["An assignee goes with 'assign' only."];
        else if (Assignee is { Length: > 256 }) errors["assignee"] = ["The assignee is longer than 256 characters."];
        if (string.IsNullOrWhiteSpace(RequestId)) errors["requestId"] = ["A request id is required, so that repeating the action changes nothing."];
        else if (RequestId.Length > MaxRequestIdLength) errors["requestId"] = [$"The request id is longer than {MaxRequestIdLength} characters."];
        return errors;
    }
}
