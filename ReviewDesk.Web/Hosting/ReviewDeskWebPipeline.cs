using ReviewDesk.Web.Components;

namespace ReviewDesk.Web.Hosting;

/// <summary>Builds the web host's request pipeline and endpoints: <c>app.MapReviewDeskWeb()</c>.</summary>
public static class ReviewDeskWebPipeline
{
    public const string HealthPath = "/healthz";

    public static WebApplication MapReviewDeskWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }

        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks(HealthPath);
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();

        return app;
    }
}
