namespace ReviewDesk.Workflows.Notifications;

/// <summary>A decision link that was used: its id is here once, so it decides once.</summary>
public sealed class DecisionLinkUseRecord
{
    /// <summary>The link's id (from its signed token; never the token itself).</summary>
    public required string TokenId { get; set; }
    /// <summary>The ticket.</summary>
    public required string TicketId { get; set; }
    /// <summary>The link's recipient.</summary>
    public required string Recipient { get; set; }
    /// <summary>The action taken (approve, reject).</summary>
    public required string Action { get; set; }
    /// <summary>The reviewer the decision was made as.</summary>
    public required string UsedBy { get; set; }
    /// <summary>When.</summary>
    public DateTimeOffset UsedAt { get; set; }
}
