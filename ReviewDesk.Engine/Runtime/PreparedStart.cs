namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// A new instance's first step, run by the caller before the start commits (<see cref="WorkflowRuntime.PrepareStartAsync"/>):
/// pass it to <see cref="WorkflowTransaction.StartWorkflow(StartWorkflowRequest, PreparedStart?)"/> so that the start and
/// the step commit as one transaction. Nothing of it is written until then, and a prepared start that is never used
/// leaves nothing behind.
/// </summary>
public sealed class PreparedStart
{
    internal PreparedStart(StartWorkflowRequest request, StepPlan plan, string owner)
    {
        Request = request;
        Plan = plan;
        Owner = owner;
    }

    /// <summary>The id the instance gets when it starts with this (also when the step is dropped at the start).</summary>
    public string InstanceId => Plan.Before.Id;

    /// <summary>The definition version the step ran on.</summary>
    public int DefinitionVersion => Plan.Before.DefinitionVersion;

    internal StartWorkflowRequest Request { get; }

    /// <summary>The step's plan, serialized, against the instance as it is when it starts (version 1).</summary>
    internal StepPlan Plan { get; }

    /// <summary>This process's worker id, the step's worker in the journal and its execution record.</summary>
    internal string Owner { get; }
}
