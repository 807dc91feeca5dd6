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
    public void BurstOfEvents_RefreshesOnceWhenTheIntervalHasPassed()
    {
        using var live = Create(_ => true);

        for (var i = 0; i < 5; i++) _events.Publish(Changed("a"));
        _time.Advance(LiveRefresh.Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _refreshes);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _refreshes);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(1, _refreshes);
    }

    [Fact]
    public void EventAfterARefresh_SchedulesTheNextOne()
    {
        using var live = Create(_ => true);
        _events.Publish(Changed("a"));
        _time.Advance(LiveRefresh.Interval);

        _events.Publish(Changed("a"));
        _time.Advance(LiveRefresh.Interval);

        Assert.Equal(2, _refreshes);
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

        _events.Publish(Changed("a"));
        _time.Advance(LiveRefresh.Interval);
        _events.Publish(Changed("a"));
        _time.Advance(LiveRefresh.Interval);

        Assert.Equal(2, _refreshes);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("database gone", StringComparison.Ordinal)));
    }

    private LiveRefresh Create(Func<WorkflowEvent, bool> filter) => LiveRefresh.On(_events, _time, filter, () =>
    {
        Interlocked.Increment(ref _refreshes);
        return Task.CompletedTask;
    }, NullLogger.Instance);

    private InstanceChanged Changed(string instanceId) =>
        new(instanceId, "key", _time.GetUtcNow(), "def", 1, WorkflowStatus.Running, "n");
}
