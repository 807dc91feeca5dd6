using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Engine.Persistence;

/// <summary>Runnable work: a node to execute, a resume to deliver or a timer to fire.</summary>
public sealed class WorkItemRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The instance.</summary>
    public required string InstanceId { get; set; }
    /// <summary>The node.</summary>
    public required string NodeId { get; set; }
    /// <summary>Execute, resume or timer.</summary>
    public WorkItemKind Kind { get; set; }
    /// <summary>Attempt number of an execution.</summary>
    public int Attempt { get; set; }
    /// <summary>Not runnable before this time.</summary>
    public DateTimeOffset DueAt { get; set; }
    /// <summary>The worker holding the lease, if any.</summary>
    public string? LeaseOwner { get; set; }
    /// <summary>When the lease expires.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>Incremented by every claim; fences commits of an older claim.</summary>
    public int ClaimCount { get; set; }
    /// <summary>The bookmark a timer belongs to.</summary>
    public string? BookmarkId { get; set; }
    /// <summary>The resume request a resume delivers.</summary>
    public long? ResumeRequestId { get; set; }
    /// <summary>The W3C traceparent of the trace the work belongs to, so the step that runs it continues that trace.</summary>
    public string? TraceParent { get; set; }
}
