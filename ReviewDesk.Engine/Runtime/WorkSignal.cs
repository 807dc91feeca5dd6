namespace ReviewDesk.Engine.Runtime;

/// <summary>Wakes the worker when work was added in this process, so it need not wait for its next poll.</summary>
internal sealed class WorkSignal
{
    // No maximum: in the rare race between a wait ending and the flag clearing, a second release only costs a spare wake-up.
    private readonly SemaphoreSlim _signal = new(0);
    private int _pending;

    /// <summary>
    /// Wakes the worker; any number of notifications before it wakes count as one. Called after every commit
    /// that adds work, so it must be cheap: a flag decides, and only the first notification touches the
    /// semaphore (releasing a full one would throw, and exceptions cost more than the commit).
    /// </summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0) _signal.Release();
    }

    /// <summary>Waits for a notification or <paramref name="timeout"/> of wall-clock time (polling is not workflow time).</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var woken = await _signal.WaitAsync(timeout, cancellationToken);
        // Clear the flag after the wait: a notification from here on releases the semaphore again.
        Volatile.Write(ref _pending, 0);
        return woken;
    }
}
