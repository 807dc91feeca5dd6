using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace ReviewDesk.Harness;

/// <summary>
/// When each ticket's <c>Added</c> review-queue change reached this client, as a Stopwatch timestamp.
/// A change may arrive before the POST that created the ticket has returned its id, so arrivals and
/// waits meet in one dictionary whichever comes first.
/// </summary>
internal sealed class AddedChangeTracker
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _arrivals = new(StringComparer.Ordinal);

    /// <summary>The <c>QueueChanged</c> handler: stamps the time first, then looks at the change.</summary>
    public void OnQueueChanged(JsonElement change)
    {
        var received = Stopwatch.GetTimestamp();
        if (change.TryGetProperty("kind", out var kind) && kind.ValueEquals("Added")
            && change.TryGetProperty("ticketId", out var ticketId) && ticketId.GetString() is { } id)
        {
            Arrival(id).TrySetResult(received);
        }
    }

    /// <summary>Another watcher (the browser's) saw <paramref name="ticketId"/> at <paramref name="timestamp"/> (Stopwatch).</summary>
    public void Arrived(string ticketId, long timestamp) => Arrival(ticketId).TrySetResult(timestamp);

    /// <summary>The timestamp at which <paramref name="ticketId"/>'s Added change arrived, or null when it did not within <paramref name="timeout"/>.</summary>
    public async Task<long?> WaitAsync(string ticketId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await Arrival(ticketId).Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _arrivals.TryRemove(ticketId, out _);
        }
    }

    private TaskCompletionSource<long> Arrival(string ticketId) =>
        _arrivals.GetOrAdd(ticketId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}
