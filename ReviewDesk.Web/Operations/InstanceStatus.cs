using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Operations;

/// <summary>An instance's business key and status, without its JSON state.</summary>
public sealed record InstanceStatus(string Id, string BusinessKey, WorkflowStatus Status);
