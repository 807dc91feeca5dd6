namespace ReviewDesk.Web.Identity;

/// <summary>The 401 and 403 answers of the API and the hubs: problem details, never a redirect to the login page.</summary>
public static class AuthenticationProblems
{
    /// <summary>Paths whose callers are programs: they get problem details instead of the login page.</summary>
    public static bool IsApiRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/openapi")
            || request.Path.StartsWithSegments(Hosting.ReviewDeskWebPipeline.ReadyPath) || request.Path.StartsWithSegments(Hosting.TelemetryOptions.PrometheusPath);
    }

    public static async Task WriteAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        var (title, detail) = status == StatusCodes.Status401Unauthorized
            ? ("Authentication required", $"Sign in, or send an active API key in the {ApiKeyAuthenticationHandler.HeaderName} header.")
            : ("Forbidden", "Your role does not allow this.");
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = ApiKeyAuthenticationHandler.SchemeName;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
