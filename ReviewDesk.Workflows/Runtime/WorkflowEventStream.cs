using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Workflows.Runtime;

/// <summary>
/// In-process publication of <see cref="WorkflowEvent"/>s. Subscribers are called synchronously on the
/// writer's thread after each commit, so a handler must be quick; <see cref="ReadAllAsync"/> gives a
/// buffered stream for slow consumers (SignalR pushes).
/// </summary>
public sealed class WorkflowEventStream(ILogger<WorkflowEventStream> logger)
{
    private ImmutableArray<Action<WorkflowEvent>> _handlers = [];

    /// <summary>Calls <paramref name="handler"/> for every event until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<WorkflowEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(handler)));
    }

    /// <summary>Streams events until <paramref name="cancellationToken"/> fires; keeps the newest 10,000 if the reader lags.</summary>
    public async IAsyncEnumerable<WorkflowEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<WorkflowEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        using var subscription = Subscribe(e => channel.Writer.TryWrite(e));
        while (await channel.Reader.WaitToReadAsync(cancellationToken))
        {
            while (channel.Reader.TryRead(out var evt))
            {
                yield return evt;
            }
        }
    }

    internal void Publish(WorkflowEvent evt)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(evt);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A workflow event handler failed for instance {InstanceId}", evt.InstanceId);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
