using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Harness;

/// <summary>
/// Crash test (<c>crash-host --eager true</c>): a first step the starting caller runs before the start commits. Its only
/// effect is a row of <see cref="Table"/>, enlisted with the step, so it commits once with the start or not at all; a run
/// whose start never committed (killed before it, or dropped because a killed run's start did commit) leaves nothing.
/// </summary>
internal sealed class EagerRecordActivity(SideFile sideFile) : IActivityType, IEagerStartActivity
{
    public const string Table = "CrashEagerEffects";

    /// <summary>The step item the starting caller hands the step, so its row says where it ran (1: in the caller).</summary>
    public const string CallerItem = "crash.caller";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "EagerRecord",
        DisplayName = "Eager record",
        Description = "Crash test: writes one row with the step; may run in the caller that starts its instance.",
    };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (instanceId, key, node, inCaller) = (context.InstanceId, context.BusinessKey, context.NodeId, context.StepItems.ContainsKey(CallerItem) ? 1 : 0);
        context.Enlist(tx => tx.Execute($"""INSERT INTO "{Table}" ("InstanceId", "BusinessKey", "NodeId", "InCaller") VALUES ($1, $2, $3, $4)""",
            instanceId, key, node, inCaller));
        // A computation that takes a moment, as a scrub does, so the starts last long enough for a kill to land among them.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, sideFile.MaxStepMilliseconds + 1)), context.Time, context.CancellationToken);
        return ActivityResult.Done();
    }
}
