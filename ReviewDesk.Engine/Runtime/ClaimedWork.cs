namespace ReviewDesk.Engine.Runtime;

/// <summary>A work item this worker holds a lease on; <c>TraceParent</c> is the trace its step continues.</summary>
internal sealed record ClaimedWork(
    long Id,
    string InstanceId,
    string NodeId,
    WorkItemKind Kind,
    int Attempt,
    int ClaimCount,
    string? BookmarkId,
    long? ResumeRequestId,
    string? TraceParent);
