using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows;

namespace ReviewDesk.Harness;

/// <summary>
/// Runs <c>--count</c> workflows of four recording steps on <c>--db</c> until all complete, then exits 0.
/// Each activity execution appends a line to <c>--side-file</c> before it returns, so a test that kills
/// this process at random points can compare what ran with what the journal says completed. With <c>--eager true</c>
/// the first step is an <see cref="EagerRecordActivity"/> that each start prepares in this process and commits with the
/// start (as a ticket's submission does): its effect is a row in the database, not a side-file line.
/// </summary>
internal static class CrashHostCommand
{
    public const string DefinitionId = "crash-test";

    public const string EagerDefinitionId = "crash-eager";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflows:Worker:LeaseDuration"] = "00:00:01",
            ["Workflows:Worker:PollInterval"] = "00:00:00.050",
            ["Workflows:Worker:MaxConcurrency"] = "16",
        });
        builder.Configuration.AddCommandLine(args);
        var count = int.Parse(builder.Configuration["count"] ?? "200", System.Globalization.CultureInfo.InvariantCulture);
        // --db names a SQLite file; without it, --Database:Provider and --ConnectionStrings:ReviewDesk say where (PostgreSQL).
        if (builder.Configuration["db"] is { } database) builder.Configuration["ConnectionStrings:ReviewDesk"] = $"Data Source={database}";
        else if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("ReviewDesk"))) throw new ArgumentException("--db or --ConnectionStrings:ReviewDesk is required");
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning);
        var sideFile = new SideFile(builder.Configuration["side-file"] ?? throw new ArgumentException("--side-file is required"),
            builder.Configuration["Workflows:Worker:Id"] ?? Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(builder.Configuration["max-step-ms"] ?? "3", System.Globalization.CultureInfo.InvariantCulture));
        if (!builder.Configuration.GetValue("hold-steps-until-ready", false)) sideFile.SetReady();
        builder.Services.AddSingleton(sideFile);
        var eager = builder.Configuration.GetValue("eager", false);
        builder.Services.AddReviewDeskWorkflows(builder.Configuration).AddWorkflowActivity<RecordStepActivity>().AddWorkflowActivity<EagerRecordActivity>();

        using var host = builder.Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
        var definitionId = eager ? EagerDefinitionId : DefinitionId;
        if (eager)
        {
            await runtime.WriteAsync(tx => tx.Execute($"""
                CREATE TABLE IF NOT EXISTS "{EagerRecordActivity.Table}" ("InstanceId" TEXT NOT NULL, "BusinessKey" TEXT NOT NULL, "NodeId" TEXT NOT NULL, "InCaller" INTEGER NOT NULL)
                """), CancellationToken.None);
        }

        await InstallDefinitionAsync(host.Services.GetRequiredService<WorkflowDefinitionStore>(), definitionId, eager);
        var queries = host.Services.GetRequiredService<WorkflowQueries>();
        // Idempotent by business key: a restarted host starts only what the killed one had not.
        StartWorkflowRequest Request(int i) => new() { DefinitionId = definitionId, BusinessKey = $"crash-{i:D4}", Input = new JsonObject { ["n"] = i } };
        if (!eager)
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(i => runtime.StartAsync(Request(i))));
        }
        else
        {
            // One after another, each running its first step here first (as a ticket's submission does), so the starts take
            // a while and a kill can land between a preparation and its commit. For a key a killed run did start, the
            // start finds the instance and drops the prepared step.
            for (var i = 0; i < count; i++)
            {
                var request = Request(i);
                var items = new Dictionary<string, object>(StringComparer.Ordinal) { [EagerRecordActivity.CallerItem] = true };
                var prepared = await runtime.PrepareStartAsync(request, items, CancellationToken.None);
                await runtime.WriteAsync(tx => tx.StartWorkflow(request, prepared), CancellationToken.None);
            }
        }

        Console.WriteLine("READY");
        sideFile.SetReady();

        while ((await queries.CountByStatusAsync(null, CancellationToken.None))[WorkflowStatus.Completed] < count)
        {
            await Task.Delay(50);
        }

        Console.WriteLine("ALL-COMPLETED");
        await host.StopAsync();
        return 0;
    }

    /// <summary>Publishes the crash-test definition once; a second host racing to do the same finds it published.</summary>
    private static async Task InstallDefinitionAsync(WorkflowDefinitionStore definitions, string definitionId, bool eager)
    {
        if (await definitions.GetLatestPublishedAsync(definitionId, CancellationToken.None) is not null) return;
        WorkflowNode Step(string id) => new() { Id = id, Type = eager && id == "s1" ? EagerRecordActivity.Descriptor.Type : RecordStepActivity.Descriptor.Type };
        try
        {
            var result = await definitions.SaveAndPublishAsync(new WorkflowDefinition
            {
                Id = definitionId,
                Name = eager ? "Crash test, eager first step" : "Crash test",
                StartNodeId = "s1",
                Nodes = [Step("s1"), Step("s2"), Step("s3"), Step("s4")],
                Connections = [Link("s1", "s2"), Link("s2", "s3"), Link("s3", "s4")],
            }, "harness", CancellationToken.None);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
        }
        catch (Exception)
        {
            // Fine when the other host saved it first: its draft is published a moment later, so wait for that (bounded).
            for (var attempt = 0; await definitions.GetLatestPublishedAsync(definitionId, CancellationToken.None) is null; attempt++)
            {
                if (attempt == 100) throw;
                await Task.Delay(50);
            }
        }
    }

    private static WorkflowConnection Link(string from, string to) => new() { From = from, Outcome = "Done", To = to };
}
