namespace ReviewDesk.Workflows.Audit;

/// <summary>Filters and a page of the audit trail; entries come newest first.</summary>
public sealed record AuditQuery
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Only this action.</summary>
    public string? Action { get; init; }

    /// <summary>Only actors whose name contains this (case-insensitive for ASCII).</summary>
    public string? Actor { get; init; }

    /// <summary>Only this ticket.</summary>
    public string? TicketId { get; init; }

    /// <summary>Only entries at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only entries before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The page, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Entries per page, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>What is wrong with the query, by parameter name (empty when fine).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Action is not null && !AuditActions.All.Contains(Action)) errors["action"] = [$"Unknown action '{Action}'; use one of {string.Join(", ", AuditActions.All)}."];
        if (Page < 1) errors["page"] = ["page starts at 1."];
        if (PageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be 1 to {MaxPageSize}."];
        if (From is { } from && To is { } to && to < from) errors["to"] = ["to is before from."];
        return errors;
    }
}
