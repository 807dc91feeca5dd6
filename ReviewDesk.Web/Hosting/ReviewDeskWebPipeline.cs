using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ReviewDesk.Web.Components;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Web.Hosting;

/// <summary>Builds the web host's request pipeline and endpoints: <c>app.MapReviewDeskWeb()</c> (security headers, the shutdown gate, sign-in, antiforgery, assets, health, pages).</summary>
public static class ReviewDeskWebPipeline
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";
    public const string ReadyTag = "ready";

    public static WebApplication MapReviewDeskWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Once stopping, new requests (a Blazor circuit reconnecting, above all) are refused: see the middleware.
        app.UseMiddleware<ShutdownGateMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }

        // Bare 400/404/415 answers become problem details for the API and the not-found page for a browser.
        app.UseStatusCodeAnswers();

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        // Only static assets, /healthz and the login page are anonymous; everything else needs at
        // least a signed-in user (the fallback policy), most a role (ReviewDeskPolicies).
        app.MapStaticAssets().AllowAnonymous();
        // Liveness runs no check (the process answers); readiness checks the database and its migrations,
        // and names pending migrations, so it needs a signed-in caller (a probe sends an API key).
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync })
            .RequireAuthorization(ReviewDeskPolicies.AnyRole);
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();

        return app;
    }
}
