namespace ReviewDesk.Workflows.Triage;

/// <summary>Where a ticket stands, as integrators and reviewers see it.</summary>
public enum TicketStatus
{
    /// <summary>Accepted; its workflow has not scrubbed it yet.</summary>
    Received,
    /// <summary>Being scrubbed and classified.</summary>
    Triaging,
    /// <summary>Waiting for a reviewer.</summary>
    AwaitingReview,
    /// <summary>Waiting for a reviewer past its deadline.</summary>
    Escalated,
    /// <summary>Routed to a queue.</summary>
    Routed,
    /// <summary>Rejected by a reviewer.</summary>
    Rejected,
    /// <summary>Its workflow faulted; an operator can retry it.</summary>
    Failed,
    /// <summary>Cancelled.</summary>
    Cancelled,
}
