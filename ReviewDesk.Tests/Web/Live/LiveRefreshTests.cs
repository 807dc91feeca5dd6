using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Live;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Tests.Web.Live;

public sealed class LiveRefreshTests
{
    private readonly WorkflowEventStream _events = new(NullLogger<WorkflowEventStream>.Instance);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private int _refreshes;

    [Fact]
    public void FirstEventAfterAQuietSpell_RefreshesAtOnce()
    {
        using var live = Create(_ => true);

        _events.Publish(Changed("a"));

        Assert.Equal(1, _refreshes);
    }

    [Fact]
    public void BurstOfEvents_RefreshesAtOnce_ThenOnceMoreWhenTheIntervalHasPassed()
    {
        using var live = Create(_ => true);

        for (var i = 0; i < 5; i++) _events.Publish(Changed("a"));
        Assert.Equal(1, _refreshes);
        _time.Advance(LiveRefresh.Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _refreshes);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _refreshes);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(2, _refreshes);
    }

    [Fact]
    public void EventAfterTheInterval_RefreshesAtOnceAgain()
    {
        using var live = Create(_ => true);
        _events.Publish(Changed("a"));
        _time.Advance(LiveRefresh.Interval);

        _events.Publish(Changed("a"));

        Assert.Equal(2, _refreshes);
    }

    [Fact]
    public void EventDuringARefresh_RunsTheNextOneAfterItEnds_NeverTwoAtOnce()
    {
        var running = 0;
        var overlapped = false;
        var release = new TaskCompletionSource();
        using var live = LiveRefresh.On(_events, _time, _ => true, async () =>
        {
            if (Interlocked.Increment(ref running) > 1) overlapped = true;
            Interlocked.Increment(ref _refreshes);
            if (_refreshes == 1) await release.Task;
            Interlocked.Decrement(ref running);
        }, NullLogger.Instance);
        _time.Advance(LiveRefresh.Interval);

        _events.Publish(Changed("a"));
        _events.Publish(Changed("a"));
        _time.Advance(LiveRefresh.Interval * 3);
        Assert.Equal(1, _refreshes); // The first is still running: the second waits for it.

        release.SetResult();

        Assert.Equal(2, _refreshes);
        Assert.False(overlapped);
    }

    [Fact]
    public void EventTheFilterRejects_DoesNotRefresh()
    {
        using var live = Create(e => e.InstanceId == "mine");

        _events.Publish(Changed("other"));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, _refreshes);
    }

    [Fact]
    public void Dispose_Unsubscribes()
    {
        var live = Create(_ => true);

        live.Dispose();
        _events.Publish(Changed("a"));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, _refreshes);
    }

    [Fact]
    public void RefreshThatThrows_IsLoggedAndTheNextEventTriesAgain()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var live = LiveRefresh.On(_events, _time, _ => true, () =>
        {
            Interlocked.Increment(ref _refreshes);
            throw new InvalidOperationException("database gone");
        }, factory.CreateLogger("live"));
        _time.Advance(LiveRefresh.Interval);

        _events.Publish(Changed("a"));
        _time.Advance(LiveRefresh.Interval);
        _events.Publish(Changed("a"));

        Assert.Equal(2, _refreshes);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("database gone", StringComparison.Ordinal)));
    }

    [Fact]
    public void EventRightAfterThePagesLoad_WaitsForTheIntervalToEnd_BecauseTheLoadCountsAsARefresh()
    {
        using var live = CreateJustLoaded(_ => true);

        _time.Advance(LiveRefresh.Interval / 3);
        _events.Publish(Changed("a"));
        Assert.Equal(0, _refreshes);

        _time.Advance(LiveRefresh.Interval - (LiveRefresh.Interval / 3));
        Assert.Equal(1, _refreshes);
    }

    // A view created a while ago: its load (which counts as a refresh) is older than the interval.
    private LiveRefresh Create(Func<WorkflowEvent, bool> filter)
    {
        var live = CreateJustLoaded(filter);
        _time.Advance(LiveRefresh.Interval);
        return live;
    }

    private LiveRefresh CreateJustLoaded(Func<WorkflowEvent, bool> filter) => LiveRefresh.On(_events, _time, filter, () =>
    {
        Interlocked.Increment(ref _refreshes);
        return Task.CompletedTask;
    }, NullLogger.Instance);

    private InstanceChanged Changed(string instanceId) =>
        new(instanceId, "key", _time.GetUtcNow(), "def", 1, WorkflowStatus.Running, "n");
}
