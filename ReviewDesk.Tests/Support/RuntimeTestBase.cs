namespace ReviewDesk.Tests.Support;

/// <summary>A test class's runtime: a real SQLite file, the execution log of the test activities, and a started host.</summary>
public abstract class RuntimeTestBase(TimeProvider? time = null) : IAsyncLifetime
{
    protected TestDatabase Database { get; } = new();

    protected ExecutionLog Log { get; } = new();

    /// <summary>The host; a test may replace it (to restart on the same database).</summary>
    protected RuntimeHost Host { get; set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync() => Host = await RuntimeHost.StartAsync(Database, Log, time);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
