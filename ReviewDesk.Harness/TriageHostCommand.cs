using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Harness;

/// <summary>
/// Submits <c>--count</c> tickets whose Classify step calls the OpenAI-compatible server at
/// <c>--ai-endpoint</c>, and runs until every ticket waits for review or is routed. The crash tests
/// kill it and count the server's requests.
/// </summary>
internal static class TriageHostCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflows:Worker:LeaseDuration"] = "00:00:01",
            ["Workflows:Worker:PollInterval"] = "00:00:00.050",
            ["Ai:Defaults:Classify"] = "llm",
            ["Ai:Local:WarmUp"] = "false",
            ["Ai:Providers:llm:Type"] = "OpenAICompatible",
            ["Ai:Providers:llm:Model"] = "scripted-model",
            ["Ai:Providers:llm:TimeoutSeconds"] = "30",
        });
        builder.Configuration.AddCommandLine(args);
        var count = int.Parse(builder.Configuration["count"] ?? "10", CultureInfo.InvariantCulture);
        builder.Configuration["ConnectionStrings:ReviewDesk"] = $"Data Source={builder.Configuration["db"] ?? throw new ArgumentException("--db is required")}";
        builder.Configuration["Ai:Providers:llm:Endpoint"] = builder.Configuration["ai-endpoint"] ?? throw new ArgumentException("--ai-endpoint is required");
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Error);
        builder.Services.AddSingleton<ISecretProtector, HarnessSecretProtector>();
        builder.Services.AddReviewDeskWorkflows(builder.Configuration).AddReviewDeskTriage(builder.Configuration).AddReviewDeskAi(builder.Configuration);

        using var host = builder.Build();
        await host.StartAsync();
        await ClassifyWithTheLlmFirstAsync(host.Services.GetRequiredService<WorkflowDefinitionStore>());
        var tickets = host.Services.GetRequiredService<TicketService>();
        for (var i = 0; i < count; i++)
        {
            // Idempotent by external id: a restarted host submits only what the killed one had not.
            await tickets.SubmitAsync(new TicketSubmission
            {
                Subject = $"Crash ticket {i:D3}",
                Body = $"Ticket {i:D3}: the invoice shows a charge I do not recognise.",
                ExternalId = $"crash-{i:D3}",
                Channel = "harness",
            }, CancellationToken.None);
        }

        Console.WriteLine("READY");
        var contexts = host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var settled = await db.Tickets.CountAsync(t => t.Status == TicketStatus.AwaitingReview || t.Status == TicketStatus.Routed);
            if (settled >= count) break;
            await Task.Delay(50);
        }

        Console.WriteLine("ALL-SETTLED");
        await host.StopAsync();
        return 0;
    }

    // The crash tests count the LLM's requests: every ticket's first Classify asks it (Ai:Defaults:Classify), as before the shipped
    // cascade put the fast local model first. Published once per database (a restarted host finds it in place).
    private static async Task ClassifyWithTheLlmFirstAsync(WorkflowDefinitionStore definitions)
    {
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, CancellationToken.None))!;
        if (shipped.FindNode("classify") is not { } classify || classify.Settings["provider"] is null) return;
        var nodes = shipped.Nodes.Select(n => n.Id == classify.Id ? n with { Settings = new JsonObject { ["fallbackToLocal"] = true } } : n).ToList();
        var published = await definitions.SaveAndPublishAsync(shipped with { Nodes = nodes }, "harness", CancellationToken.None);
        if (!published.Succeeded) throw new InvalidOperationException(string.Join("; ", published.Errors.Select(e => e.Message)));
    }
}
