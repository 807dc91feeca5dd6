using System.Text.Json.Serialization;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// What a signed decision link carries: bound to one ticket, one recipient and one action, valid in one review round
/// (the ticket's escalation count when it was sent: an escalation, by its deadline or a reviewer, ends the round and
/// with it the link) and never after <see cref="ExpiresAt"/>.
/// </summary>
/// <param name="TokenId">The link's id: a link decides once, recorded by this id.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="Recipient">The account's user name, the address, or the webhook's name (see <paramref name="Kind"/>).</param>
/// <param name="Kind">What the recipient is.</param>
/// <param name="Action">approve, reject or open (see <see cref="DecisionLinkActions"/>).</param>
/// <param name="Round">The ticket's escalations when the link was sent.</param>
/// <param name="IssuedAt">When it was made.</param>
/// <param name="ExpiresAt">The latest it can be used, whatever the deadline.</param>
public sealed record DecisionLink(
    [property: JsonPropertyName("i")] string TokenId,
    [property: JsonPropertyName("t")] string TicketId,
    [property: JsonPropertyName("r")] string Recipient,
    [property: JsonPropertyName("k")] RecipientKind Kind,
    [property: JsonPropertyName("a")] string Action,
    [property: JsonPropertyName("n")] int Round,
    [property: JsonPropertyName("s")] DateTimeOffset IssuedAt,
    [property: JsonPropertyName("e")] DateTimeOffset ExpiresAt);

/// <summary>Who a message, and the links in it, is for.</summary>
public enum RecipientKind
{
    /// <summary>A ReviewDesk account (its user name).</summary>
    Account,
    /// <summary>An e-mail address with no account.</summary>
    Address,
    /// <summary>A configured webhook (a chat channel or ITSM tool): whoever reads it there.</summary>
    Webhook,
}

/// <summary>The actions a decision link can carry.</summary>
public static class DecisionLinkActions
{
    /// <summary>Opens the confirmation page for an approval (with an edit of the labels).</summary>
    public const string Approve = "approve";
    /// <summary>Opens the confirmation page for a rejection (a comment is required).</summary>
    public const string Reject = "reject";
    /// <summary>Opens the ticket's confirmation page with every choice.</summary>
    public const string Open = "open";

    /// <summary>Whether <paramref name="action"/> is one of them.</summary>
    public static bool IsKnown(string? action) => action is Approve or Reject or Open;
}
