using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace ReviewDesk.Harness;

/// <summary>
/// A reviewer's open queue in a real browser (Debian's chromium through Playwright), signed in through the login page.
/// A MutationObserver in the page stamps the moment each ticket's row enters the DOM (before the next paint) and hands
/// the stamp to the <see cref="AddedChangeTracker"/>, so <c>hub-latency --browser</c> measures submit-to-row as a
/// reviewer sees it: the hub's change, the circuit's re-query of the queue and Blazor's render diff over the wire.
/// </summary>
internal sealed class BrowserQueueWatcher : IAsyncDisposable
{
    public const string DefaultChromium = "/usr/bin/chromium";
    private const string Binding = "reviewDeskRowSeen";

    // Reports every queue row not reported before, with the page's wall-clock time (ms since the Unix epoch).
    private const string Observer = """
        () => {
          const seen = new Set();
          const scan = () => {
            const at = performance.timeOrigin + performance.now();
            for (const cell of document.querySelectorAll('td[data-ticket]')) {
              const id = cell.dataset.ticket;
              if (!seen.has(id)) { seen.add(id); window.reviewDeskRowSeen(id + '|' + at); }
            }
          };
          new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
          scan();
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserQueueWatcher(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Opens <c>/review</c> as <paramref name="email"/> and waits until the page listens for changes.</summary>
    public static async Task<BrowserQueueWatcher> OpenAsync(Uri baseAddress, string email, string password, string chromium, AddedChangeTracker tracker)
    {
        if (!File.Exists(chromium)) throw new InvalidOperationException($"no chromium at {chromium} (apt-get install chromium, or pass --chromium PATH)");
        var playwright = await Playwright.CreateAsync();
        var watcher = new BrowserQueueWatcher(playwright, await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true }));
        var page = await watcher._browser.NewPageAsync(new() { BaseURL = baseAddress.ToString() });
        await page.ExposeFunctionAsync<string>(Binding, report =>
        {
            var separator = report.LastIndexOf('|');
            var seenAt = double.Parse(report.AsSpan(separator + 1), CultureInfo.InvariantCulture);
            tracker.Arrived(report[..separator], ToStopwatchTimestamp(seenAt));
        });
        await page.GotoAsync("/login?returnUrl=%2Freview");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("queue-live").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.EvaluateAsync(Observer);
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>The page's wall-clock stamp on this process's Stopwatch (both read the same system clock).</summary>
    private static long ToStopwatchTimestamp(double unixMilliseconds)
    {
        var now = Stopwatch.GetTimestamp();
        var agoMs = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds - unixMilliseconds;
        return now - (long)(agoMs * Stopwatch.Frequency / 1000);
    }
}
