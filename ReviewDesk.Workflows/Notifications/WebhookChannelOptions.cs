namespace ReviewDesk.Workflows.Notifications;

/// <summary>One outgoing webhook (<c>Notifications:Webhooks:{name}</c>).</summary>
public sealed class WebhookChannelOptions
{
    /// <summary>Where events are POSTed; empty: the webhook is not configured.</summary>
    public string? Url { get; set; }

    /// <summary>The shared secret of the HMAC-SHA256 signature (from the environment; at least 16 characters).</summary>
    public string? Secret { get; set; }

    /// <summary>The body's shape: the ReviewDesk JSON event, or a Slack or Teams incoming-webhook message.</summary>
    public WebhookFormat Format { get; set; } = WebhookFormat.ReviewDesk;

    /// <summary>How long one POST may take; longer counts as a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the webhook can be called.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}
