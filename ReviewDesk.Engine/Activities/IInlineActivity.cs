namespace ReviewDesk.Engine.Activities;

/// <summary>
/// An activity that may run inside the step that reached its node, and commit with that step, instead of being a
/// step of its own. It is for workflow logic: a decision over the variables and settings, or a database write
/// enlisted with <see cref="ActivityContext.Enlist"/>. Temporal keeps such logic in workflow code, and Elsa runs a
/// burst of activities before it persists; here each inline node still gets its execution record and its journal
/// entries, so a timeline reads the same, but it costs no claim, no load and no commit of its own.
/// <para>
/// Why this keeps the runtime's guarantees: nothing of an inline node is written except with the step before it.
/// If the process dies before that commit, both run again, and neither had written anything. A paid call (a model,
/// a webhook, a slow model) must never run inline: it stays a step, so that its result commits before anything after
/// it runs. A computation from memory that costs microseconds, such as a local model's prediction, may.
/// </para>
/// <para>
/// What the nodes before it in the same step computed and did not commit yet (the redacted text of a ticket, say)
/// reaches it through <see cref="ActivityContext.StepItems"/>; when an item it needs is missing, it declines.
/// </para>
/// <para>
/// The contract of <see cref="TryRunInline"/>: synchronous, no I/O (no reads of the database either: an inline node
/// runs before the effects of the step it joins have committed), and deterministic. It returns <see langword="null"/>,
/// before it has changed anything, when it needs to run as a step (it would have to read or call something); the
/// node is then scheduled as usual. When it throws, the node is also scheduled as a step, whose
/// <see cref="IActivity.ExecuteAsync"/> runs with the node's retry policy.
/// </para>
/// </summary>
public interface IInlineActivity : IActivity
{
    /// <summary>Runs the node at once; null when it must run as a step of its own.</summary>
    ActivityResult? TryRunInline(ActivityContext context);
}
