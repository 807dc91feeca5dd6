using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// The worker loop: claims due work under a lease (bounded by <see cref="WorkerOptions.MaxConcurrency"/>),
/// runs each claim's chain of steps, renews its leases by heartbeat, and gives them up on a graceful stop.
/// A worker that dies simply stops renewing; its leases expire and any worker takes the work.
/// </summary>
internal sealed class WorkflowWorker : BackgroundService
{
    private readonly WorkflowStore _store;
    private readonly StepExecutor _executor;
    private readonly WorkSignal _signal;
    private readonly TimeProvider _time;
    private readonly WorkerOptions _options;
    private readonly ILogger<WorkflowWorker> _logger;
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _byInstance = new();
    private readonly IDisposable _subscription;
    private int _inFlight;
    private int _failedLooks;

    public WorkflowWorker(WorkflowStore store, StepExecutor executor, WorkSignal signal, WorkflowEventStream events,
        TimeProvider time, IOptions<WorkflowRuntimeOptions> options, WorkerIdentity identity, ILogger<WorkflowWorker> logger)
    {
        _store = store;
        _executor = executor;
        _signal = signal;
        _time = time;
        _options = options.Value.Worker;
        _logger = logger;
        Owner = identity.Id;
        // An operator's cancel stops the instance's running activity here instead of letting it finish unseen.
        _subscription = events.Subscribe(e =>
        {
            if (e is InstanceChanged { Status: WorkflowStatus.Cancelled } && _byInstance.TryGetValue(e.InstanceId, out var cts)) cts.Cancel();
            // Work another node made runnable (a start or a resume there) wakes this worker too, instead of waiting for its next poll.
            if (e is InstanceChanged { Status: WorkflowStatus.Running } && events.IsRelaying) _signal.Notify();
        });
    }

    public string Owner { get; }

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Workflow worker {Owner} started (concurrency {Concurrency}, lease {Lease})", Owner, _options.MaxConcurrency, _options.LeaseDuration);
        var heartbeat = HeartbeatAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = await TryClaimAndRunAsync(stoppingToken);
                if (wait > TimeSpan.Zero) await _signal.WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await Task.WhenAll(_running.Keys);
            await heartbeat;
            await _store.ReleaseLeasesAsync(Owner, CancellationToken.None);
            _logger.LogInformation("Workflow worker {Owner} stopped and released its leases", Owner);
        }
    }

    /// <summary>
    /// <see cref="ClaimAndRunAsync"/>, kept alive through database outages: a failed look for due work (the server
    /// restarting, a refused connection) is logged once, tried again every poll, and logged again once it works.
    /// </summary>
    private async Task<TimeSpan> TryClaimAndRunAsync(CancellationToken stoppingToken)
    {
        try
        {
            var wait = await ClaimAndRunAsync(stoppingToken);
            if (_failedLooks > 0)
            {
                _logger.LogInformation("Looking for due work works again after {Failures} failed tries", _failedLooks);
                _failedLooks = 0;
            }

            return wait;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (_failedLooks++ == 0) _logger.LogError(ex, "Looking for due work failed; trying again every {PollInterval} until it works", _options.PollInterval);
            return _options.PollInterval;
        }
    }

    /// <summary>Claims what is due into the free slots; returns how long to wait before looking again.</summary>
    private async Task<TimeSpan> ClaimAndRunAsync(CancellationToken stoppingToken)
    {
        var inFlight = Volatile.Read(ref _inFlight);
        var free = _options.MaxConcurrency - inFlight;
        // While busy, claim in chunks (a quarter of the slots) rather than one claim per finished chain:
        // each claim is a write, and a saturated worker has work in hand anyway.
        if (free <= 0 || (inFlight > 0 && free < Math.Max(1, _options.MaxConcurrency / 4))) return _options.PollInterval;

        var nextDue = await _store.NextDueAsync(stoppingToken);
        var now = _time.GetUtcNow();
        if (nextDue is null) return _options.PollInterval;
        if (nextDue > now)
        {
            var untilDue = nextDue.Value - now;
            return untilDue < _options.PollInterval ? untilDue : _options.PollInterval;
        }

        var claimed = await _store.ClaimAsync(Owner, free, stoppingToken);

        foreach (var work in claimed)
        {
            Interlocked.Increment(ref _inFlight);
            var task = RunAsync(work, stoppingToken);
            _running.TryAdd(task, 0);
            _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        // A full claim may have left more due work behind: look again at once when a slot is free.
        return claimed.Count == free ? TimeSpan.Zero : _options.PollInterval;
    }

    private async Task RunAsync(ClaimedWork work, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var instanceCancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _byInstance[work.InstanceId] = instanceCancel;
        try
        {
            await _executor.RunChainAsync(work, Owner, instanceCancel.Token);
        }
        catch (OperationCanceledException) when (instanceCancel.IsCancellationRequested)
        {
            // Stopping or cancelled: nothing was committed; the lease is released or the work is gone.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Running work item {WorkItemId} of instance {InstanceId} failed; it runs again when its lease expires", work.Id, work.InstanceId);
        }
        finally
        {
            _byInstance.TryRemove(new KeyValuePair<string, CancellationTokenSource>(work.InstanceId, instanceCancel));
            Interlocked.Decrement(ref _inFlight);
            _signal.Notify();
        }
    }

    private async Task HeartbeatAsync(CancellationToken stoppingToken)
    {
        var interval = _options.LeaseDuration / 3;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (Volatile.Read(ref _inFlight) == 0) continue;
                try
                {
                    await _store.RenewLeasesAsync(Owner, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Renewing leases failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
