namespace ReviewDesk.Workflows.Notifications;

/// <summary>A reviewer's notification preferences (one row per account; none means the defaults: everything, immediately).</summary>
public sealed class NotificationPreferenceRecord
{
    /// <summary>The account's user name (the reviewer name decisions carry).</summary>
    public required string UserName { get; set; }
    /// <summary>How: immediately, as a digest, or not at all.</summary>
    public NotificationMode Mode { get; set; }
    /// <summary>Categories that notify, comma-separated; empty: all.</summary>
    public string Categories { get; set; } = "";
    /// <summary>Priorities that notify, comma-separated; empty: all.</summary>
    public string Priorities { get; set; } = "";
    /// <summary>Workflow variants (definition ids) that notify, comma-separated; empty: all.</summary>
    public string Variants { get; set; } = "";
    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
