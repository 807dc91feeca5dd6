using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewDesk.Engine;
using ReviewDesk.Web.Cluster;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Web.Demo;
using ReviewDesk.Web.Hubs;
using ReviewDesk.Web.Notifications;
using ReviewDesk.Web.Operations;
using ReviewDesk.Web.Triage;
using ReviewDesk.Workflows;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Designer;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Hosting;

/// <summary>Registers the product behind the web host: <c>builder.AddReviewDeskApplication()</c>.</summary>
public static class ReviewDeskApplicationBuilder
{
    /// <summary>
    /// The workflow runtime, the triage domain and its AI providers, the encryption of ticket
    /// originals (Data Protection, keys in the data folder or the database), what several nodes share, the demo data of a fresh install and the
    /// review hub's notifier. Hosted services start in this order: migrations, runtime, shipped
    /// definitions, demo tickets, notifier.
    /// </summary>
    public static WebApplicationBuilder AddReviewDeskApplication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The key ring (in the data folder, or in the database on PostgreSQL) and, with Cluster:Redis, live updates across nodes.
        builder.AddReviewDeskCluster();
        builder.Services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        builder.Services.AddReviewDeskWorkflows(builder.Configuration)
            .AddReviewDeskTriage(builder.Configuration)
            .AddReviewDeskAi(builder.Configuration)
            .AddReviewDeskDesigner();
        builder.Services.AddReviewDeskOperations(builder.Configuration);
        // Notify steps write to the console's accounts and link back to it (signed with its key ring).
        builder.Services.AddReviewDeskWebNotifications();
        builder.Services.AddHostedService<DemoTicketSeeder>();

        // The reviewers' live queue: /hubs/review, fed by the runtime's and the claims' in-process events.
        builder.Services.AddSignalR()
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.TryAddSingleton<ReviewQueueFeed>();
        builder.Services.AddHostedService<ReviewQueueNotifier>();
        return builder;
    }
}
