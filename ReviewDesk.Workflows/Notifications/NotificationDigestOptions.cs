namespace ReviewDesk.Workflows.Notifications;

/// <summary>Digests (<c>Notifications:Digest</c>).</summary>
public sealed class NotificationDigestOptions
{
    /// <summary>How often pending digest items are sent, one e-mail per reviewer.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
