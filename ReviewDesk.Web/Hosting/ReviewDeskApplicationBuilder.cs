using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewDesk.Web.Demo;
using ReviewDesk.Web.Operations;
using ReviewDesk.Web.Triage;
using ReviewDesk.Workflows;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Hosting;

/// <summary>Registers the product behind the web host: <c>builder.AddReviewDeskApplication()</c>.</summary>
public static class ReviewDeskApplicationBuilder
{
    /// <summary>
    /// The workflow runtime, the triage domain and its AI providers, the encryption of ticket
    /// originals (Data Protection, keys in the data folder) and the demo data of a fresh install.
    /// Hosted services start in this order: migrations, runtime, shipped definitions, demo tickets.
    /// </summary>
    public static WebApplicationBuilder AddReviewDeskApplication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var keysDirectory = builder.Configuration["DataProtection:KeysDirectory"]
            ?? Path.Combine(builder.Configuration["Database:DataDirectory"] ?? "data", "keys");

        builder.Services.AddDataProtection()
            .SetApplicationName("ReviewDesk")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keysDirectory)));
        builder.Services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        builder.Services.AddReviewDeskWorkflows(builder.Configuration)
            .AddReviewDeskTriage(builder.Configuration)
            .AddReviewDeskAi(builder.Configuration);
        builder.Services.AddReviewDeskOperations();
        builder.Services.AddHostedService<DemoTicketSeeder>();
        return builder;
    }
}
