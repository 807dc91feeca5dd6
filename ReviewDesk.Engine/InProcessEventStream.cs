using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Engine;

/// <summary>
/// In-process publication of <typeparamref name="TEvent"/>s after they are committed. Subscribers are
/// called synchronously on the publishing thread (the writer's, for workflow events), so a handler
/// must be quick; <see cref="ReadAllAsync"/> gives a buffered stream for slow consumers (SignalR pushes).
/// A failing handler is logged and does not stop the others.
/// </summary>
public abstract class InProcessEventStream<TEvent>(ILogger logger)
{
    private ImmutableArray<Action<TEvent>> _handlers = [];

    /// <summary>Calls <paramref name="handler"/> for every event until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(handler)));
    }

    /// <summary>Streams events until <paramref name="cancellationToken"/> fires; keeps the newest 10,000 if the reader lags.</summary>
    public async IAsyncEnumerable<TEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        using var subscription = Subscribe(e => channel.Writer.TryWrite(e));
        while (await channel.Reader.WaitToReadAsync(cancellationToken))
        {
            while (channel.Reader.TryRead(out var evt))
            {
                yield return evt;
            }
        }
    }

    [ThreadStatic]
    private static bool t_relaying;

    /// <summary>
    /// True inside a handler while it is called for an event another node committed (see <see cref="Relay"/>):
    /// a handler that forwards events to other nodes itself (a SignalR push through a backplane) skips those.
    /// Handlers run synchronously on the publishing thread, so the flag is read where the event is seen.
    /// </summary>
    public bool IsRelaying => t_relaying;

    /// <summary>
    /// Calls every handler with an event another node committed and a cluster event bus carried here, so this
    /// node's pages, waits and workers see it as they see their own.
    /// </summary>
    public void Relay(TEvent evt)
    {
        t_relaying = true;
        try
        {
            Publish(evt);
        }
        finally
        {
            t_relaying = false;
        }
    }

    /// <summary>Calls every handler with <paramref name="evt"/>; only the component that committed the change publishes it.</summary>
    protected internal void Publish(TEvent evt)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(evt);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A handler of {Event} failed", evt);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
