namespace ReviewDesk.Engine.Activities.BuiltIn;

/// <summary>Does nothing and ends with <c>Done</c>; a join point or a placeholder step in a draft.</summary>
public sealed class NoOpActivity : IActivityType
{
    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "NoOp",
        DisplayName = "No-op",
        Description = "Does nothing and continues.",
        Category = "Flow",
    };

    /// <inheritdoc />
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done());
}
