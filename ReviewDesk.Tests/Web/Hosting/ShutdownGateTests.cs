using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Tests.Web.Hosting;

/// <summary>
/// Issue 15 item 1: once the application is stopping, a new request (a Blazor circuit reconnecting, an API call) is
/// refused with 503 problem details instead of opening work that keeps the host from stopping; the request goes no
/// further, so nothing is accepted. The middleware alone, with a lifetime the test stops (stopping a whole test host
/// races its own disposal); that it sits in the app's pipeline is what ShutdownAfterTestRunTests proves end to end.
/// </summary>
public sealed class ShutdownGateTests : IDisposable
{
    private readonly StoppableLifetime _lifetime = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    [Fact]
    public async Task Bug_15_Running_RequestsPassThrough()
    {
        var passed = false;
        var gate = new ShutdownGateMiddleware(_ => { passed = true; return Task.CompletedTask; }, _lifetime, _services.GetRequiredService<IProblemDetailsService>());

        await gate.InvokeAsync(NewContext("/api/tickets"));

        Assert.True(passed);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/_blazor/negotiate")]
    [InlineData("/api/tickets")]
    public async Task Bug_15_Stopping_NewRequestsAre503ProblemDetails_WithRetryAfterAndConnectionClose_AndGoNoFurther(string path)
    {
        var passed = false;
        var gate = new ShutdownGateMiddleware(_ => { passed = true; return Task.CompletedTask; }, _lifetime, _services.GetRequiredService<IProblemDetailsService>());
        _lifetime.StopApplication();
        var context = NewContext(path);

        await gate.InvokeAsync(context);

        Assert.False(passed, "a refused request reached the app");
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(ShutdownGateMiddleware.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter);
        Assert.Equal("close", context.Response.Headers.Connection);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("The server is shutting down", problem.RootElement.GetProperty("title").GetString());
    }

    public void Dispose()
    {
        _lifetime.Dispose();
        _services.Dispose();
    }

    private DefaultHttpContext NewContext(string path)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private sealed class StoppableLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }
}
