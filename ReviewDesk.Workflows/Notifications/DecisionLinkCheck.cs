namespace ReviewDesk.Workflows.Notifications;

/// <summary>The verdict on a decision link, with what the confirmation page shows.</summary>
/// <param name="State">The verdict.</param>
/// <param name="Message">A sentence for the page.</param>
/// <param name="Link">The link, when the token was readable.</param>
/// <param name="Ticket">The ticket (redacted), when the link was readable and the ticket exists.</param>
public sealed record DecisionLinkCheck(DecisionLinkState State, string Message, DecisionLink? Link = null, NotificationTicket? Ticket = null)
{
    /// <summary>Whether the link can decide.</summary>
    public bool IsValid => State == DecisionLinkState.Valid;
}
