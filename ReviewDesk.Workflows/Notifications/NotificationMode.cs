namespace ReviewDesk.Workflows.Notifications;

/// <summary>How a reviewer wants to be told.</summary>
public enum NotificationMode
{
    /// <summary>A message per notification, as the step runs.</summary>
    Immediate,
    /// <summary>Collected and sent as one e-mail every <see cref="NotificationDigestOptions.Interval"/>.</summary>
    Digest,
    /// <summary>Never.</summary>
    Off,
}
