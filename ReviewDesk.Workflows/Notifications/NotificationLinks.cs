namespace ReviewDesk.Workflows.Notifications;

/// <summary>The links of one message: signed decision links (approve, reject, open) and the console's ticket page.</summary>
/// <param name="Approve">Confirm an approval (labels editable).</param>
/// <param name="Reject">Confirm a rejection.</param>
/// <param name="Open">The confirmation page with every choice.</param>
/// <param name="Console">The ticket in the console (sign-in needed).</param>
public sealed record NotificationLinks(Uri? Approve, Uri? Reject, Uri? Open, Uri? Console)
{
    /// <summary>No links (no console address known).</summary>
    public static NotificationLinks None { get; } = new(null, null, null, null);
}
