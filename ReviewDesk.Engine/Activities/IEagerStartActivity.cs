namespace ReviewDesk.Engine.Activities;

/// <summary>
/// An activity that may run as a new instance's first step in the caller that starts it, before the start commits
/// (<see cref="Runtime.WorkflowRuntime.PrepareStartAsync"/>), so that the start and that step commit as one
/// transaction, as DBOS runs a workflow's first steps in the process that calls it. A ticket's submission then
/// writes the ticket, its instance and its scrubbed, classified and routed state in one commit, instead of three (the
/// submission, the worker's claim, the step).
/// <para>
/// Why this keeps the runtime's guarantees: nothing of the step is written except with the start. If the start does
/// not commit (the caller's write fails, the process dies, a newer version was published meanwhile, the step's own
/// writes fail), the step's result is dropped and the worker runs it again as attempt 1, as if it had never run. So
/// the activity may run twice, and its <see cref="IActivity.ExecuteAsync"/> must have no effect but its writes
/// enlisted with <see cref="ActivityContext.Enlist"/>: a computation, and reads. A paid or slow call (a model, a
/// webhook) must never be eager. A failure in the caller is not recorded either: the step then runs on the worker,
/// under its node's retry policy.
/// </para>
/// <para>
/// What the caller has in memory and the step would otherwise read back (a ticket's submission, not yet written)
/// reaches it through <see cref="ActivityContext.StepItems"/>.
/// </para>
/// </summary>
public interface IEagerStartActivity : IActivity;
