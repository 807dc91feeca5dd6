using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>A ticket's status in words for reviewers: <see cref="TicketStatus.AwaitingReview"/> is "Awaiting review".</summary>
public static class TicketStatusText
{
    /// <summary>The status as a reviewer reads it.</summary>
    public static string Of(TicketStatus status) => status switch
    {
        TicketStatus.Received => "Received",
        TicketStatus.Triaging => "Being triaged",
        TicketStatus.AwaitingReview => "Awaiting review",
        TicketStatus.Escalated => "Escalated",
        TicketStatus.Routed => "Routed",
        TicketStatus.Rejected => "Rejected",
        TicketStatus.Failed => "Failed",
        TicketStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };
}
