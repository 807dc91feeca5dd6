namespace ReviewDesk.Workflows.Triage;

/// <summary>The outcome of a claim or release.</summary>
public enum ClaimOutcome
{
    /// <summary>The reviewer holds the ticket (claimed or renewed).</summary>
    Claimed,
    /// <summary>The ticket is free (released, or it was not claimed).</summary>
    Released,
    /// <summary>No such ticket.</summary>
    NotFound,
    /// <summary>The ticket is not awaiting review.</summary>
    NotPending,
    /// <summary>Another reviewer holds a live claim.</summary>
    ClaimedByOther,
}
