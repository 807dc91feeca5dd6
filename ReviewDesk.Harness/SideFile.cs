namespace ReviewDesk.Harness;

/// <summary>An append-only record of activity executions, outside the database, written before each activity returns.</summary>
internal sealed class SideFile(string path, string run, int maxStepMilliseconds)
{
    /// <summary>The most time one step takes (a random share of it), so kills land inside activities.</summary>
    public int MaxStepMilliseconds => maxStepMilliseconds;

    private readonly Lock _lock = new();

    public void Record(string businessKey, string nodeId, int attempt)
    {
        // One write per line reaches the OS before the activity returns, so SIGKILL cannot lose it.
        lock (_lock)
        {
            File.AppendAllText(path, $"{run}|{businessKey}|{nodeId}|{attempt}\n");
        }
    }
}
