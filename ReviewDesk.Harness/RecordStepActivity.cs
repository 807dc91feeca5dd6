using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Harness;

/// <summary>Records its execution in the side file and takes a few milliseconds, so kills land inside activities too.</summary>
internal sealed class RecordStepActivity(SideFile sideFile) : IActivityType
{
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "RecordStep",
        DisplayName = "Record step",
        Description = "Crash test: records each execution outside the database.",
    };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await sideFile.Ready.WaitAsync(context.CancellationToken);
        sideFile.Record(context.BusinessKey, context.NodeId, context.Attempt);
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, sideFile.MaxStepMilliseconds + 1)), context.Time, context.CancellationToken);
        return ActivityResult.Done();
    }
}
