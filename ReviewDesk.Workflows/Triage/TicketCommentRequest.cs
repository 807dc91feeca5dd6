namespace ReviewDesk.Workflows.Triage;

/// <summary>A comment to add to a ticket.</summary>
public sealed record TicketCommentRequest
{
    /// <summary>The text, 1 to <see cref="TicketComment.MaxLength"/> characters.</summary>
    public string? Text { get; init; }
    /// <summary>Idempotency key: repeating it adds nothing and returns the first comment.</summary>
    public string? RequestId { get; init; }

    /// <summary>Problems by field name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Text)) errors["text"] = ["The comment is empty."];
        else if (Text.Length > TicketComment.MaxLength) errors["text"] = [$"The comment is longer than {TicketComment.MaxLength} characters."];
        if (RequestId is { Length: 0 or > 200 }) errors["requestId"] = ["The request id must be 1 to 200 characters."];
        return errors;
    }
}
