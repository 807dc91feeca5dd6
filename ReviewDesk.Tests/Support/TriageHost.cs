using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Support;

/// <summary>The runtime with the triage domain and AI providers over a real SQLite file; the LLM is a scripted server.</summary>
public sealed class TriageHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TriageHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;
    public TicketService Tickets => Services.GetRequiredService<TicketService>();
    public WorkflowQueries Queries => Services.GetRequiredService<WorkflowQueries>();

    // services adds a test's own activities. auditSample: false publishes the shipped definition again without the random audit sample, for tests that expect a confident ticket to be routed.
    // With an aiEndpoint (the scripted LLM, Ai:Defaults:Classify) and shippedCascade false, the shipped definition is published again with its
    // first Classify on the default provider and never unsure: the tests of the LLM path (retries, faults, usage, checkpoints) classify every
    // ticket with the LLM, as before the cascade. shippedCascade: true keeps the shipped cascade (fast local model first).
    public static async Task<TriageHost> StartAsync(
        TestDatabase database, Uri? aiEndpoint, TimeProvider? time = null, ILocalClassifierSource? local = null, bool auditSample = true,
        Action<IServiceCollection>? services = null, bool shippedCascade = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReviewDesk"] = database.ConnectionString,
            ["Database:Provider"] = database.Provider.ToString(),
            ["Workflows:Worker:PollInterval"] = "00:00:00.020",
            ["Ai:Local:WarmUp"] = "false",
        });
        if (aiEndpoint is not null)
        {
            // Without an endpoint the Classify step uses the local provider (give it a local source).
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ai:Defaults:Classify"] = "llm",
                ["Ai:Providers:llm:Type"] = "OpenAICompatible",
                ["Ai:Providers:llm:Endpoint"] = aiEndpoint.ToString(),
                ["Ai:Providers:llm:Model"] = "scripted-model",
                ["Ai:Providers:llm:TimeoutSeconds"] = "5",
                ["Ai:Providers:llm:InputPricePer1K"] = "0.5",
                ["Ai:Providers:llm:OutputPricePer1K"] = "1.5",
            });
        }
        builder.Logging.AddFilter(level => level >= LogLevel.Error);
        if (time is not null) builder.Services.AddSingleton(time);
        if (local is not null) builder.Services.AddSingleton(local);
        builder.Services.AddSingleton<ISecretProtector, EphemeralSecretProtector>();
        builder.Services.AddReviewDeskWorkflows(builder.Configuration).AddReviewDeskTriage(builder.Configuration).AddReviewDeskAi(builder.Configuration);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var llmFirst = aiEndpoint is not null && !shippedCascade;
        if (!auditSample || llmFirst)
        {
            var definitions = host.Services.GetRequiredService<ReviewDesk.Engine.Definitions.WorkflowDefinitionStore>();
            var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, TestContext.Current.CancellationToken))!;
            var nodes = shipped.Nodes.Select(n => n.Id switch
            {
                "decide" when !auditSample => n with { Settings = new System.Text.Json.Nodes.JsonObject { ["threshold"] = 0.8, ["auditPercent"] = 0 } },
                "classify" when llmFirst => n with { Settings = new System.Text.Json.Nodes.JsonObject { ["fallbackToLocal"] = true } },
                _ => n,
            }).ToList();
            Assert.True((await definitions.SaveAndPublishAsync(shipped with { Nodes = nodes }, "test", TestContext.Current.CancellationToken)).Succeeded);
        }

        return new TriageHost(host);
    }

    public async Task<TicketView> SubmitAsync(string subject, string body)
    {
        var result = await Tickets.SubmitAsync(new TicketSubmission { Subject = subject, Body = body }, TestContext.Current.CancellationToken);
        return result.Ticket;
    }

    /// <summary>Waits until the ticket has <paramref name="status"/>; its workflow changed in the same commit.</summary>
    public Task<TicketView> WaitForStatusAsync(string ticketId, TicketStatus status) =>
        Eventually.GetAsync(async () => (await Tickets.GetAsync(ticketId, TestContext.Current.CancellationToken))!, t => t.Status == status,
            $"ticket {ticketId} to be {status}");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
