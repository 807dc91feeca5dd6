using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Engine.Persistence;

/// <summary>A workflow instance's durable state.</summary>
public sealed class InstanceRecord
{
    /// <summary>Instance id.</summary>
    public required string Id { get; set; }
    /// <summary>The definition it runs.</summary>
    public required string DefinitionId { get; set; }
    /// <summary>The version it is pinned to.</summary>
    public int DefinitionVersion { get; set; }
    /// <summary>Unique business key (the ticket id).</summary>
    public required string BusinessKey { get; set; }
    /// <summary>Lifecycle status.</summary>
    public WorkflowStatus Status { get; set; }
    /// <summary>Input JSON given at start.</summary>
    public string? Input { get; set; }
    /// <summary>Variables JSON object.</summary>
    public required string Variables { get; set; }
    /// <summary>Outputs of completed nodes, a JSON object by node id.</summary>
    public required string Outputs { get; set; }
    /// <summary>The node last scheduled, executed or waiting.</summary>
    public string? CurrentNodeId { get; set; }
    /// <summary>The node that faulted the instance.</summary>
    public string? FaultedNodeId { get; set; }
    /// <summary>The last error message of a faulted instance.</summary>
    public string? Error { get; set; }
    /// <summary>Optimistic concurrency counter, incremented by every write.</summary>
    public long Version { get; set; }
    /// <summary>The sequence number the next journal entry takes.</summary>
    public int NextJournalSequence { get; set; }
    /// <summary>Start time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When it reached Completed, Faulted or Cancelled.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}
