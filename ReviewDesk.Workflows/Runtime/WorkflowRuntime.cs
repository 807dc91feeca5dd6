using Microsoft.Extensions.Options;

namespace ReviewDesk.Workflows.Runtime;

/// <summary>
/// The runtime's commands: start, resume, cancel and retry instances. Every command is one database
/// transaction; work it creates is picked up by the worker of any process sharing the database.
/// </summary>
public sealed class WorkflowRuntime
{
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(250);

    private readonly WorkflowStore _store;
    private readonly WorkflowQueries _queries;
    private readonly WorkflowEventStream _events;
    private readonly WorkSignal _signal;
    private readonly WorkflowRuntimeOptions _options;

    internal WorkflowRuntime(WorkflowStore store, WorkflowQueries queries,
        WorkflowEventStream events, WorkSignal signal, IOptions<WorkflowRuntimeOptions> options)
    {
        _store = store;
        _queries = queries;
        _events = events;
        _signal = signal;
        _options = options.Value;
    }

    /// <summary>Starts an instance on the latest published version (or the one asked for); idempotent by business key.</summary>
    /// <exception cref="WorkflowRequestException">No such published definition version.</exception>
    public async Task<StartWorkflowResult> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.BusinessKey)) throw new WorkflowRequestException("a workflow needs a business key");

        var result = await _store.StartAsync(request, cancellationToken)
            ?? throw new WorkflowRequestException(request.Version is null
                ? $"workflow definition '{request.DefinitionId}' has no published version"
                : $"workflow definition '{request.DefinitionId}' has no published version {request.Version}");
        if (result.Created) _signal.Notify();
        return result;
    }

    /// <summary>
    /// Resumes a bookmark. When <paramref name="waitForSettled"/> is true and the resume was delivered,
    /// the answer carries the instance after the resumed work ran to its next suspension or end
    /// (or after <see cref="WorkflowRuntimeOptions.SyncResumeTimeout"/>, whichever comes first).
    /// </summary>
    public async Task<ResumeResult> ResumeAsync(ResumeRequest request, bool waitForSettled = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.RequestId)) throw new WorkflowRequestException("a resume needs a request id");

        var result = await _store.ResumeAsync(request, cancellationToken);
        if (result.Outcome == ResumeOutcome.Delivered && !result.Duplicate) _signal.Notify();
        if (!waitForSettled || result.InstanceId is null) return result;

        if (result.Outcome == ResumeOutcome.Delivered) await WaitUntilSettledAsync(result.InstanceId, _options.SyncResumeTimeout, cancellationToken);
        return result with { Instance = await _queries.GetInstanceAsync(result.InstanceId, cancellationToken) };
    }

    /// <summary>Cancels an instance that has not finished.</summary>
    public Task<OperationResult> CancelAsync(string instanceId, string? actor, string? reason = null, CancellationToken cancellationToken = default) =>
        _store.CancelAsync(instanceId, actor, reason, cancellationToken);

    /// <summary>Retries a faulted instance from the node that failed.</summary>
    public async Task<OperationResult> RetryAsync(string instanceId, string? actor, CancellationToken cancellationToken = default)
    {
        var result = await _store.RetryAsync(instanceId, actor, cancellationToken);
        if (result.Succeeded) _signal.Notify();
        return result;
    }

    /// <summary>Waits until the instance has nothing to run now (see <see cref="WorkflowQueries.IsSettledAsync"/>) or the timeout passes.</summary>
    /// <returns>True when it settled in time.</returns>
    public async Task<bool> WaitUntilSettledAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var changed = new SemaphoreSlim(0);
        using var subscription = _events.Subscribe(e =>
        {
            if (e.InstanceId == instanceId) changed.Release();
        });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await _queries.IsSettledAsync(instanceId, deadline.Token))
            {
                // Events from this process wake us at once; work done by another process is seen by polling.
                await changed.WaitAsync(SettlePoll, deadline.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
