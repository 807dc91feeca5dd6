using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Engine.Persistence;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 11, the cluster recipe: <c>./cluster.sh --nodes 2</c> as a user runs it (on the test's PostgreSQL database and
/// Redis), then a reviewer signs in through nginx in chromium: the console's circuit and the review hub go through
/// nginx's WebSocket proxying, a ticket submitted through nginx's round-robin API appears in the open queue live, and
/// its approval routes it and takes it out of the queue. SIGTERM stops the script, its nodes and nginx.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterRecipeTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string ApiKey = "rdk_cluster_recipe_key_0123456789abcdef";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly TestDatabase _database = new(DatabaseProvider.Postgres);
    private readonly string _folder = Directory.CreateTempSubdirectory("reviewdesk-recipe-").FullName;
    private readonly StringBuilder _output = new();
    private TestRedis? _redis;
    private Process? _script;
    private IBrowserContext? _context;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        if (_script is not null)
        {
            await StopScriptAsync(_script);
            _script.Dispose();
        }

        _redis?.Dispose();
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ClusterScriptWithTwoNodes_ServesAReviewerThroughNginx_LiveQueueAndDecisionEndToEnd()
    {
        _redis = await TestRedis.StartAsync();
        var url = await StartClusterAsync(_redis);
        using var api = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var queue = await OpenQueueAsync(url);
        var id = await SubmitNeedingReviewAsync(api, "recipe-1");
        // The nodes train the local model at their first start (a fresh model folder), so triage may take a while;
        // the queue, opened before the ticket existed, must then show it without a reload.
        await Eventually.GetAsync(() => api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct),
            t => t.GetProperty("status").GetString() == "AwaitingReview", $"ticket {id} to await review", TimeSpan.FromMinutes(2));
        await Expect(QueueRow(queue, id)).ToBeVisibleAsync();

        using (var decision = await api.PostAsJsonAsync($"/api/reviews/{id}/decision", new { action = "approve", requestId = "recipe-decision" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        }

        await Expect(QueueRow(queue, id)).ToHaveCountAsync(0);
        var ticket = await api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.Equal("Routed", ticket.GetProperty("status").GetString());
        Assert.True(await queue.EvaluateAsync<bool>("() => window.e2eNotReloaded === true"), "the queue reloaded");

        // SIGTERM ends the script, and its trap stops both nodes and nginx.
        await StopScriptAsync(_script!);
        Assert.True(_script!.HasExited);
        await Assert.ThrowsAsync<HttpRequestException>(() => api.GetAsync("/healthz", Ct));
    }

    private async Task<Uri> StartClusterAsync(TestRedis redis)
    {
        var port = FreePortRun(3);
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["bash", "cluster.sh", "--nodes", "2"]) start.ArgumentList.Add(argument);
        start.Environment["REVIEWDESK_CLUSTER_DIR"] = _folder;
        start.Environment["REVIEWDESK_POSTGRES"] = _database.ConnectionString;
        start.Environment["REVIEWDESK_REDIS"] = redis.Configuration;
        start.Environment["REVIEWDESK_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REVIEWDESK_CLUSTER_API_KEY"] = ApiKey;
        start.Environment["REVIEWDESK_WEB_DLL"] = WebAppChild.WebAssemblyPath();
        start.Environment["REVIEWDESK_DEMO_TICKETS"] = "false";
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _script = Process.Start(start)!;
        void Keep(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
            if (line.StartsWith("  http://", StringComparison.Ordinal)) ready.TrySetResult(new Uri(line.Trim()));
        }

        _script.OutputDataReceived += (_, e) => Keep(e.Data);
        _script.ErrorDataReceived += (_, e) => Keep(e.Data);
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();
        var exited = _script.WaitForExitAsync(Ct);
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout, Ct));
        if (first != ready.Task)
        {
            string output;
            lock (_output) output = _output.ToString();
            Assert.Fail($"cluster.sh printed no URL ({(first == exited ? $"exited {_script.ExitCode}" : "timed out")}): {output}");
        }

        return await ready.Task;
    }

    /// <summary>SIGTERM to the script's process group (the script, its nodes, nginx), then waits for the script.</summary>
    private static async Task StopScriptAsync(Process script)
    {
        if (script.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", "--", $"-{script.Id}"])) await kill.WaitForExitAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await script.WaitForExitAsync(timeout.Token);
    }

    private static ILocator QueueRow(IPage page, string ticketId) => DemoReviewerQueue.Row(page, ticketId);

    private async Task<IPage> OpenQueueAsync(Uri url)
    {
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url.ToString() });
        _context.SetDefaultTimeout((float)ChromiumFixture.Timeout.TotalMilliseconds);
        return await DemoReviewerQueue.OpenAsync(_context);
    }

    private static async Task<string> SubmitNeedingReviewAsync(HttpClient api, string externalId)
    {
        using var response = await api.PostAsJsonAsync("/api/tickets",
            new { subject = $"Ticket {externalId}", body = "My card 4111 1111 1111 1111 was charged twice for the invoice", externalId }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>A port such that it and the <paramref name="count"/> - 1 after it are free (nginx's, then one per node).</summary>
    private static int FreePortRun(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = WebAppChild.FreePort();
            if (first + count > IPEndPoint.MaxPort) continue;
            if (Enumerable.Range(first, count).All(IsFree)) return first;
        }

        throw new InvalidOperationException($"no run of {count} free ports found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "cluster.sh"))) return folder.FullName;
        }

        throw new InvalidOperationException("cluster.sh not found above the test output");
    }
}
