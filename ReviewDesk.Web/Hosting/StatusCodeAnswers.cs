using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Web.Hosting;

/// <summary>
/// What an error status without a body becomes. Minimal APIs answer malformed JSON, a wrong media type, a missing body
/// or an unbindable route or query value with a bare 400 or 415, and an address no endpoint matches is a bare 404:
/// API callers get problem details instead, and a browser asking for a page gets the styled not-found page.
/// </summary>
public static class StatusCodeAnswers
{
    /// <summary>The in-app not-found page (<c>Pages/NotFound.razor</c>).</summary>
    public const string NotFoundPath = "/not-found";

    public static WebApplication UseStatusCodeAnswers(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Re-executing must stay in the main pipeline: a branch (UseWhen) does not route the re-executed request again.
        app.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true);
        app.Use(KeepNotFoundPageForPageNavigationsAsync);
        app.UseWhen(context => AuthenticationProblems.IsApiRequest(context.Request), api => api.UseStatusCodePages(WriteProblemAsync));
        return app;
    }

    /// <summary>Only a page a browser navigated to and no endpoint answered becomes the not-found page; other bare statuses stay as they are.</summary>
    private static async Task KeepNotFoundPageForPageNavigationsAsync(HttpContext context, RequestDelegate next)
    {
        var reExecute = context.Features.Get<IStatusCodePagesFeature>();
        await next(context);
        if (reExecute is not null && !(context.Response.StatusCode == StatusCodes.Status404NotFound && IsPageNavigation(context)))
        {
            reExecute.Enabled = false;
        }
    }

    private static Task WriteProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var problem = TypedResults.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), detail: DetailFor(http.Request, status));
        return problem.ExecuteAsync(http);
    }

    private static string? DetailFor(HttpRequest request, int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: check that the body is well-formed JSON of the documented shape and that route and query values have the documented types (see /openapi/v1.json).",
        StatusCodes.Status404NotFound => $"No API endpoint answers {request.Method} {request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => null,
    };

    /// <summary>A browser asking for a page (not a script, a fetch or the circuit's connection).</summary>
    private static bool IsPageNavigation(HttpContext context) =>
        !AuthenticationProblems.IsApiRequest(context.Request)
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.Request.GetTypedHeaders().Accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
