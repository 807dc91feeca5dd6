namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// A message a Notify step sent, written in the step's transaction: once it is here the step is committed and
/// the message is never sent again. Holds addresses of staff and webhook names, never ticket text.
/// </summary>
public sealed class NotificationDeliveryRecord
{
    /// <summary>The message's id: the e-mail's Message-ID and the webhook's event id, the same on every resend.</summary>
    public required string MessageId { get; set; }
    /// <summary>The ticket.</summary>
    public required string TicketId { get; set; }
    /// <summary>The workflow instance whose step sent it.</summary>
    public required string InstanceId { get; set; }
    /// <summary>The Notify node.</summary>
    public required string NodeId { get; set; }
    /// <summary>The template (review-requested, deadline-passed, decided).</summary>
    public required string Template { get; set; }
    /// <summary><c>email</c> or <c>webhook</c>.</summary>
    public required string Channel { get; set; }
    /// <summary>The address, or the webhook's name.</summary>
    public required string Recipient { get; set; }
    /// <summary>The attempt of the step that sent it.</summary>
    public int Attempt { get; set; }
    /// <summary>When it was sent.</summary>
    public DateTimeOffset SentAt { get; set; }
}
