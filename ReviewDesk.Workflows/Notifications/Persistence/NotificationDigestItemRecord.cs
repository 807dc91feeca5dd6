namespace ReviewDesk.Workflows.Notifications;

/// <summary>A notification held for a reviewer's digest, written in the Notify step's transaction; sent with the next digest.</summary>
public sealed class NotificationDigestItemRecord
{
    /// <summary>Database id, in order of writing.</summary>
    public long Id { get; set; }
    /// <summary>The message id the notification would have had (unique: a step writes its items once).</summary>
    public required string MessageId { get; set; }
    /// <summary>The reviewer's user name.</summary>
    public required string UserName { get; set; }
    /// <summary>Where the digest goes.</summary>
    public required string Address { get; set; }
    /// <summary>The ticket.</summary>
    public required string TicketId { get; set; }
    /// <summary>The template.</summary>
    public required string Template { get; set; }
    /// <summary>When the step held it.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When a digest carried it; null while pending.</summary>
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The digest e-mail's Message-ID.</summary>
    public string? DigestId { get; set; }
}
