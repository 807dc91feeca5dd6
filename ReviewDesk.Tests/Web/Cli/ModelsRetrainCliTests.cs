using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReviewDesk.Web.Cli;

namespace ReviewDesk.Tests.Web.Cli;

/// <summary>
/// Issue 12 (learning): <c>models retrain</c> starts the run (202 Accepted, Location) and waits for it, looking at the status
/// resource until it ends: exit 0 with the figures when promoted or rejected, 1 with the error when it failed. The server
/// is a scripted stand-in for <c>/api/models</c> (the real endpoints are tested in ModelsApiTests), so the run's states are
/// exactly the ones the test lists.
/// </summary>
public sealed class ModelsRetrainCliTests : IAsyncLifetime
{
    private const string Running = """{"id":"rt_1","status":"Running","requestedBy":"apikey:admin","trigger":"console","version":null,"error":null}""";
    private readonly ConcurrentQueue<string> _statuses = new();
    private WebApplication _app = null!;
    private int _statusReads;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/api/models/retrain", async (HttpContext http) =>
        {
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            http.Response.Headers.Location = "/api/models/retrains/rt_1";
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(Running, http.RequestAborted);
        });
        _app.MapGet("/api/models/retrains/rt_1", () =>
        {
            Interlocked.Increment(ref _statusReads);
            // The last scripted status stays: the run has ended.
            var next = _statuses.Count > 1 && _statuses.TryDequeue(out var status) ? status : _statuses.TryPeek(out var last) ? last : Running;
            return Results.Content(next, "application/json");
        });
        await _app.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Retrain_WaitsWhileRunning_ThenPrintsThePromotedVersionsFigures_Exit0()
    {
        _statuses.Enqueue(Running);
        _statuses.Enqueue(Running);
        _statuses.Enqueue("""
            {"id":"rt_1","status":"Promoted","error":null,"version":{"version":"v3","accuracy":0.91,"baselineVersion":"v2","baselineAccuracy":0.88,
             "macroF1":0.9,"baselineMacroF1":0.87,"heldOutTickets":40}}
            """);

        var (exit, output, error) = await RunAsync();

        Assert.Equal((0, ""), (exit, error));
        Assert.StartsWith("retrain rt_1 started; waiting for it (", output, StringComparison.Ordinal);
        Assert.EndsWith("v3 Promoted: accuracy 0.910 (baseline v2 0.880), macro-F1 0.900 (baseline 0.870) on 40 held-out tickets.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(3, _statusReads);
    }

    [Fact]
    public async Task Retrain_ThatFails_ExitsNonZero_WithTheRunsError()
    {
        _statuses.Enqueue(Running);
        _statuses.Enqueue("""{"id":"rt_1","status":"Failed","error":"InvalidOperationException: the model did not train","version":null}""");

        var (exit, output, error) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.StartsWith("retrain rt_1 started", output, StringComparison.Ordinal);
        Assert.Equal("models retrain: retrain rt_1 failed: InvalidOperationException: the model did not train", error.Trim());
    }

    private async Task<(int? Exit, string Output, string Error)> RunAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var url = _app.Urls.Single();
        var exit = await CliApp.TryRunAsync(["models", "retrain", "--interval", "0.05"], output, error,
            name => name switch { "REVIEWDESK_SERVER" => url, "REVIEWDESK_API_KEY" => "scripted", _ => null });
        return (exit, output.ToString(), error.ToString());
    }
}
