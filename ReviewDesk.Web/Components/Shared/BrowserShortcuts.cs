using Microsoft.JSInterop;

namespace ReviewDesk.Web.Components.Shared;

/// <summary>
/// A page's keyboard shortcuts in the browser: a module under wwwroot/js whose <c>register(page)</c> listens on the
/// document and calls the page back; disposing removes the listener.
/// </summary>
public sealed class BrowserShortcuts : IAsyncDisposable
{
    private readonly IJSObjectReference _registration;

    private BrowserShortcuts(IJSObjectReference registration) => _registration = registration;

    /// <summary>Imports <paramref name="module"/> and registers <paramref name="page"/> with it; null (logged) when the browser refused.</summary>
    public static async Task<BrowserShortcuts?> RegisterAsync<TPage>(
        IJSRuntime js, string module, DotNetObjectReference<TPage> page, ILogger logger, CancellationToken cancellationToken)
        where TPage : class
    {
        ArgumentNullException.ThrowIfNull(js);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            var imported = await js.InvokeAsync<IJSObjectReference>("import", cancellationToken, module);
            return new BrowserShortcuts(await imported.InvokeAsync<IJSObjectReference>("register", cancellationToken, page));
        }
        catch (JSException ex)
        {
            logger.LogWarning(ex, "Keyboard shortcuts of {Module} could not start", module);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _registration.InvokeVoidAsync("dispose");
            await _registration.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone; its listener went with it.
        }
    }
}
