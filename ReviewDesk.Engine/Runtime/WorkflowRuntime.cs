using Microsoft.Extensions.Options;

namespace ReviewDesk.Engine.Runtime;

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
    private readonly WorkflowRuntimeOptions _options;
    private readonly StepExecutor _executor;
    private readonly WorkerIdentity _identity;

    internal WorkflowRuntime(WorkflowStore store, WorkflowQueries queries,
        WorkflowEventStream events, IOptions<WorkflowRuntimeOptions> options, StepExecutor executor, WorkerIdentity identity)
    {
        _executor = executor;
        _identity = identity;
        _store = store;
        _queries = queries;
        _events = events;
        _options = options.Value;
    }

    /// <summary>Starts an instance on the latest published version (or the one asked for); idempotent by business key.</summary>
    /// <exception cref="WorkflowRequestException">No such published definition version.</exception>
    public async Task<StartWorkflowResult> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        Check(request);
        return await _store.StartAsync(request, cancellationToken) ?? throw NoPublishedVersion(request);
    }

    /// <summary>
    /// Runs the first step of the instance <paramref name="request"/> will start, here in the caller, so that it commits
    /// with the start (<see cref="WorkflowTransaction.StartWorkflow(StartWorkflowRequest, PreparedStart?)"/>): one commit
    /// instead of the start's, the worker's claim and the step's. Only for a start node whose activity is an
    /// <see cref="Activities.IEagerStartActivity"/>; <paramref name="stepItems"/> hands it what the caller holds in memory.
    /// Null, having written nothing, when the start node is not eager, its step failed, or this process runs no worker
    /// (<see cref="WorkerOptions.Enabled"/>): start without it, and a worker runs the step.
    /// </summary>
    public Task<PreparedStart?> PrepareStartAsync(StartWorkflowRequest request, IDictionary<string, object>? stepItems = null,
        CancellationToken cancellationToken = default)
    {
        Check(request);
        // A process without a worker (a node that only takes requests) runs no step, its first one neither.
        if (!_options.Worker.Enabled) return Task.FromResult<PreparedStart?>(null);
        return _executor.PrepareStartAsync(request, _identity.Id, stepItems, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the runtime's writer, in a transaction shared with whatever else is
    /// queued (group commit), and returns its result once that transaction committed. This is how a domain
    /// writes: its rows, and the runtime commands it issues through the <see cref="WorkflowTransaction"/>
    /// (start, resume, cancel), commit together or not at all. A write that throws is rolled back alone and
    /// its exception is thrown here; the other writes of the batch commit.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<WorkflowTransaction, T> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return _store.WriteAsync(write, cancellationToken);
    }

    /// <summary>Runs <paramref name="write"/> on the runtime's writer (see <see cref="WriteAsync{T}"/>) and waits until it committed.</summary>
    public Task WriteAsync(Action<WorkflowTransaction> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return _store.WriteAsync(tx =>
        {
            write(tx);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Resumes a bookmark. When <paramref name="waitForSettled"/> is true and the resume was delivered,
    /// the answer carries the instance after the resumed work ran to its next suspension or end
    /// (or after <see cref="WorkflowRuntimeOptions.SyncResumeTimeout"/>, whichever comes first).
    /// </summary>
    public async Task<ResumeResult> ResumeAsync(ResumeRequest request, bool waitForSettled = false, CancellationToken cancellationToken = default)
    {
        Check(request);
        var result = await _store.ResumeAsync(request, cancellationToken);
        return await SettleAsync(result, waitForSettled, cancellationToken);
    }

    /// <summary>
    /// When <paramref name="waitForSettled"/> is true and <paramref name="result"/> was delivered, waits until the
    /// resumed work ran to its next suspension or end (or <see cref="WorkflowRuntimeOptions.SyncResumeTimeout"/>), and
    /// returns the answer with the instance; for a resume made through <see cref="WorkflowTransaction.Resume"/>.
    /// </summary>
    public async Task<ResumeResult> SettleAsync(ResumeResult result, bool waitForSettled = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!waitForSettled || result.InstanceId is null) return result;

        if (result.Outcome == ResumeOutcome.Delivered) await WaitUntilSettledAsync(result.InstanceId, _options.SyncResumeTimeout, cancellationToken);
        return result with { Instance = await _queries.GetInstanceAsync(result.InstanceId, cancellationToken) };
    }

    /// <summary>Cancels an instance that has not finished.</summary>
    public Task<OperationResult> CancelAsync(string instanceId, string? actor, string? reason = null, CancellationToken cancellationToken = default) =>
        _store.CancelAsync(instanceId, actor, reason, cancellationToken);

    /// <summary>Retries a faulted instance from the node that failed.</summary>
    public Task<OperationResult> RetryAsync(string instanceId, string? actor, CancellationToken cancellationToken = default) =>
        _store.RetryAsync(instanceId, actor, cancellationToken);

    /// <summary>The writer's commits and committed operations since this process started.</summary>
    public WriteStatistics WriteStatistics => _store.Statistics;

    internal static void Check(StartWorkflowRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.BusinessKey)) throw new WorkflowRequestException("a workflow needs a business key");
    }

    internal static void Check(ResumeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.RequestId)) throw new WorkflowRequestException("a resume needs a request id");
    }

    internal static WorkflowRequestException NoPublishedVersion(StartWorkflowRequest request) => new(request.Version is null
        ? $"workflow definition '{request.DefinitionId}' has no published version"
        : $"workflow definition '{request.DefinitionId}' has no published version {request.Version}");

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
