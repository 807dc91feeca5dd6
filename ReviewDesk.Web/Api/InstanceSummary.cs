using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Api;

/// <summary>An instance in a list: where it stands, without its input, variables and outputs.</summary>
public sealed record InstanceSummary(
    string Id, string DefinitionId, int DefinitionVersion, string BusinessKey, WorkflowStatus Status, string? CurrentNodeId,
    string? FaultedNodeId, string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public static InstanceSummary From(WorkflowInstanceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, view.DefinitionId, view.DefinitionVersion, view.BusinessKey, view.Status, view.CurrentNodeId,
            view.FaultedNodeId, view.Error, view.CreatedAt, view.UpdatedAt, view.FinishedAt);
    }
}
