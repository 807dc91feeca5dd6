using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Operations;

/// <summary>A workflow instance that needs an operator: faulted, or with open incidents.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="BusinessKey">Its business key (the ticket id for triage).</param>
/// <param name="Status">Its status, null when the instance is gone (purged) but an incident is open.</param>
/// <param name="NodeId">The faulted node, or the node of the newest open incident.</param>
/// <param name="Error">The instance's error, or the newest open incident's message.</param>
/// <param name="OpenIncidents">How many incidents are open.</param>
public sealed record ProblemInstance(string InstanceId, string? BusinessKey, WorkflowStatus? Status, string? NodeId, string? Error, int OpenIncidents);
