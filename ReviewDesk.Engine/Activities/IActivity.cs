namespace ReviewDesk.Engine.Activities;

/// <summary>
/// The contract of an activity: the unit of work the runtime executes, checkpoints and retries.
/// An activity is created per execution through dependency injection. Implementations also expose
/// their <see cref="ActivityDescriptor"/> through <see cref="IActivityType.Descriptor"/>.
/// </summary>
public interface IActivity
{
    /// <summary>Runs the activity when the flow reaches its node.</summary>
    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>
    /// Runs when a bookmark this activity created is resumed (<see cref="ActivityContext.Resume"/> is set).
    /// The default ends the node with the <c>Done</c> outcome.
    /// </summary>
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done());

    /// <summary>
    /// Runs when the deadline of a bookmark this activity created passes (<see cref="ActivityContext.Bookmark"/> is set).
    /// The default ends the node with the <c>TimedOut</c> outcome.
    /// </summary>
    ValueTask<ActivityResult> OnDeadlineAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Outcome(Outcomes.TimedOut));
}

/// <summary>Gives an activity class its static description, read when it is registered.</summary>
public interface IActivityType : IActivity
{
    /// <summary>The type's name, outcomes and settings schema.</summary>
    static abstract ActivityDescriptor Descriptor { get; }
}
