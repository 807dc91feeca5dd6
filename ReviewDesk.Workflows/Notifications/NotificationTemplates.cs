using System.Globalization;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>The messages a Notify step can send, and the placeholders a custom subject may use.</summary>
public static class NotificationTemplates
{
    /// <summary>A ticket entered review.</summary>
    public const string ReviewRequested = "review-requested";
    /// <summary>A ticket's review deadline passed: it was escalated and still waits.</summary>
    public const string DeadlinePassed = "deadline-passed";
    /// <summary>A ticket was decided (approved or rejected).</summary>
    public const string Decided = "decided";

    /// <summary>Every template.</summary>
    public static IReadOnlyList<string> All { get; } = [ReviewRequested, DeadlinePassed, Decided];

    /// <summary>The event type of a template in webhook events.</summary>
    public static string EventType(string template) => template switch
    {
        DeadlinePassed => "review.deadline_passed",
        Decided => "review.decided",
        _ => "review.requested",
    };

    /// <summary>The default subject of a template (placeholders in braces).</summary>
    public static string DefaultSubject(string template) => template switch
    {
        DeadlinePassed => "[ReviewDesk] Deadline passed, now {ticket.priority}: {ticket.subject}",
        Decided => "[ReviewDesk] {ticket.decision} by {ticket.reviewer}: {ticket.subject}",
        _ => "[ReviewDesk] Review needed ({ticket.priority}, {ticket.category}): {ticket.subject}",
    };

    /// <summary>The opening sentence of a template.</summary>
    public static string Intro(string template, NotificationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return template switch
        {
            DeadlinePassed => $"The review deadline of this ticket passed. It was escalated (escalation {ticket.Escalations}), its priority is now {ticket.Priority}, and it still waits for a decision.",
            Decided => $"This ticket was {(ticket.DecisionAction == "reject" ? "rejected" : "approved")} by {ticket.Reviewer}.",
            _ => "A ticket waits for a reviewer's decision.",
        };
    }

    /// <summary>The placeholders a subject may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } =
        ["{ticket.id}", "{ticket.subject}", "{ticket.category}", "{ticket.priority}", "{ticket.confidence}", "{ticket.deadline}", "{ticket.escalations}", "{ticket.variant}", "{ticket.decision}", "{ticket.reviewer}"];

    /// <summary>Fills <paramref name="text"/>'s placeholders from <paramref name="ticket"/> (redacted text only).</summary>
    public static string Fill(string text, NotificationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ticket);
        return text
            .Replace("{ticket.id}", ticket.Id, StringComparison.Ordinal)
            .Replace("{ticket.subject}", ticket.Subject, StringComparison.Ordinal)
            .Replace("{ticket.category}", ticket.Category ?? "unclassified", StringComparison.Ordinal)
            .Replace("{ticket.priority}", ticket.Priority ?? "P3", StringComparison.Ordinal)
            .Replace("{ticket.confidence}", ticket.Confidence is { } c ? c.ToString("P0", CultureInfo.InvariantCulture) : "n/a", StringComparison.Ordinal)
            .Replace("{ticket.deadline}", ticket.Deadline?.ToString("u", CultureInfo.InvariantCulture) ?? "none", StringComparison.Ordinal)
            .Replace("{ticket.escalations}", ticket.Escalations.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{ticket.variant}", ticket.Variant, StringComparison.Ordinal)
            .Replace("{ticket.decision}", ticket.DecisionAction == "reject" ? "Rejected" : ticket.DecisionAction is null ? "Undecided" : "Approved", StringComparison.Ordinal)
            .Replace("{ticket.reviewer}", ticket.Reviewer ?? "nobody", StringComparison.Ordinal);
    }
}
