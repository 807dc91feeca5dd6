using System.Diagnostics;
using Npgsql;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Harness;

/// <summary>
/// <c>bench --postgres CONNECTION</c>: on one PostgreSQL server, in one run, the raw rate of single-row committed
/// inserts (one connection, one transaction each, as the engine's writer commits) and the engine's workflows of four
/// no-op steps per second, each on a fresh database; the ratio of engine steps/s to raw commits/s; then the product's
/// tickets/s over HTTP (<see cref="ProductBenchmark.RunOnNodesAsync"/>) on each of the node counts asked for (one and
/// three by default), each on a fresh database, all nodes on this machine.
/// </summary>
internal static class PostgresBench
{
    /// <summary>The product's part of the run: which web app, how many tickets and clients, on how many nodes, with which Redis.</summary>
    public sealed record ProductRuns(string WebAssembly, int Tickets, int Clients, IReadOnlyList<int> NodeCounts, string? Redis);

    public static async Task<int> RunAsync(string server, int workflows, double seconds, int rounds,
        Func<DatabaseProvider, string, int, Task<(double Workflows, double Steps)>> engine, ProductRuns? product)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using (var settings = new NpgsqlCommand("SELECT current_setting('fsync') || '/' || current_setting('synchronous_commit') || ', ' || version()", admin))
        {
            Console.WriteLine($"ReviewDesk PostgreSQL benchmark: {Environment.ProcessorCount} cores, fsync/synchronous_commit {await settings.ExecuteScalarAsync()}, {rounds} rounds");
        }

        var created = new List<string>();
        async Task<string> FreshAsync()
        {
            var name = "rd_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
            created.Add(name);
            return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        }

        try
        {
            var raw = new List<double>();
            var steps = new List<double>();
            var flows = new List<double>();
            await RawInsertsAsync(await FreshAsync(), TimeSpan.FromSeconds(0.5));
            await engine(DatabaseProvider.Postgres, await FreshAsync(), Math.Min(workflows, 1000));
            for (var round = 1; round <= rounds; round++)
            {
                raw.Add(await RawInsertsAsync(await FreshAsync(), TimeSpan.FromSeconds(seconds)));
                var (w, s) = await engine(DatabaseProvider.Postgres, await FreshAsync(), workflows);
                flows.Add(w);
                steps.Add(s);
                Console.WriteLine($"  round {round}: raw {raw[^1],9:N0} commits/s | engine {w,7:N0} workflows/s = {s,8:N0} steps/s");
            }

            var rawMedian = BenchCommand.Median(raw);
            var stepsMedian = BenchCommand.Median(steps);
            Console.WriteLine($"median raw single-row committed inserts: {rawMedian:N0}/s");
            Console.WriteLine($"median engine: {BenchCommand.Median(flows):N0} workflows/s, {stepsMedian:N0} activity steps/s ({workflows:N0} workflows x 4 no-op steps)");
            Console.WriteLine($"ratio steps/s to raw commits/s: {stepsMedian / rawMedian:P1}");
            if (product is null) return 0;
            foreach (var nodes in product.NodeCounts)
            {
                Console.WriteLine($"product over HTTP on {nodes} node(s){(product.Redis is null ? "" : " with Redis")}: {product.Tickets:N0} tickets from {product.Clients} keep-alive clients spread over the nodes...");
                var result = await ProductBenchmark.RunOnNodesAsync(product.WebAssembly, nodes, await FreshAsync(), product.Redis, product.Tickets, product.Clients, CancellationToken.None);
                NpgsqlConnection.ClearAllPools();
                Console.WriteLine($"product on {nodes} node(s): {result.TicketsPerSecond:N0} tickets/s end to end ({result.Routed:N0} routed, {result.Reviewed:N0} waiting for review); " +
                    $"submissions {result.SubmissionsPerSecond:N0}/s, POST p50 {result.PostP50Ms:N1} ms, p99 {result.PostP99Ms:N1} ms; CPU of all nodes {result.WebCpuMsPerTicket:N2} ms per ticket; " +
                    $"{result.TicketsPerSecond / BenchCommand.Median(flows):P1} of the engine's workflows/s");
            }

            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var name in created)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<double> RawInsertsAsync(string connectionString, TimeSpan duration)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at bigint NOT NULL, payload text NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand("INSERT INTO t (at, payload) VALUES ($1, $2)", connection);
        var at = new NpgsqlParameter<long> { TypedValue = 0 };
        insert.Parameters.Add(at);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "{\"step\":\"noop\"}" });
        await insert.PrepareAsync();
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            at.TypedValue = count;
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
