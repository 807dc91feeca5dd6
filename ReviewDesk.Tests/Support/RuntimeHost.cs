using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// A real engine in a generic host over a real SQLite file, with the test activities; several may share one
/// file. With <c>triageTables</c> the triage domain's tables (tickets, comments, audit) are there too, for tests of
/// queries over them; the engine alone otherwise. <c>services</c> adds a test's own activities and handlers.
/// </summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    private readonly IHost _host;

    private RuntimeHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;
    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();
    public WorkflowQueries Queries => Services.GetRequiredService<WorkflowQueries>();
    public WorkflowDefinitionStore Definitions => Services.GetRequiredService<WorkflowDefinitionStore>();
    public WorkflowEventStream Events => Services.GetRequiredService<WorkflowEventStream>();

    public static async Task<RuntimeHost> StartAsync(
        TestDatabase database,
        ExecutionLog? log = null,
        TimeProvider? time = null,
        bool worker = true,
        string name = "host",
        IDictionary<string, string?>? settings = null,
        bool triageTables = false,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReviewDesk"] = database.ConnectionString,
            ["Database:Provider"] = database.Provider.ToString(),
            ["Workflows:Worker:Enabled"] = worker ? "true" : "false",
            ["Workflows:Worker:PollInterval"] = "00:00:00.050",
            ["Workflows:Worker:LeaseDuration"] = "00:00:05",
            ["Workflows:Worker:Id"] = name,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(log ?? new ExecutionLog());
        builder.Services.AddSingleton(new HostName(name));
        if (triageTables) builder.Services.AddReviewDeskWorkflows(builder.Configuration);
        else builder.Services.AddWorkflowEngine(builder.Configuration);
        builder.Services
            .AddWorkflowActivity<RecordActivity>()
            .AddWorkflowActivity<FlakyActivity>()
            .AddWorkflowActivity<HangActivity>()
            .AddWorkflowActivity<SleepActivity>();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new RuntimeHost(host);
    }

    /// <summary>Saves and publishes a definition, failing the test on validation errors.</summary>
    public async Task<DefinitionVersionInfo> PublishAsync(WorkflowDefinition definition)
    {
        var result = await Definitions.SaveAndPublishAsync(definition, "test", TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Version!;
    }

    /// <summary>Waits until the instance reaches <paramref name="status"/>, failing after a generous timeout.</summary>
    public Task<WorkflowInstanceView> WaitForStatusAsync(string instanceId, WorkflowStatus status, TimeSpan? timeout = null) =>
        Eventually.GetAsync(async () => (await Queries.GetInstanceAsync(instanceId, TestContext.Current.CancellationToken))!, i => i?.Status == status,
            $"instance {instanceId} to be {status}", timeout);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
