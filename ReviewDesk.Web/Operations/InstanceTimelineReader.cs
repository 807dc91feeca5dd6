using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Operations;

/// <summary>Reads an <see cref="InstanceTimeline"/> from the runtime's queries.</summary>
public sealed class InstanceTimelineReader(WorkflowQueries workflows)
{
    /// <summary>The instance's timeline, or null when there is no such instance.</summary>
    public async Task<InstanceTimeline?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await workflows.GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null) return null;
        var journal = await workflows.GetJournalAsync(instanceId, cancellationToken);
        var executions = await workflows.GetExecutionsAsync(instanceId, cancellationToken);
        // The journal's RetryScheduled entry for attempt n+1 says how long the runtime waited after attempt n failed.
        var retries = journal.Where(j => j.Type == JournalTypes.RetryScheduled && j.NodeId is not null && j.Attempt is not null)
            .GroupBy(j => (j.NodeId!, j.Attempt!.Value)).ToDictionary(g => g.Key, g => g.Last().Detail);
        var counted = new Dictionary<string, int>(StringComparer.Ordinal);
        var attempts = executions.Select(e =>
        {
            var number = counted[e.NodeId] = counted.GetValueOrDefault(e.NodeId) + 1;
            return new AttemptRow(e, retries.GetValueOrDefault((e.NodeId, e.Attempt + 1)), number);
        }).ToList();
        return new InstanceTimeline(
            instance,
            journal,
            attempts,
            await workflows.GetScheduledWorkAsync(instanceId, cancellationToken),
            await workflows.GetIncidentsAsync(instanceId, cancellationToken));
    }
}
