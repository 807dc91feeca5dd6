namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// The <c>Notifications</c> section: the channels the Notify step may use, reviewer groups, decision links and
/// digests. A channel without its address (no SMTP host, no webhook URL) is not configured and is skipped, so the
/// default configuration sends nothing and stays offline. Secrets (SMTP password, webhook secrets, the link key)
/// come from the environment, never the repository.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary>
    /// The console's public address for links in messages (<c>https://reviewdesk.example.com</c>); empty: the web
    /// host's own address. Links point at <c>{PublicBaseUrl}/decide?t=...</c> and <c>/tickets/{id}</c>.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>E-mail over SMTP.</summary>
    public EmailChannelOptions Email { get; set; } = new();

    /// <summary>Outgoing webhooks by name; each gets every event its Notify steps send.</summary>
    public Dictionary<string, WebhookChannelOptions> Webhooks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reviewer groups by name (<c>group:billing</c> in a Notify step's recipients): e-mail addresses.</summary>
    public Dictionary<string, List<string>> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Signed one-time decision links.</summary>
    public DecisionLinkOptions Links { get; set; } = new();

    /// <summary>Digests for reviewers who chose them.</summary>
    public NotificationDigestOptions Digest { get; set; } = new();
}
