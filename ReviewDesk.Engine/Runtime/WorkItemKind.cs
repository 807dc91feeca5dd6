namespace ReviewDesk.Engine.Runtime;

/// <summary>What a work item asks a worker to do.</summary>
public enum WorkItemKind
{
    /// <summary>Execute a node's activity.</summary>
    Execute = 0,
    /// <summary>Deliver a resume to the node that created the bookmark.</summary>
    Resume = 1,
    /// <summary>Fire a bookmark's deadline.</summary>
    Timer = 2,
}
