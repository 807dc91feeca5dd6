using Microsoft.Playwright;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// One headless Debian chromium, driven by Playwright, shared by the browser tests of a run.
/// Tests never share a browser context: each page gets its own (<see cref="EndToEndTestBase.NewPageAsync"/>).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; test.sh installs it. Playwright's own browser download is never used.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>How long a Playwright action, navigation or assertion waits: generous, because CI machines have two cores.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not launched yet.");

    public async ValueTask InitializeAsync()
    {
        // A missing browser must fail every browser test with this message, not with a driver error or a hang.
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's chromium at {ExecutablePath}, which is missing. "
                + "Run ./test.sh (it installs it) or: sudo apt-get install -y --no-install-recommends chromium");
        }

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            Timeout = (float)Timeout.TotalMilliseconds,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
