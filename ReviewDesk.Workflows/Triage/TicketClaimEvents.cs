using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// In-process publication of claim changes, the review queue's counterpart of
/// <see cref="Runtime.WorkflowEventStream"/> (claims are not workflow steps). Handlers run
/// synchronously on the claiming request's thread, so they must be quick.
/// </summary>
public sealed class TicketClaimEvents(ILogger<TicketClaimEvents> logger)
{
    private ImmutableArray<Action<TicketClaimChanged>> _handlers = [];

    /// <summary>Calls <paramref name="handler"/> for every change until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<TicketClaimChanged> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(handler)));
    }

    internal void Publish(TicketClaimChanged change)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A claim event handler failed for ticket {TicketId}", change.TicketId);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
