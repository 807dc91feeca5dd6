using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// A ticket's status moves with its workflow when the workflow changes outside the triage steps, in the
/// same transaction: an operator's cancel makes it Cancelled (it leaves the review queue), a fault makes
/// it Failed, and an operator's retry of a faulted workflow makes it Triaging again.
/// </summary>
internal sealed class TicketWorkflowTransitions : IWorkflowChangeHandler
{
    public void OnInstanceTransition(WorkflowTransaction transaction, InstanceTransition transition)
    {
        switch (transition.Kind)
        {
            case InstanceTransitionKind.Cancelled:
                TicketWriter.WorkflowStopped(transaction, transition.InstanceId, TicketStatus.Cancelled);
                break;
            case InstanceTransitionKind.Faulted:
                TicketWriter.WorkflowStopped(transaction, transition.InstanceId, TicketStatus.Failed);
                break;
            case InstanceTransitionKind.Retried:
                TicketWriter.WorkflowRetried(transaction, transition.InstanceId);
                break;
        }
    }
}
