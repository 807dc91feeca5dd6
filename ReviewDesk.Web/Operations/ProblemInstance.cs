using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Operations;

/// <summary>A workflow instance that needs an operator: faulted, or with open incidents.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="BusinessKey">Its business key (the ticket id for triage).</param>
/// <param name="Status">Its status, null when the instance is gone (purged) but an incident is open.</param>
/// <param name="NodeId">The faulted node, or the node of the newest open incident.</param>
/// <param name="Error">The instance's error, or the newest open incident's message.</param>
/// <param name="OpenIncidents">How many incidents are open.</param>
/// <param name="Ticket">The ticket whose id is the business key (its redacted subject and status), null for other workflows.</param>
/// <param name="DefinitionId">The definition (variant) the instance runs, null when the instance is gone.</param>
/// <param name="DefinitionVersion">Its version.</param>
/// <param name="Since">When it faulted (its last change), or when the newest open incident was raised.</param>
public sealed record ProblemInstance(
    string InstanceId, string? BusinessKey, WorkflowStatus? Status, string? NodeId, string? Error, int OpenIncidents,
    ProblemTicket? Ticket = null, string? DefinitionId = null, int? DefinitionVersion = null, DateTimeOffset? Since = null);
