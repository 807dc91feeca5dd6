namespace ReviewDesk.Workflows.Notifications;

/// <summary>The body of an outgoing webhook.</summary>
public enum WebhookFormat
{
    /// <summary>The ReviewDesk JSON event (<c>{id, type, createdAt, ticket, links}</c>).</summary>
    ReviewDesk,
    /// <summary>A Slack incoming-webhook message (<c>{text, blocks}</c>, mrkdwn links).</summary>
    Slack,
    /// <summary>A Microsoft Teams incoming-webhook message (<c>{text}</c>, Markdown links).</summary>
    Teams,
}
