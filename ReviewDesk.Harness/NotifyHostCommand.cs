using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Harness;

/// <summary>
/// Submits <c>--count</c> tickets to a one-step workflow whose Notify step e-mails <c>--recipients</c> addresses through
/// the SMTP server at <c>--smtp-port</c> and posts to the webhook at <c>--webhook</c>, and runs until every instance
/// completed. The notification crash test kills it while messages are being sent and counts what arrives.
/// </summary>
internal static class NotifyHostCommand
{
    public const string DefinitionId = "notify-crash";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflows:Worker:LeaseDuration"] = "00:00:01",
            ["Workflows:Worker:PollInterval"] = "00:00:00.050",
            ["Ai:Local:WarmUp"] = "false",
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Security"] = "None",
            ["Notifications:PublicBaseUrl"] = "http://127.0.0.1:5080/",
        });
        builder.Configuration.AddCommandLine(args);
        var count = int.Parse(builder.Configuration["count"] ?? "10", CultureInfo.InvariantCulture);
        var recipients = int.Parse(builder.Configuration["recipients"] ?? "3", CultureInfo.InvariantCulture);
        builder.Configuration["ConnectionStrings:ReviewDesk"] = $"Data Source={builder.Configuration["db"] ?? throw new ArgumentException("--db is required")}";
        builder.Configuration["Notifications:Email:Port"] = builder.Configuration["smtp-port"] ?? throw new ArgumentException("--smtp-port is required");
        builder.Configuration["Notifications:Webhooks:hook:Url"] = builder.Configuration["webhook"] ?? throw new ArgumentException("--webhook is required");
        builder.Configuration["Notifications:Webhooks:hook:Secret"] = builder.Configuration["webhook-secret"] ?? throw new ArgumentException("--webhook-secret is required");
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Error);
        builder.Services.AddSingleton<ISecretProtector, PlainProtector>();
        builder.Services.AddReviewDeskWorkflows(builder.Configuration).AddReviewDeskTriage(builder.Configuration).AddReviewDeskAi(builder.Configuration);

        using var host = builder.Build();
        await host.StartAsync();
        var definitions = host.Services.GetRequiredService<WorkflowDefinitionStore>();
        if (await definitions.GetLatestPublishedAsync(DefinitionId, CancellationToken.None) is null)
        {
            var addresses = string.Join(", ", Enumerable.Range(1, recipients).Select(i => $"person{i}@crash.test"));
            var json = $$"""
                { "id": "{{DefinitionId}}", "name": "Notify crash", "startNodeId": "notify",
                  "nodes": [ { "id": "notify", "type": "Notify", "settings": { "recipients": "{{addresses}}" },
                    "retry": { "initialInterval": "00:00:00.2", "maximumAttempts": 20 } } ], "connections": [] }
                """;
            var published = await definitions.SaveAndPublishAsync(DefinitionJson.Parse(json), "harness", CancellationToken.None);
            if (!published.Succeeded && await definitions.GetLatestPublishedAsync(DefinitionId, CancellationToken.None) is null) throw new InvalidOperationException("could not publish " + DefinitionId);
        }

        var tickets = host.Services.GetRequiredService<TicketService>();
        for (var i = 0; i < count; i++)
        {
            // Idempotent by external id: a restarted host submits only what the killed one had not.
            await tickets.SubmitAsync(new TicketSubmission
            {
                Subject = $"Notify crash ticket {i:D3}",
                Body = "Please look at this.",
                ExternalId = $"notify-crash-{i:D3}",
                Channel = "harness",
                Variant = DefinitionId,
            }, CancellationToken.None);
        }

        Console.WriteLine("READY");
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.Instances.CountAsync(i => i.DefinitionId == DefinitionId && i.Status == WorkflowStatus.Completed) >= count) break;
            await Task.Delay(50);
        }

        Console.WriteLine("ALL-SETTLED");
        await host.StopAsync();
        return 0;
    }

    /// <summary>The harness is a test tool: ticket originals stay readable.</summary>
    private sealed class PlainProtector : ISecretProtector
    {
        public string Protect(string plaintext) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(plaintext));

        public string Unprotect(string protectedText) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(protectedText));
    }
}
