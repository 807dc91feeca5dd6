namespace ReviewDesk.Engine.Runtime;

/// <summary>An instance's lifecycle status.</summary>
public enum WorkflowStatus
{
    /// <summary>It has runnable work (maybe due later, after a retry delay).</summary>
    Running = 0,
    /// <summary>It waits on one or more bookmarks.</summary>
    Suspended = 1,
    /// <summary>It reached the end of its flow.</summary>
    Completed = 2,
    /// <summary>A node failed with no <c>Failed</c> connection; an operator can retry it.</summary>
    Faulted = 3,
    /// <summary>It was cancelled.</summary>
    Cancelled = 4,
}
