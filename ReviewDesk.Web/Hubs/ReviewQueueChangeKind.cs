namespace ReviewDesk.Web.Hubs;

/// <summary>What happened to a ticket in the review queue.</summary>
public enum ReviewQueueChangeKind
{
    /// <summary>It needs review now.</summary>
    Added,
    /// <summary>Its deadline passed, or a reviewer escalated it; it is still waiting, with a raised priority.</summary>
    Escalated,
    /// <summary>A reviewer claimed (or renewed, or took over) it.</summary>
    Claimed,
    /// <summary>Its claim was released.</summary>
    Released,
    /// <summary>A reviewer decided it; it leaves the queue.</summary>
    Decided,
    /// <summary>A reviewer commented on it (it may have left the queue already).</summary>
    Commented,
}
