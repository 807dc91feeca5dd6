namespace ReviewDesk.Engine.Runtime;

/// <summary>A change the runtime announces in-process after it committed (the web layer pushes these live).</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="BusinessKey">Its business key.</param>
/// <param name="At">When it happened.</param>
public abstract record WorkflowEvent(string InstanceId, string BusinessKey, DateTimeOffset At);

/// <summary>An instance's status or position changed.</summary>
public sealed record InstanceChanged(
    string InstanceId, string BusinessKey, DateTimeOffset At,
    string DefinitionId, int DefinitionVersion, WorkflowStatus Status, string? NodeId)
    : WorkflowEvent(InstanceId, BusinessKey, At);

/// <summary>An instance suspended on a bookmark.</summary>
public sealed record BookmarkCreated(
    string InstanceId, string BusinessKey, DateTimeOffset At,
    string BookmarkId, string NodeId, string Kind, DateTimeOffset? Deadline)
    : WorkflowEvent(InstanceId, BusinessKey, At);

/// <summary>A bookmark was resumed.</summary>
public sealed record BookmarkResumed(
    string InstanceId, string BusinessKey, DateTimeOffset At,
    string BookmarkId, string Kind, string? Actor)
    : WorkflowEvent(InstanceId, BusinessKey, At);

/// <summary>An incident was recorded.</summary>
public sealed record IncidentRecorded(
    string InstanceId, string BusinessKey, DateTimeOffset At,
    string NodeId, string ErrorKind, string Message)
    : WorkflowEvent(InstanceId, BusinessKey, At);
