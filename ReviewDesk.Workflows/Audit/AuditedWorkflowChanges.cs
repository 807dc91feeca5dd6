using System.Text.Json.Nodes;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Workflows.Audit;

/// <summary>Records publishing and retracting definition versions in the audit trail, in the same transaction as the change.</summary>
public sealed class AuditedWorkflowChanges : IWorkflowChangeHandler
{
    /// <summary>How the audit trail names a definition version: <c>definition:support-triage@2</c>.</summary>
    public static string Target(string definitionId, int version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"definition:{definitionId}@{version}");

    /// <inheritdoc />
    public void OnDefinitionChanged(WorkflowTransaction transaction, DefinitionVersionChange change)
    {
        var action = change.Kind switch
        {
            DefinitionVersionChangeKind.Published => AuditActions.PublishDefinition,
            DefinitionVersionChangeKind.Retracted => AuditActions.RetractDefinition,
            _ => null,
        };
        if (action is null) return;
        var detail = new JsonObject { ["definitionId"] = change.DefinitionId, ["version"] = change.Version };
        if (change.Kind == DefinitionVersionChangeKind.Published) detail["name"] = change.Name;
        AuditLog.Append(transaction, new AuditEvent(
            string.IsNullOrWhiteSpace(change.Actor) ? AuditActions.SystemActor : change.Actor, action,
            Target: Target(change.DefinitionId, change.Version), Detail: detail));
    }
}
