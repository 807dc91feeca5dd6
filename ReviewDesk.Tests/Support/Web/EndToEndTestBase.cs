using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewDesk.Tests.Web;
using ReviewDesk.Tests.Web.Api;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// Base for browser tests: each test gets the real web app on Kestrel at 127.0.0.1 (its own SQLite
/// file, the keyword classifier instead of the local model) and opens pages in the shared chromium,
/// each page in a fresh browser context (cookies, storage and circuit of its own), so one test can
/// play several users. Failed tests leave a screenshot of every open page in <see cref="ScreenshotDirectory"/>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public abstract class EndToEndTestBase(ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly Lazy<string> Screenshots = new(FindScreenshotDirectory);

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<IPage> _pages = [];
    private readonly List<string> _consoleErrors = [];
    private readonly Lock _gate = new();

    /// <summary>The web app under test; set its properties in <see cref="ConfigureFactory"/>.</summary>
    protected ReviewDeskWebFactory Factory { get; } = new() { Classifier = new KeywordClassifierSource() };

    /// <summary>The app's services (stores, runtime) for arranging data directly.</summary>
    protected IServiceProvider Services => Factory.Services;

    /// <summary>The app's address, <c>http://127.0.0.1:port/</c>.</summary>
    protected Uri BaseAddress { get; private set; } = null!;

    /// <summary>An HTTP client for the app's API, on the same Kestrel port the browser uses, acting as the bootstrap API key (every role).</summary>
    protected HttpClient Api { get; private set; } = null!;

    /// <summary>
    /// Browser console errors and uncaught page exceptions so far, from every page of this test,
    /// each prefixed with the page's number (<c>[page 1]</c>) in the order the pages were opened.
    /// </summary>
    protected IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_gate) return [.. _consoleErrors];
        }
    }

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> at the repository root (ignored by git).</summary>
    public static string ScreenshotDirectory => Screenshots.Value;

    /// <summary>Runs before the host starts: set <see cref="ReviewDeskWebFactory"/> options (clock, demo data) here.</summary>
    protected virtual void ConfigureFactory(ReviewDeskWebFactory factory)
    {
    }

    public virtual ValueTask InitializeAsync()
    {
        ConfigureFactory(Factory);
        Factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address);
        Api = new HttpClient { BaseAddress = BaseAddress };
        Api.DefaultRequestHeaders.Add(TestApiKeys.Header, ReviewDeskWebFactory.BootstrapApiKey);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A page in a new browser context, with the app's address as base URL so paths like
    /// <c>/operations</c> work. Pass <paramref name="options"/> to set headers, locale or viewport.
    /// </summary>
    protected async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= BaseAddress.ToString();
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 900 };
        var context = await chromium.Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)ChromiumFixture.Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)ChromiumFixture.Timeout.TotalMilliseconds);
        int number;
        lock (_gate)
        {
            _contexts.Add(context);
            number = _contexts.Count;
        }

        // Events arrive on Playwright's connection thread.
        context.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            lock (_gate) _consoleErrors.Add($"[page {number}] {message.Text} ({message.Location})");
        };
        context.WebError += (_, error) =>
        {
            lock (_gate) _consoleErrors.Add($"[page {number}] uncaught: {error.Error}");
        };

        var page = await context.NewPageAsync();
        lock (_gate) _pages.Add(page);
        return page;
    }

    /// <summary>The password of the accounts <see cref="NewSignedInPageAsync"/> creates (test databases only).</summary>
    protected const string TestPassword = "E2e-Test-Password-1";

    /// <summary>The login of the test account that has <paramref name="role"/>, e.g. <c>operator@e2e.test</c>.</summary>
    protected static string TestEmail(string role) => $"{role.ToLowerInvariant()}@e2e.test";

    /// <summary>
    /// A page in a new browser context signed in through the real login page as a user with
    /// <paramref name="role"/> (created on first use), left on <paramref name="path"/> and interactive;
    /// <paramref name="options"/> as for <see cref="NewPageAsync"/> (a time zone, a viewport).
    /// </summary>
    protected async Task<IPage> NewSignedInPageAsync(string role, string path = "/", BrowserNewContextOptions? options = null)
    {
        await EnsureUserAsync(role);
        var page = await NewPageAsync(options);
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(path)}");
        await page.GetByTestId("login-email").FillAsync(TestEmail(role));
        await page.GetByTestId("login-password").FillAsync(TestPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await PageAddress.WaitForPathAndQueryAsync(page, path);
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>Creates the test account for <paramref name="role"/> unless it exists.</summary>
    protected async Task EnsureUserAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByEmailAsync(TestEmail(role)) is not null) return;
        var user = new IdentityUser { UserName = TestEmail(role), Email = TestEmail(role), EmailConfirmed = true };
        var created = await users.CreateAsync(user, TestPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var added = await users.AddToRoleAsync(user, role);
        Assert.True(added.Succeeded, string.Join(" ", added.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// Navigates and waits until the Blazor circuit is interactive (MainLayout's hidden
    /// <c>[data-testid="interactive"]</c> marker): a click sent before then is silently lost.
    /// A page's own readiness (data loaded, live updates subscribed) is the test's to wait for.
    /// </summary>
    protected static async Task<IResponse?> GotoAsync(IPage page, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
        return response;
    }

    /// <summary>Waits for the interactive marker, e.g. after a navigation the test did not start with <see cref="GotoAsync"/>.</summary>
    protected static Task WaitForInteractiveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>Saves a full-page PNG named after the test and <paramref name="name"/>; returns its path.</summary>
    protected static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(ScreenshotDirectory, $"{FileNameOf(CurrentTestName())}.{FileNameOf(name)}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed) await RecordFailureAsync();
        foreach (var context in _contexts) await context.DisposeAsync();
        Api?.Dispose();
        await Factory.DisposeAsync();
    }

    private async Task RecordFailureAsync()
    {
        var output = TestContext.Current.TestOutputHelper;
        for (var i = 0; i < _pages.Count; i++)
        {
            if (_pages[i].IsClosed) continue;
            try
            {
                var path = await SaveScreenshotAsync(_pages[i], $"failed-page{i + 1}");
                output?.WriteLine($"Screenshot of page {i + 1} ({_pages[i].Url}): {path}");
            }
            catch (PlaywrightException ex)
            {
                // The screenshot is a clue, not the result: never let it hide the test's own failure.
                output?.WriteLine($"No screenshot of page {i + 1}: {ex.Message}");
            }
        }

        foreach (var error in ConsoleErrors) output?.WriteLine($"Browser console error: {error}");
    }

    private static string CurrentTestName()
    {
        var test = TestContext.Current;
        return test.TestMethod is { } method && test.TestClass is { } type
            ? $"{type.TestClassSimpleName}.{method.MethodName}"
            : "unknown-test";
    }

    private static string FileNameOf(string text)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Concat(text.Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '_' : c));
    }

    private static string FindScreenshotDirectory()
    {
        // The repository root (where ReviewDesk.sln is) keeps the path stable across configurations;
        // next to the test binaries when run from elsewhere.
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ReviewDesk.sln"))) folder = folder.Parent;
        var path = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
