namespace ReviewDesk.Harness;

/// <summary>An append-only record of activity executions, outside the database, written before each activity returns.</summary>
internal sealed class SideFile(string path, string run, int maxStepMilliseconds)
{
    /// <summary>The most time one step takes (a random share of it), so kills land inside activities.</summary>
    public int MaxStepMilliseconds => maxStepMilliseconds;

    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// With <c>--hold-steps-until-ready</c>, the steps wait for this until the host has printed READY: a test that kills at
    /// READY then kills before the restarted host has run any step, however slowly it started.
    /// </summary>
    public Task Ready => _ready.Task;

    public void SetReady() => _ready.TrySetResult();

    public void Record(string businessKey, string nodeId, int attempt)
    {
        // One write per line reaches the OS before the activity returns, so SIGKILL cannot lose it.
        lock (_lock)
        {
            File.AppendAllText(path, $"{run}|{businessKey}|{nodeId}|{attempt}\n");
        }
    }
}
