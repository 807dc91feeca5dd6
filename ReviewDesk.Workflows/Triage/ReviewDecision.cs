using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Workflows.Triage;

/// <summary>A reviewer's decision on a ticket awaiting review.</summary>
public sealed record ReviewDecision
{
    /// <summary><c>approve</c>, <c>reject</c> or <c>escalate</c> (hand it up: priority raised, still awaiting review).</summary>
    public string? Action { get; init; }
    /// <summary>Edited category (approve only); overrides the AI's for routing.</summary>
    public string? Category { get; init; }
    /// <summary>Edited priority (approve only).</summary>
    public string? Priority { get; init; }
    /// <summary>Comment; required to reject.</summary>
    public string? Comment { get; init; }
    /// <summary>Idempotency key: repeating it returns the first result.</summary>
    public string? RequestId { get; init; }
    /// <summary>An admin's override: decide although another reviewer holds the ticket's claim.</summary>
    public bool TakeOver { get; init; }

    /// <summary>The approve action.</summary>
    public const string Approve = "approve";
    /// <summary>The reject action.</summary>
    public const string Reject = "reject";
    /// <summary>The escalate action: not a decision; the ticket keeps waiting with a raised priority and no claim.</summary>
    public const string Escalate = "escalate";

    /// <summary>Problems by field name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Action is not (Approve or Reject or Escalate)) errors["action"] = ["The action must be 'approve', 'reject' or 'escalate'."];
        if (Category is not null && !TicketLabels.Categories.Contains(Category)) errors["category"] = [$"The category must be one of {string.Join(", ", TicketLabels.Categories)}."];
        if (Priority is not null && !TicketLabels.Priorities.Contains(Priority)) errors["priority"] = ["The priority must be one of P1, P2, P3, P4."];
        if (Action == Reject && string.IsNullOrWhiteSpace(Comment)) errors["comment"] = ["A comment is required to reject."];
        if (Action is Reject or Escalate && (Category is not null || Priority is not null)) errors["action"] = [$"Edited labels go with 'approve', not '{Action}'."];
        if (Comment is { Length: > 4000 }) errors["comment"] = ["The comment is longer than 4000 characters."];
        if (RequestId is { Length: > 200 }) errors["requestId"] = ["The request id is longer than 200 characters."];
        return errors;
    }
}
