namespace ReviewDesk.Engine.Activities.BuiltIn;

/// <summary>
/// Suspends on a bookmark of a configured kind until someone resumes it (<c>Resumed</c>, with the
/// payload as output) or its optional deadline passes (<c>TimedOut</c>).
/// </summary>
public sealed class WaitForSignalActivity : IActivityType
{
    /// <summary>The outcome when the bookmark is resumed.</summary>
    public const string Resumed = "Resumed";

    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "WaitForSignal",
        DisplayName = "Wait for signal",
        Description = "Waits until the instance is resumed with the given kind, or until the timeout passes.",
        Category = "Flow",
        Outcomes = [Resumed, Outcomes.TimedOut],
        Settings =
        [
            new() { Name = "kind", Label = "Signal kind", Kind = SettingKind.Text, Required = true },
            new() { Name = "timeout", Label = "Timeout", Kind = SettingKind.Duration, Description = "Leave empty to wait forever.", Minimum = 0 },
        ],
    };

    /// <inheritdoc />
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        DateTimeOffset? deadline = ActivitySetting.TryParseDuration(context.GetString("timeout"), out var timeout)
            ? context.Time.GetUtcNow() + timeout
            : null;
        return ValueTask.FromResult(ActivityResult.Suspend(new BookmarkRequest(context.GetString("kind")!, Deadline: deadline)));
    }

    /// <inheritdoc />
    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Outcome(Resumed, context.Resume?.Payload?.DeepClone()));
}
