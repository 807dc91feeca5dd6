using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Harness;

/// <summary>
/// Measures, in one run on the same disk and with the same SQLite settings (WAL, synchronous=NORMAL): the raw
/// rate of single-row committed inserts; the engine's rate of workflows of four no-op activities (steps per
/// second over raw commits per second is the engine's ratio); and the product's tickets per second over HTTP
/// against the real web app (<see cref="ProductBenchmark"/>), whose ratio to the engine's workflows per second
/// says how much the product costs on top of the engine.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var workflows = int.Parse(config["workflows"] ?? "5000", CultureInfo.InvariantCulture);
        var seconds = double.Parse(config["seconds"] ?? "3", CultureInfo.InvariantCulture);
        var rounds = int.Parse(config["rounds"] ?? "3", CultureInfo.InvariantCulture);
        var tickets = int.Parse(config["tickets"] ?? "2000", CultureInfo.InvariantCulture);
        var clients = int.Parse(config["clients"] ?? "16", CultureInfo.InvariantCulture);
        var bulk = int.Parse(config["bulk-tickets"] ?? "10000", CultureInfo.InvariantCulture);
        var batchSize = int.Parse(config["batch-size"] ?? "500", CultureInfo.InvariantCulture);
        // --warm-up N: tickets after the first (which waits for the local model) before the measured run starts.
        var warmUp = int.Parse(config["warm-up"] ?? ProductBenchmark.DefaultWarmUp.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var product = !string.Equals(config["product"], "false", StringComparison.OrdinalIgnoreCase);
        // --tracing true: the product's web app runs its OpenTelemetry tracing pipeline (every span recorded, batched and
        // given to an exporter that discards it), so the same bench with and without it gives the cost of tracing.
        var tracing = string.Equals(config["tracing"], "true", StringComparison.OrdinalIgnoreCase);
        // --postgres "Host=...;Username=...": the same raw and engine measurements on PostgreSQL, a fresh database per run.
        var postgres = config["postgres"];
        // --nodes 1,3: the product node counts measured on PostgreSQL; --redis host:port the Redis the nodes share.
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            var nodeCounts = (config["nodes"] ?? "1,3").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
            var runs = product ? new PostgresBench.ProductRuns(config["web"] ?? WebAppProcess.DefaultAssemblyPath(), tickets, clients, nodeCounts, config["redis"]) : null;
            return await PostgresBench.RunAsync(postgres, workflows, seconds, rounds, EngineAsync, runs);
        }

        var folder = Path.Combine(Path.GetTempPath(), "reviewdesk-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine($"ReviewDesk runtime benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {rounds} rounds");
            var raw = new List<double>();
            var engine = new List<(double Workflows, double Steps)>();
            // Warm-up (JIT, page cache), not reported.
            RawInserts(Path.Combine(folder, "warm-raw.db"), TimeSpan.FromSeconds(0.5));
            await EngineAsync(Path.Combine(folder, "warm-engine.db"), Math.Min(workflows, 1000));
            for (var round = 1; round <= rounds; round++)
            {
                raw.Add(RawInserts(Path.Combine(folder, $"raw-{round}.db"), TimeSpan.FromSeconds(seconds)));
                engine.Add(await EngineAsync(Path.Combine(folder, $"engine-{round}.db"), workflows));
                Console.WriteLine($"  round {round}: raw {raw[^1],9:N0} commits/s | engine {engine[^1].Workflows,7:N0} workflows/s = {engine[^1].Steps,8:N0} steps/s");
            }

            var rawMedian = Median(raw);
            var stepsMedian = Median([.. engine.Select(e => e.Steps)]);
            var workflowsMedian = Median([.. engine.Select(e => e.Workflows)]);
            Console.WriteLine($"median raw single-row committed inserts: {rawMedian:N0}/s");
            Console.WriteLine($"median engine: {workflowsMedian:N0} workflows/s, {stepsMedian:N0} activity steps/s ({workflows:N0} workflows x 4 no-op steps)");
            Console.WriteLine($"ratio steps/s to raw commits/s: {stepsMedian / rawMedian:P1}");
            if (product)
            {
                Console.WriteLine($"product over HTTP: {tickets:N0} tickets from {clients} keep-alive clients against the web app (local AI, warmed up by {warmUp + 1:N0} tickets)" +
                    (tracing ? ", tracing every span to a discarding exporter..." : ", tracing off..."));
                // --semantic false: the shipped cascade without its semantic step (it skips), the fast model and a human only.
                var semantic = !string.Equals(config["semantic"], "false", StringComparison.OrdinalIgnoreCase);
                var result = await ProductBenchmark.RunAsync(config["web"] ?? WebAppProcess.DefaultAssemblyPath(), tickets, clients, bulk, batchSize, tracing, semantic,
                    CancellationToken.None, warmUp);
                Console.WriteLine($"product: {result.TicketsPerSecond:N0} tickets/s end to end ({result.Routed:N0} routed, {result.Reviewed:N0} waiting for review); " +
                    $"submissions {result.SubmissionsPerSecond:N0}/s, POST p50 {result.PostP50Ms:N1} ms, p99 {result.PostP99Ms:N1} ms; " +
                    $"web app CPU {result.WebCpuMsPerTicket:N2} ms per ticket (warm-up's last round {result.WarmUpCpuMsPerTicket:N2}), peak working set {result.PeakWorkingSetMiB:N0} MiB");
                Console.WriteLine($"ratio product tickets/s to engine workflows/s: {result.TicketsPerSecond / workflowsMedian:P1}");
                if (result.Cascade is { } cascade)
                {
                    Console.WriteLine($"cascade: {cascade.Semantic:N0} of {cascade.Tickets:N0} tickets reached the semantic model ({cascade.SemanticShare:P1}); " +
                        $"{cascade.Llm:N0} reached an LLM{(semantic ? "" : " (semantic step off: --semantic false)")}");
                }

                if (result.Tracing is { } spans) Console.WriteLine($"tracing: the web app's last report before the end: {spans}");
                if (result.Bulk is { } b)
                {
                    Console.WriteLine($"bulk path: {b.Tickets:N0} tickets in batches of {b.BatchSize} through POST /api/tickets/batch: accepted {b.AcceptedPerSecond:N0}/s, settled (triaged) {b.SettledPerSecond:N0}/s end to end");
                }
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double RawInserts(string path, TimeSpan duration)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        new SqlitePragmas(30_000).Apply(connection);
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, payload TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (at, payload) VALUES ($at, $payload)";
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Parameters.AddWithValue("$payload", "{\"step\":\"noop\"}");
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            at.Value = count;
            insert.ExecuteNonQuery();
            transaction.Commit();
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static Task<(double Workflows, double Steps)> EngineAsync(string path, int workflows) =>
        EngineAsync(DatabaseProvider.Sqlite, $"Data Source={path}", workflows);

    internal static async Task<(double Workflows, double Steps)> EngineAsync(DatabaseProvider provider, string connectionString, int workflows)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:ReviewDesk"] = connectionString,
            ["Workflows:Worker:MaxConcurrency"] = "128",
            ["Workflows:Worker:MaxCommitBatch"] = "256",
            ["Workflows:Worker:PollInterval"] = "00:00:00.010",
        });
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddWorkflowEngine(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        WorkflowNode NoOp(string id) => new() { Id = id, Type = "NoOp" };
        var published = await host.Services.GetRequiredService<WorkflowDefinitionStore>().SaveAndPublishAsync(new WorkflowDefinition
        {
            Id = "bench",
            Name = "Four no-op steps",
            StartNodeId = "a",
            Nodes = [NoOp("a"), NoOp("b"), NoOp("c"), NoOp("d")],
            Connections = [new() { From = "a", Outcome = "Done", To = "b" }, new() { From = "b", Outcome = "Done", To = "c" }, new() { From = "c", Outcome = "Done", To = "d" }],
        }, "bench", CancellationToken.None);
        if (!published.Succeeded) throw new InvalidOperationException("bench definition failed validation");

        var completed = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = host.Services.GetRequiredService<WorkflowEventStream>().Subscribe(e =>
        {
            if (e is InstanceChanged { Status: WorkflowStatus.Completed } && Interlocked.Increment(ref completed) == workflows) allDone.TrySetResult();
        });
        var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workflows).Select(i =>
            runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "bench", BusinessKey = $"bench-{i}" })));
        var started = clock.Elapsed.TotalSeconds;
        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(5));
        if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") is not null) Console.WriteLine($"    starts took {started:N2} s of {clock.Elapsed.TotalSeconds:N2} s");
        var elapsed = clock.Elapsed.TotalSeconds;
        await host.StopAsync();
        return (workflows / elapsed, workflows * 4 / elapsed);
    }

    internal static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
