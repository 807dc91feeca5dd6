using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Operations;

/// <summary>An instance's business key, status and definition, without its JSON state.</summary>
public sealed record InstanceStatus(string Id, string BusinessKey, WorkflowStatus Status, string DefinitionId, int DefinitionVersion);
