namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// A domain's part in changes the engine makes on its own: called inside the change's transaction, so what
/// the handler writes through the <see cref="WorkflowTransaction"/> commits with the change or not at all
/// (a ticket's status with its instance's, an audit entry with a publish). Register implementations as
/// <see cref="IWorkflowChangeHandler"/> singletons. Handlers run on the writer: keep them quick, and never
/// do I/O other than through the transaction. A handler that throws fails the change.
/// </summary>
public interface IWorkflowChangeHandler
{
    /// <summary>
    /// An instance changed status other than by completing a step: an operator cancelled or retried it, or a
    /// step's failure faulted it. (A step's own effects say what a step changes.)
    /// </summary>
    void OnInstanceTransition(WorkflowTransaction transaction, InstanceTransition transition)
    {
    }

    /// <summary>A definition version was published or retracted, a draft was deleted, or an older version was reverted to as the draft.</summary>
    void OnDefinitionChanged(WorkflowTransaction transaction, DefinitionVersionChange change)
    {
    }
}

/// <summary>How an instance's status changed outside its steps.</summary>
public enum InstanceTransitionKind
{
    /// <summary>An operator cancelled it.</summary>
    Cancelled,
    /// <summary>A step failed for good and the definition connects no Failed outcome.</summary>
    Faulted,
    /// <summary>An operator retried it from the node that failed; it runs again.</summary>
    Retried,
}

/// <summary>An instance's status change outside its steps.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="BusinessKey">Its business key.</param>
/// <param name="DefinitionId">Its definition.</param>
/// <param name="DefinitionVersion">Its definition version.</param>
/// <param name="NodeId">The node it stands at (the failed node for a fault or retry).</param>
/// <param name="Actor">Who did it (the operator; the worker for a fault).</param>
/// <param name="Reason">Why (an operator's reason, or the error of a fault).</param>
/// <param name="At">When, the transaction's clock.</param>
public sealed record InstanceTransition(
    InstanceTransitionKind Kind, string InstanceId, string BusinessKey, string DefinitionId, int DefinitionVersion,
    string? NodeId, string? Actor, string? Reason, DateTimeOffset At);

/// <summary>How a definition version changed.</summary>
public enum DefinitionVersionChangeKind
{
    /// <summary>A draft was published: new instances start on it.</summary>
    Published,
    /// <summary>A published version was retracted: no new instance starts on it.</summary>
    Retracted,
    /// <summary>A draft was deleted.</summary>
    DraftDeleted,
    /// <summary>An older version's document was saved as the draft (<see cref="DefinitionVersionChange.RevertedFrom"/>).</summary>
    Reverted,
}

/// <summary>A change of a definition version.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="DefinitionId">The definition.</param>
/// <param name="Version">The version.</param>
/// <param name="Name">The version's name.</param>
/// <param name="Actor">Who did it; null for the system (first-start installs).</param>
/// <param name="At">When, the transaction's clock.</param>
/// <param name="RevertedFrom">For <see cref="DefinitionVersionChangeKind.Reverted"/>: the version whose document the draft now holds.</param>
public sealed record DefinitionVersionChange(
    DefinitionVersionChangeKind Kind, string DefinitionId, int Version, string Name, string? Actor, DateTimeOffset At, int? RevertedFrom = null);
