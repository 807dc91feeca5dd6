using Microsoft.AspNetCore.Mvc;

namespace ReviewDesk.Web.Hosting;

/// <summary>
/// Once the application is stopping, a new request answers 503 problem details with <c>Retry-After</c> and
/// <c>Connection: close</c> instead of starting work; requests already running finish as usual.
/// </summary>
/// <remarks>
/// SignalR closes its connections when the application starts stopping, but Kestrel accepts requests until the
/// hosted services have stopped, which takes seconds. A browser's Blazor circuit reconnects at once in that window,
/// and the new WebSocket is never closed by SignalR, so Kestrel waited for it until the host's 30 s shutdown timeout
/// (issue 15 item 1: SIGTERM after a designer test run took 35 s). A client refused here tries again later, on this
/// node once it is back or on another one behind the load balancer.
/// </remarks>
internal sealed class ShutdownGateMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime, IProblemDetailsService problems)
{
    /// <summary>Seconds a refused client is told to wait.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.Connection = "close";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The server is shutting down",
                Detail = $"This server is stopping and takes no new requests. Send the request again in {RetryAfterSeconds} seconds.",
            },
        });
    }
}
