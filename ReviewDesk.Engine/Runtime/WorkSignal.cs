namespace ReviewDesk.Engine.Runtime;

/// <summary>Wakes the worker when work was added in this process, so it need not wait for its next poll.</summary>
internal sealed class WorkSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers any number of notifications.
        }
    }

    /// <summary>Waits for a notification or <paramref name="timeout"/> of wall-clock time (polling is not workflow time).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
