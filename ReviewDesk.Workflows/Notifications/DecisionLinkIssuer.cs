using Microsoft.Extensions.Options;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>Makes the links of a message: each decision link signed for one ticket, recipient, action and review round.</summary>
public sealed class DecisionLinkIssuer(IDecisionLinkSigner signer, IConsoleAddress console, IOptions<NotificationOptions> options, TimeProvider time)
{
    /// <summary>The path of the confirmation page.</summary>
    public const string DecidePath = "decide";

    /// <summary>
    /// The links for a message <paramref name="messageId"/> to <paramref name="recipient"/> about <paramref name="ticket"/>;
    /// decision links only while it awaits a decision and when <paramref name="decisionLinks"/> is set.
    /// </summary>
    public NotificationLinks For(NotificationTicket ticket, string messageId, string recipient, RecipientKind kind, bool decisionLinks = true)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (console.BaseAddress is not { } baseAddress) return NotificationLinks.None;
        var ticketPage = new Uri(baseAddress, $"tickets/{Uri.EscapeDataString(ticket.Id)}");
        if (!decisionLinks || !ticket.AwaitsDecision) return new NotificationLinks(null, null, null, ticketPage);

        var now = time.GetUtcNow();
        var latest = now + options.Value.Links.MaxLifetime;
        var expires = ticket.Deadline is { } deadline && deadline > now && deadline < latest ? deadline : latest;
        Uri Link(string action) => new(baseAddress, $"{DecidePath}?t={signer.Sign(new DecisionLink($"{messageId}.{action}", ticket.Id, recipient, kind, action, ticket.Escalations, now, expires))}");
        return new NotificationLinks(Link(DecisionLinkActions.Approve), Link(DecisionLinkActions.Reject), Link(DecisionLinkActions.Open), ticketPage);
    }
}
