namespace ReviewDesk.Workflows.Notifications;

/// <summary>What the confirmation page posts.</summary>
public sealed record DecisionLinkRequest
{
    /// <summary>approve or reject (an approve link only approves, a reject link only rejects; an open link either).</summary>
    public string? Action { get; init; }
    /// <summary>Edited category (approve only).</summary>
    public string? Category { get; init; }
    /// <summary>Edited priority (approve only).</summary>
    public string? Priority { get; init; }
    /// <summary>A comment; required to reject.</summary>
    public string? Comment { get; init; }
}
