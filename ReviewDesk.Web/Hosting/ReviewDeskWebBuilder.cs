using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;
using ReviewDesk.Web.Live;

namespace ReviewDesk.Web.Hosting;

/// <summary>Registers the web host's services: <c>builder.AddReviewDeskWeb()</c>.</summary>
public static class ReviewDeskWebBuilder
{
    public static WebApplicationBuilder AddReviewDeskWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        ApplicationSettingsSource.AddBelowContentRootSettings(builder.Configuration, AppContext.BaseDirectory);

        // Outside Development a build output (dotnet run -c Release) only serves _content/* and
        // _framework/* through the static web assets manifest; publish output has no manifest, so this is a no-op there.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // One per circuit: pages resynchronise when the browser's connection comes back.
        builder.Services.AddScoped<CircuitConnection>();
        builder.Services.AddScoped<CircuitHandler>(services => services.GetRequiredService<CircuitConnection>());
        // One per circuit: reviewer pages show dates in the browser's time zone.
        builder.Services.AddScoped<ReviewDesk.Web.Components.Shared.BrowserTimeZone>();
        builder.Services.AddMudServices();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>(DatabaseReadinessCheck.Name, tags: [ReviewDeskWebPipeline.ReadyTag]);
        builder.Services.TryAddSingleton(services => SystemInfo.From(
            services.GetRequiredService<IHostEnvironment>(),
            services.GetRequiredService<IConfiguration>()));

        return builder;
    }
}
