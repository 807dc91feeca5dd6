using Microsoft.Extensions.Logging;
using ReviewDesk.Engine;
using ReviewDesk.Workflows;

namespace ReviewDesk.Web.Live;

/// <summary>
/// Calls a refresh after events (workflow events, review-queue changes): at once for the first event after a quiet
/// spell (leading edge), then at most once per <see cref="Interval"/> while events keep coming, and never two refreshes
/// at the same time. The page's own load, which follows its creation, counts as a refresh: an event within the
/// interval after it waits for the interval's end. Events arrive on the runtime's writer thread, often in bursts; the refresh runs on a timer
/// thread, so the writer never waits for a page. Dispose it with the component.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    /// <summary>The shortest time between two refreshes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);

    private readonly IDisposable _subscription;
    private readonly ITimer _timer;
    private readonly Func<Task> _refresh;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _lastStart;
    private bool _scheduled;
    private bool _running;

    private LiveRefresh(Func<Action, IDisposable> subscribe, TimeProvider time, Func<Task> refresh, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _lastStart = time.GetTimestamp();
        _refresh = refresh;
        _logger = logger;
        _timer = time.CreateTimer(_ => _ = FireAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _subscription = subscribe(OnEvent);
    }

    /// <summary>A refresh after the <paramref name="events"/> (the runtime's, the review queue's) that pass <paramref name="filter"/>.</summary>
    /// <param name="events">The event stream.</param>
    /// <param name="time">Drives the debounce timer.</param>
    /// <param name="filter">Which events matter.</param>
    /// <param name="refresh">Runs on a timer thread: marshal to the renderer (InvokeAsync) inside it.</param>
    /// <param name="logger">Where a failed refresh is logged.</param>
    public static LiveRefresh On<TEvent>(InProcessEventStream<TEvent> events, TimeProvider time, Func<TEvent, bool> filter, Func<Task> refresh, ILogger logger) =>
        new(Subscriber(events, filter), time, refresh, logger);

    private static Func<Action, IDisposable> Subscriber<TEvent>(InProcessEventStream<TEvent> events, Func<TEvent, bool> filter)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(filter);
        return poke => events.Subscribe(e =>
        {
            if (filter(e)) poke();
        });
    }

    /// <summary>Asks for a refresh as an event would (a periodic reload goes through here, so it never runs beside another).</summary>
    public void Request() => OnEvent();

    private void OnEvent()
    {
        lock (_gate)
        {
            if (_scheduled) return; // The next refresh is already due and will see this change.
            _scheduled = true;
            if (!_running) Arm(); // Otherwise the running refresh arms the next when it ends.
        }
    }

    /// <summary>Sets the timer for the next refresh: now, or one <see cref="Interval"/> after the last one started.</summary>
    private void Arm()
    {
        var due = Interval - _time.GetElapsedTime(_lastStart);
        try
        {
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The component went away between the event and the timer.
        }
    }

    private async Task FireAsync()
    {
        lock (_gate)
        {
            // An event from here on schedules the next refresh: this one may already have read past it.
            _scheduled = false;
            _running = true;
            _lastStart = _time.GetTimestamp();
        }

        try
        {
            await _refresh();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nobody awaits a timer callback, so a failure the refresh did not handle is logged here; the next event tries again.
            _logger.LogWarning(ex, "A live refresh of the operations view failed");
        }
        finally
        {
            lock (_gate)
            {
                _running = false;
                if (_scheduled) Arm();
            }
        }
    }

    /// <inheritdoc />
    /// <summary>
    /// Runs a page's reload for a live refresh: false when it worked, true when it failed (the page
    /// keeps its figures and says they may be old), null when the page closed meanwhile.
    /// </summary>
    public static async Task<bool?> ReloadAsync(Func<CancellationToken, Task> reload, ILogger logger, string page, CancellationToken disposed)
    {
        ArgumentNullException.ThrowIfNull(reload);
        if (disposed.IsCancellationRequested) return null;
        try
        {
            await reload(disposed);
            return false;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            // The page closed during the refresh.
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A board that stops on a passing database error is worse than one that says its figures may be old.
            logger.LogWarning(ex, "A live refresh of {Page} failed", page);
            return true;
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _timer.Dispose();
    }
}
