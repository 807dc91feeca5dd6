using Microsoft.AspNetCore.Http.Features;

namespace ReviewDesk.Web.Api;

/// <summary>
/// Caps request bodies under <c>/api</c> at <c>Api:MaxRequestBodyBytes</c> (default 64 KB), and a batch of tickets
/// (<see cref="TicketBatchApi.Path"/>) at <c>Api:MaxBatchBodyBytes</c> (default 16 MB): a declared length over the
/// cap gets 413 problem details at once; a chunked body is cut off by the server's limit while it is read, which
/// minimal APIs also answer with 413.
/// </summary>
public sealed class ApiRequestLimitMiddleware(RequestDelegate next, IConfiguration configuration)
{
    /// <summary>The default cap.</summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    private readonly long _maxBodyBytes = configuration.GetValue("Api:MaxRequestBodyBytes", DefaultMaxBodyBytes);
    private readonly long _maxBatchBodyBytes = configuration.GetValue("Api:MaxBatchBodyBytes", TicketBatchApi.DefaultMaxBodyBytes);

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var limit = context.Request.Path.Equals(TicketBatchApi.Path, StringComparison.OrdinalIgnoreCase) ? _maxBatchBodyBytes : _maxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large",
                    Detail = $"The body is {context.Request.ContentLength} bytes; the limit is {limit} bytes.",
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
