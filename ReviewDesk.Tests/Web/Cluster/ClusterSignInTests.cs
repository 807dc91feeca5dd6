using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Web.Demo;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Web.Cluster;

/// <summary>
/// Issue 11, shared secrets and state: two web app processes on one PostgreSQL database and one <c>redis-server</c>, each
/// with a key folder of its own (so only the database's key ring can be shared). A console cookie made on node A is
/// valid on node B; a ticket submitted on A is revealed on B; the sign-in rate limit counts one window across both nodes
/// (in Redis), and falls back to each node's own window, never a 500, when Redis is down; the lockout counts failures
/// made on either node.
/// </summary>
public sealed partial class ClusterSignInTests : IAsyncLifetime
{
    private const string ApiKey = "rdk_cluster_sign_in_key_0123456789abcd";
    // Six sign-in posts per window per client address; the window is long so the test never straddles two.
    private const int RateLimit = 6;

    private readonly TestDatabase _database = new(DatabaseProvider.Postgres);
    private readonly List<string> _folders = [];
    private readonly List<IDisposable> _disposables = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables)) disposable.Dispose();
        _database.Dispose();
        foreach (var folder in _folders) Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TwoNodes_ShareCookiesProtectedTicketsTheSignInRateLimitAndTheLockout()
    {
        var redis = await TestRedis.StartAsync();
        _disposables.Add(redis);
        var (a, apiA) = await StartNodeAsync("node-a", redis);
        var (b, apiB) = await StartNodeAsync("node-b", redis, worker: false);
        var admin = DemoUsers.All.Single(u => u.Role == ReviewDeskRoles.Admin);
        var reviewer = DemoUsers.All.Single(u => u.Role == ReviewDeskRoles.Reviewer);
        var browserA = Browser();
        var browserB = Browser();

        // 1. A cookie signed in on A opens an Admin page on B (its ticket was protected with the shared key ring).
        using (var signIn = await PostLoginAsync(browserA, a.Address, admin.Email, admin.Password))         // post 1 (A)
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var cookie = browserA.Cookies.GetCookies(a.Address)["ReviewDesk.Auth"];
        Assert.NotNull(cookie);
        using (var anonymous = await GetAsync(b.Address, "/audit", cookie: null))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        }

        using (var withCookie = await GetAsync(b.Address, "/audit", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
            Assert.Contains(admin.Email, await withCookie.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // 2. A ticket submitted on A (its originals protected by A) is revealed on B.
        const string email = "maria.lopez@cluster.example";
        using var submitted = await apiA.PostAsJsonAsync("/api/tickets",
            new { subject = "Cannot sign in", body = $"Please reset the password of {email}", externalId = "cluster-sign-in-1" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        // The originals are kept once the workflow's first step scrubbed the ticket (on A, the only worker).
        var revealed = await Eventually.GetAsync(async () =>
            {
                using var reveal = await apiB.PostAsync($"/api/tickets/{id}/reveal", null, Ct);
                Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
                return (await reveal.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("values");
            },
            values => values.EnumerateObject().Any(), $"ticket {id} to be scrubbed");
        Assert.Contains(email, revealed.EnumerateObject().Select(v => v.Value.GetString()));

        // 3. The lockout counts failures on both nodes: two wrong passwords on A and one on B lock the account (3 allowed).
        for (var i = 0; i < 2; i++) (await PostLoginAsync(browserA, a.Address, reviewer.Email, "wrong-password-1")).Dispose();  // posts 2, 3 (A)
        (await PostLoginAsync(browserB, b.Address, reviewer.Email, "wrong-password-1")).Dispose();                             // post 4 (B)
        using (var rightPassword = await PostLoginAsync(browserA, a.Address, reviewer.Email, reviewer.Password))              // post 5 (A)
        {
            Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
            Assert.Contains("locked", await rightPassword.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // 4. The rate limit is one window across nodes: post 6 (B) is the last allowed, post 7 is refused on A, where
        //    only 4 posts were made (a per-node window of 6 would let it through), and on B.
        using (var sixth = await PostLoginAsync(browserB, b.Address, admin.Email, "wrong-password-2"))
        {
            Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        }

        using (var seventh = await PostLoginAsync(browserA, a.Address, admin.Email, "wrong-password-2"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, seventh.StatusCode);
            Assert.True(seventh.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        }

        using (var eighth = await PostLoginAsync(browserB, b.Address, admin.Email, "wrong-password-2"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, eighth.StatusCode);
        }

        // 5. Redis down: sign-in still answers (each node's own window, nothing counted there yet), never a 500.
        await redis.KillAsync();
        using (var whileDown = await PostLoginAsync(browserA, a.Address, admin.Email, admin.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, whileDown.StatusCode);
        }

        Assert.False(a.HasExited, a.Output);
        Assert.False(b.HasExited, b.Output);
        // The migrations run before Data Protection's hosted service reads the key ring (a table they make).
        Assert.Equal(0, a.CountLines("An error occurred while reading the key ring"));
    }

    private sealed class CookieBrowser(HttpClient client, CookieContainer cookies)
    {
        public HttpClient Client { get; } = client;
        public CookieContainer Cookies { get; } = cookies;
    }

    private CookieBrowser Browser()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        _disposables.Add(client);
        return new CookieBrowser(client, cookies);
    }

    private static async Task<HttpResponseMessage> GetAsync(Uri node, string path, Cookie? cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null) request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return await client.SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(CookieBrowser browser, Uri node, string email, string password)
    {
        var login = new Uri(node, "/login");
        var page = await browser.Client.GetStringAsync(login, Ct);
        return await browser.Client.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), Ct);
    }

    private Task<(WebAppChild Node, HttpClient Api)> StartNodeAsync(string name, TestRedis redis, bool worker = true) =>
        ClusterNode.StartAsync(_database, redis, name, ApiKey, worker, _folders, _disposables, new Dictionary<string, string>
        {
            ["Auth:LoginRateLimit"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:LoginRateLimitWindow"] = "00:30:00",
            ["Auth:MaxFailedAccessAttempts"] = "3",
        });

    private static string Token(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
