using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows;

namespace ReviewDesk.Tests.Workflows;

/// <summary>A real runtime in a generic host over a real SQLite file; several may share one file.</summary>
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
        IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReviewDesk"] = database.ConnectionString,
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
        builder.Services.AddReviewDeskWorkflows(builder.Configuration)
            .AddWorkflowActivity<RecordActivity>()
            .AddWorkflowActivity<FlakyActivity>()
            .AddWorkflowActivity<HangActivity>()
            .AddWorkflowActivity<SleepActivity>();
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
    public async Task<WorkflowInstanceView> WaitForStatusAsync(string instanceId, WorkflowStatus status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var instance = await Queries.GetInstanceAsync(instanceId, TestContext.Current.CancellationToken);
            if (instance?.Status == status) return instance;
            if (DateTime.UtcNow > deadline) Assert.Fail($"instance {instanceId} is {instance?.Status} at node {instance?.CurrentNodeId}, expected {status}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}

/// <summary>A SQLite file in a temporary folder, deleted after the test.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "reviewdesk-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path_ = System.IO.Path.Combine(Directory, "runtime.db");
    }

    public string Directory { get; }
    public string Path_ { get; }
    public string ConnectionString => $"Data Source={Path_}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pool being torn down; the temp folder is cleaned by the OS.
        }
    }
}
