namespace ReviewDesk.Engine.Runtime;

/// <summary>The journal's entry types.</summary>
public static class JournalTypes
{
    /// <summary>The instance started.</summary>
    public const string Started = "WorkflowStarted";
    /// <summary>A node's execution was scheduled.</summary>
    public const string ActivityScheduled = "ActivityScheduled";
    /// <summary>An attempt started (written with its result, stamped with its start time).</summary>
    public const string ActivityStarted = "ActivityStarted";
    /// <summary>An attempt completed with an outcome.</summary>
    public const string ActivityCompleted = "ActivityCompleted";
    /// <summary>An attempt failed.</summary>
    public const string ActivityFailed = "ActivityFailed";
    /// <summary>Another attempt was scheduled after a delay.</summary>
    public const string RetryScheduled = "RetryScheduled";
    /// <summary>The instance suspended on a bookmark.</summary>
    public const string Suspended = "Suspended";
    /// <summary>A bookmark was resumed.</summary>
    public const string Resumed = "Resumed";
    /// <summary>A bookmark's deadline passed.</summary>
    public const string TimerFired = "TimerFired";
    /// <summary>An incident was recorded.</summary>
    public const string Incident = "Incident";
    /// <summary>The instance completed.</summary>
    public const string Completed = "WorkflowCompleted";
    /// <summary>The instance faulted.</summary>
    public const string Faulted = "WorkflowFaulted";
    /// <summary>The instance was cancelled.</summary>
    public const string Cancelled = "WorkflowCancelled";
    /// <summary>An operator retried a faulted instance.</summary>
    public const string Retried = "WorkflowRetried";
}
