using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Web.Hosting;

/// <summary>
/// A request that failed because the database cannot serve now (PostgreSQL restarting, a refused connection, SQLite
/// locked past its busy timeout) answers 503 problem details with <c>Retry-After</c>, not a 500: nothing was lost, and
/// the same request can be sent again. Logged once per request as a warning, without the request's content.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(IOptions<DatabaseOptions> database, IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client is told to wait before sending the request again.</summary>
    public const int RetryAfterSeconds = 5;

    private readonly DatabaseDialect _dialect = DatabaseDialect.For(database.Value);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!_dialect.IsUnavailable(exception) || httpContext.Response.HasStarted) return false;
        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable",
                Detail = $"The database cannot be reached right now. Send the request again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database is unavailable ({Error})")]
    private static partial void LogUnavailable(ILogger logger, string method, PathString path, string error);
}
