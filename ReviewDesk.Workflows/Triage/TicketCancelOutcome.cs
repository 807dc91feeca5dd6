namespace ReviewDesk.Workflows.Triage;

/// <summary>What a cancel did.</summary>
public enum TicketCancelOutcome
{
    /// <summary>The workflow is cancelled.</summary>
    Cancelled,
    /// <summary>No such ticket.</summary>
    NotFound,
    /// <summary>Its workflow already finished, or it has none.</summary>
    Conflict,
}
