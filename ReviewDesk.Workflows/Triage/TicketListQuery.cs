using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Workflows.Triage;

/// <summary>Filters and page of the ticket list (newest first); every filter is optional.</summary>
public sealed record TicketListQuery
{
    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Longest text search.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Only this status (as stored on the ticket row).</summary>
    public TicketStatus? Status { get; init; }
    /// <summary>Only tickets routed to this queue.</summary>
    public string? Queue { get; init; }
    /// <summary>Only this category: the final one once routed or decided, the AI's before.</summary>
    public string? Category { get; init; }
    /// <summary>Only this channel (email, web, api...; compared in lower case).</summary>
    public string? Channel { get; init; }
    /// <summary>Only this workflow definition (variant).</summary>
    public string? Variant { get; init; }
    /// <summary>The ticket id or external id exactly, or a part of the redacted subject (case-insensitive for ASCII).</summary>
    public string? Text { get; init; }
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }
    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }
    /// <summary>Page number, from 1.</summary>
    public int Page { get; init; } = 1;
    /// <summary>Items per page, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Problems by field name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Status is { } status && !Enum.IsDefined(status)) errors["status"] = [$"The status must be one of {string.Join(", ", Enum.GetNames<TicketStatus>())}."];
        if (Category is not null && !TicketLabels.Categories.Contains(Category)) errors["category"] = [$"The category must be one of {string.Join(", ", TicketLabels.Categories)}."];
        if (Queue is { Length: 0 or > 100 }) errors["queue"] = ["The queue must be 1 to 100 characters."];
        if (Channel is { Length: 0 or > 50 }) errors["channel"] = ["The channel must be 1 to 50 characters."];
        if (Variant is { Length: 0 or > 200 }) errors["variant"] = ["The variant must be 1 to 200 characters."];
        if (Text is { Length: 0 or > MaxTextLength }) errors["q"] = [$"The search text must be 1 to {MaxTextLength} characters."];
        if (CreatedFrom > CreatedTo) errors["createdFrom"] = ["createdFrom is after createdTo."];
        if (Page < 1) errors["page"] = ["The page starts at 1."];
        if (PageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"The page size must be 1 to {MaxPageSize}."];
        return errors;
    }
}
