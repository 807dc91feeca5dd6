using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ReviewDesk.Web.Live;

/// <summary>
/// Whether this browser's circuit is connected, for pages that must resynchronise after a drop: while
/// the connection is down nothing reaches the browser (its reconnect banner says so, see App.razor),
/// and when it comes back <see cref="Changed"/> fires with true so a page re-reads what it shows.
/// One per circuit (scoped).
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    /// <summary>False between a drop and the reconnect.</summary>
    public bool Connected { get; private set; } = true;

    /// <summary>Raised with the new state (on the circuit's thread).</summary>
    public event Func<bool, Task>? Changed;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(false);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(true);

    /// <summary>Records a state change and tells the subscribers (tests call it to simulate a drop).</summary>
    public async Task SetAsync(bool connected)
    {
        if (Connected == connected) return;
        Connected = connected;
        if (Changed is { } changed)
        {
            foreach (var handler in changed.GetInvocationList().Cast<Func<bool, Task>>()) await handler(connected);
        }
    }
}
