using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Operations;

/// <summary>The operator board's reads and commands: figures, history, problem instances, retry, cancel and ticket search.</summary>
public sealed class OperationsBoard(
    OperationsQueries queries, OperationsHistoryQueries history, WorkflowQueries workflows, WorkflowRuntime runtime, TicketStore ticketStore,
    IOptions<OperationsOptions> options, TimeProvider time)
{
    /// <summary>The board's settings (stuck-work threshold, refresh interval).</summary>
    public OperationsOptions Options => options.Value;

    /// <summary>How many waiting tickets the board lists.</summary>
    public const int ListSize = 10;

    /// <summary>How many problem instances the board lists.</summary>
    public const int ProblemListSize = 50;

    /// <summary>The throughput chart's window and bucket.</summary>
    public static readonly TimeSpan ThroughputWindow = TimeSpan.FromHours(1), ThroughputBucket = TimeSpan.FromMinutes(5);

    /// <summary>Reads the board's figures.</summary>
    public async Task<OperationsSnapshot> LoadAsync(CancellationToken cancellationToken) => new(
        time.GetUtcNow(),
        await workflows.CountByStatusAsync(null, cancellationToken),
        await queries.CountTicketsByStatusAsync(cancellationToken),
        await queries.CountTicketsByQueueAsync(cancellationToken),
        await queries.GetThroughputAsync(ThroughputWindow, ThroughputBucket, cancellationToken),
        await queries.GetLongestWaitingAsync(ListSize, cancellationToken),
        await GetProblemsAsync(cancellationToken));

    /// <summary>The charts' history over <paramref name="range"/> (shared by every open board for a moment, see <see cref="OperationsOptions.HistoryCacheDuration"/>).</summary>
    public Task<OperationsHistory> LoadHistoryAsync(HistoryRange range, CancellationToken cancellationToken) => history.GetAsync(range, cancellationToken);

    /// <summary>
    /// Faulted instances and instances with open incidents, faulted first, at most <see cref="ProblemListSize"/>;
    /// <see cref="ProblemList.Total"/> tells how many there are in all.
    /// </summary>
    public async Task<ProblemList> GetProblemsAsync(CancellationToken cancellationToken)
    {
        var faulted = await workflows.ListInstancesAsync(new InstanceFilter { Status = WorkflowStatus.Faulted }, 1, ProblemListSize, cancellationToken);
        var incidents = (await workflows.GetIncidentsAsync(null, cancellationToken)).ToLookup(i => i.InstanceId, StringComparer.Ordinal);
        var problems = faulted.Items
            .Select(i => new ProblemInstance(i.Id, i.BusinessKey, i.Status, i.FaultedNodeId ?? i.CurrentNodeId, i.Error, incidents[i.Id].Count(),
                DefinitionId: i.DefinitionId, DefinitionVersion: i.DefinitionVersion, Since: i.FinishedAt ?? i.UpdatedAt))
            .ToList();
        var listed = problems.Select(p => p.InstanceId).ToHashSet(StringComparer.Ordinal);
        // Incidents come newest first; an instance that took a Failed connection keeps running with its incident open.
        var others = incidents.Where(g => !listed.Contains(g.Key)).ToList();
        var shown = others.Take(Math.Max(ProblemListSize - problems.Count, 0)).ToList();
        var statuses = await queries.GetInstanceStatusesAsync([.. shown.Select(g => g.Key)], cancellationToken);
        foreach (var open in shown)
        {
            var instance = statuses.GetValueOrDefault(open.Key);
            var newest = open.First();
            problems.Add(new ProblemInstance(open.Key, instance?.BusinessKey, instance?.Status, newest.NodeId, newest.Message, open.Count(),
                DefinitionId: instance?.DefinitionId, DefinitionVersion: instance?.DefinitionVersion, Since: newest.At));
        }

        // The tickets behind them (a triage instance's business key is its ticket id) in one query for the whole list.
        var tickets = await queries.GetProblemTicketsAsync([.. problems.Select(p => p.BusinessKey).OfType<string>().Distinct(StringComparer.Ordinal)], cancellationToken);
        problems = [.. problems.Select(p => p.BusinessKey is { } key && tickets.TryGetValue(key, out var ticket) ? p with { Ticket = ticket } : p)];
        return new ProblemList(problems, faulted.Total + others.Count);
    }

    /// <summary>Retries a faulted instance from its failed node on behalf of <paramref name="actor"/> (journal and audit trail).</summary>
    public Task<OperationResult> RetryAsync(string instanceId, string actor, CancellationToken cancellationToken) =>
        runtime.RetryAsync(instanceId, actor, cancellationToken);

    /// <summary>Cancels an instance that has not finished on behalf of <paramref name="actor"/>, for <paramref name="reason"/> (journal and audit trail).</summary>
    public Task<OperationResult> CancelAsync(string instanceId, string actor, string reason, CancellationToken cancellationToken) =>
        runtime.CancelAsync(instanceId, actor, reason, cancellationToken);

    /// <summary>Finds the workflow instance of a ticket by ticket id or external id; null when there is none.</summary>
    public async Task<string?> FindInstanceIdAsync(string ticketIdOrExternalId, CancellationToken cancellationToken)
    {
        var term = ticketIdOrExternalId.Trim();
        if (term.Length == 0) return null;
        var ticket = await ticketStore.FindAsync(term, cancellationToken)
            ?? await ticketStore.FindByKeysAsync(term, null, cancellationToken);
        return ticket?.InstanceId;
    }
}
