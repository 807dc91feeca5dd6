using System.Text.Json.Nodes;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Workflows.Audit;

/// <summary>
/// Records in the audit trail, in the same transaction as the change, what people do to workflows: publishing,
/// retracting, deleting a draft and reverting definition versions, and cancelling and retrying instances.
/// </summary>
public sealed class AuditedWorkflowChanges : IWorkflowChangeHandler
{
    /// <summary>How the audit trail names a definition version: <c>definition:support-triage@2</c>.</summary>
    public static string Target(string definitionId, int version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"definition:{definitionId}@{version}");

    /// <summary>How the audit trail names a workflow instance: <c>instance:wf_01...</c>.</summary>
    public static string InstanceTarget(string instanceId) => $"instance:{instanceId}";

    /// <inheritdoc />
    public void OnDefinitionChanged(WorkflowTransaction transaction, DefinitionVersionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var action = change.Kind switch
        {
            DefinitionVersionChangeKind.Published => AuditActions.PublishDefinition,
            DefinitionVersionChangeKind.Retracted => AuditActions.RetractDefinition,
            DefinitionVersionChangeKind.DraftDeleted => AuditActions.DeleteDraft,
            DefinitionVersionChangeKind.Reverted => AuditActions.RevertDefinition,
            _ => null,
        };
        if (action is null) return;
        var detail = new JsonObject { ["definitionId"] = change.DefinitionId, ["version"] = change.Version };
        if (change.Kind == DefinitionVersionChangeKind.Published) detail["name"] = change.Name;
        if (change.RevertedFrom is { } from) detail["revertedFrom"] = from;
        AuditLog.Append(transaction, new AuditEvent(
            ActorOrSystem(change.Actor), action, Target: Target(change.DefinitionId, change.Version), Detail: detail));
    }

    /// <inheritdoc />
    public void OnInstanceTransition(WorkflowTransaction transaction, InstanceTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var action = transition.Kind switch
        {
            InstanceTransitionKind.Cancelled => AuditActions.CancelInstance,
            InstanceTransitionKind.Retried => AuditActions.RetryInstance,
            _ => null, // A fault is the system's, recorded in the instance's journal and incidents.
        };
        if (action is null) return;
        var detail = new JsonObject
        {
            ["definitionId"] = transition.DefinitionId,
            ["version"] = transition.DefinitionVersion,
            ["nodeId"] = transition.NodeId,
            ["businessKey"] = transition.BusinessKey,
            ["reason"] = transition.Reason,
        };
        AuditLog.Append(transaction, new AuditEvent(
            ActorOrSystem(transition.Actor), action, TicketId: TicketIdOf(transition.BusinessKey), Target: InstanceTarget(transition.InstanceId), Detail: detail));
    }

    /// <summary>A triage workflow's business key is its ticket's id, so the entry shows on the ticket's trail; other keys are left in the detail.</summary>
    private static string? TicketIdOf(string businessKey) =>
        businessKey.StartsWith("tk_", StringComparison.Ordinal) && businessKey.Length <= 64 ? businessKey : null;

    private static string ActorOrSystem(string? actor) => string.IsNullOrWhiteSpace(actor) ? AuditActions.SystemActor : actor;
}
