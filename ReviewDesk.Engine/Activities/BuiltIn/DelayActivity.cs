namespace ReviewDesk.Engine.Activities.BuiltIn;

/// <summary>Waits for a duration on a durable timer that survives restarts.</summary>
public sealed class DelayActivity : IActivityType
{
    /// <summary>The bookmark kind of a delay; resuming it ends the delay early.</summary>
    public const string BookmarkKind = "delay";

    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Delay",
        DisplayName = "Delay",
        Description = "Waits for a duration, then continues. The timer is durable.",
        Category = "Flow",
        Settings = [new() { Name = "duration", Label = "Duration", Kind = SettingKind.Duration, Required = true, Minimum = 0 }],
    };

    /// <inheritdoc />
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ActivitySetting.TryParseDuration(context.GetString("duration"), out var duration);
        var deadline = context.Time.GetUtcNow() + duration;
        return ValueTask.FromResult(ActivityResult.Suspend(new BookmarkRequest(BookmarkKind, Deadline: deadline)));
    }

    /// <inheritdoc />
    public ValueTask<ActivityResult> OnDeadlineAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done());
}
