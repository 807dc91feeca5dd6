using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Tests.Engine.Runtime;

/// <summary>
/// Kills a real child process running workflows with SIGKILL at several points, restarts it on the
/// same database, and checks the journal against a side file of every activity execution.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Workflows = 200;
    private const int StepsPerWorkflow = 4;

    /// <summary>
    /// When to kill each run: after this many new side-file lines, or right after READY (null); the last run finishes.
    /// The host prints READY once it has started all 200 workflows again (idempotent by key). Its worker claims the
    /// steps the killed run left at once, but the run killed at READY holds them until READY (--hold-steps-until-ready):
    /// otherwise a slow start on a loaded machine let that work, and every run after it, finish before its kill point
    /// (CI twice on 2026-12-07, even with steps of up to 40 ms). So the kill lands in the burst of claims and the first
    /// steps' commits, and each run's share of the 800 steps is bounded by its kill point, not by the machine's speed.
    /// </summary>
    private static readonly (int? Lines, int MaxStepMs, string Where)[] Kills =
    [
        (10, 3, "early, while starts and first steps commit"),
        (null, 40, "right after READY: a burst of claims and commits"),
        (40, 40, "inside slow activities"),
        (150, 3, "mid-run, between activities"),
        (90, 3, "mid-run again"),
        (200, 0, "no-op steps: mostly inside commits"),
    ];

    /// <param name="eager">
    /// The first step is eager (<c>crash-host --eager true</c>): each start runs it in the starting process and commits it
    /// with the start, so kills land between a preparation and its commit too, and a restarted run prepares it again for
    /// every key. Its effect is a row written with the step, which must exist exactly once per instance.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task KilledAndRestartedRepeatedly_EveryWorkflowCompletes_AndNoCompletedActivityRunsAgain(bool eager)
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase();
        var sideFile = Path.Combine(database.Directory, "executions.log");

        var kills = 0;
        for (var run = 1; run <= Kills.Length; run++)
        {
            var (lines, maxStepMs, where) = Kills[run - 1];
            // With eager starts the first kill lands among the starts: once 50 of them (and their first steps) committed. The
            // first step writes no side-file line, so the later kill points are three quarters of the line counts.
            var killed = eager && run == 1
                ? await RunUntilAsync(database, sideFile, run, maxStepMs, int.MaxValue, ct, Eager(eager), async () => await CountInstancesAsync(database, ct) >= 50)
                : await RunUntilAsync(database, sideFile, run, maxStepMs, eager ? lines * 3 / 4 : lines, ct, Eager(eager));
            var started = eager ? await CountInstancesAsync(database, ct) : Workflows;
            if (eager && run == 1) Assert.True(killed && started < Workflows, $"run 1 must be killed among the starts; {started} of {Workflows} had started");
            if (killed)
            {
                kills++;
                output.WriteLine($"run {run}: killed {(eager && run == 1 ? "among the starts" : where)}" + (eager ? $" ({started} of {Workflows} instances started)" : ""));
            }
            else
            {
                output.WriteLine($"run {run}: finished before the kill point ({where})");
            }
        }

        var final = await RunUntilAsync(database, sideFile, Kills.Length + 1, 3, killAfterLines: int.MaxValue, ct, Eager(eager));
        Assert.False(final, "the last run must finish by itself");
        Assert.True(kills >= 5, $"only {kills} of the runs were killed before the work finished");

        await using var host = await RuntimeHost.StartAsync(database, worker: false);
        var instances = await host.Queries.ListInstancesAsync(new InstanceFilter(), 1, 500, ct);
        Assert.Equal(Workflows, instances.Total);
        Assert.Equal(Workflows, instances.Items.Select(i => i.BusinessKey).Distinct().Count());
        Assert.All(instances.Items, i => Assert.Equal(WorkflowStatus.Completed, i.Status));

        var executed = (await File.ReadAllLinesAsync(sideFile, ct)).Select(l => l.Split('|')).Select(p => (Run: int.Parse(p[0][4..], System.Globalization.CultureInfo.InvariantCulture), Key: p[1], Node: p[2])).ToList();
        var reruns = 0;
        var effects = eager ? await EagerEffectsAsync(database, ct) : [];
        foreach (var instance in instances.Items)
        {
            if (eager)
            {
                // The eager step's row: once, for this instance, written by the start that ran it in the caller.
                Assert.Equal([(instance.Id, "s1", 1)], effects.Where(e => e.Key == instance.BusinessKey).Select(e => (e.InstanceId, e.Node, e.InCaller)));
            }

            var completions = (await host.Queries.GetJournalAsync(instance.Id, ct)).Where(j => j.Type == JournalTypes.ActivityCompleted).ToList();
            Assert.Equal(["s1", "s2", "s3", "s4"], completions.Select(c => c.NodeId));
            var checkpoints = (await host.Queries.GetExecutionsAsync(instance.Id, ct)).Where(e => e.Status == "Completed").ToList();
            Assert.Equal(StepsPerWorkflow, checkpoints.Count);
            foreach (var completion in completions.Where(c => !eager || c.NodeId != "s1"))
            {
                var committedBy = int.Parse(completion.Actor!["run-".Length..], System.Globalization.CultureInfo.InvariantCulture);
                var runs = executed.Where(e => e.Key == instance.BusinessKey && e.Node == completion.NodeId).Select(e => e.Run).ToList();
                // Never again after the run that committed it, and once in that run; earlier runs were killed mid-step.
                Assert.DoesNotContain(runs, r => r > committedBy);
                Assert.Equal(1, runs.Count(r => r == committedBy));
                reruns += runs.Count - 1;
            }
        }

        var recorded = Workflows * (eager ? StepsPerWorkflow - 1 : StepsPerWorkflow);
        output.WriteLine($"{kills} kills; {executed.Count} executions for {recorded} steps that record one; {reruns} re-executions of steps that were in flight at a kill");
    }

    [Fact]
    public async Task TwoProcessesOnOneDatabase_ShareTheWork_AndRunEachStepOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase();
        // Steps of up to 40 ms and 4 at a time per process: the work lasts long enough for both to take part.
        // Nobody is killed here, so the crash host's 1 s lease (short for the kill tests) is lengthened: "runs
        // each step once" holds only while leases do not expire, and on a loaded machine a process can stall
        // (scheduler, GC, waiting for the other's write lock) longer than the gap a 1 s lease leaves between heartbeats.
        string[] SlowWorker = ["--Workflows:Worker:MaxConcurrency", "4", "--Workflows:Worker:LeaseDuration", "00:00:05"];
        // One side file per process: two processes appending to one file could overwrite each other's lines.
        var sideFiles = new[] { Path.Combine(database.Directory, "run-1.log"), Path.Combine(database.Directory, "run-2.log") };

        // Both start the same 200 business keys (idempotent) and work them off together; SQLite's write
        // lock is shared by two writers under load, with no "database is locked" failure; on PostgreSQL
        // they claim with FOR UPDATE SKIP LOCKED and commit side by side.
        var runs = await Task.WhenAll(
            RunUntilAsync(database, sideFiles[0], 1, 40, killAfterLines: int.MaxValue, ct, SlowWorker),
            RunUntilAsync(database, sideFiles[1], 2, 40, killAfterLines: int.MaxValue, ct, SlowWorker));

        Assert.Equal([false, false], runs);
        var executed = new List<string[]>();
        foreach (var file in sideFiles.Where(File.Exists))
        {
            executed.AddRange((await File.ReadAllLinesAsync(file, ct)).Select(l => l.Split('|')));
        }

        Assert.Equal(Workflows * StepsPerWorkflow, executed.Count);
        Assert.Equal(Workflows * StepsPerWorkflow, executed.Select(p => (p[1], p[2])).Distinct().Count());
        Assert.Contains(executed, p => p[0] == "run-1");
        Assert.Contains(executed, p => p[0] == "run-2");
    }

    /// <summary>How many instances have started; 0 before the host has created its tables.</summary>
    private static async Task<long> CountInstancesAsync(TestDatabase database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "Instances" """;
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Data.Common.DbException)
        {
            return 0; // no such table yet: the host is still migrating
        }
    }

    private static string[] Eager(bool eager) => eager ? ["--eager", "true"] : [];

    private static async Task<List<(string InstanceId, string Key, string Node, int InCaller)>> EagerEffectsAsync(TestDatabase database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "InstanceId", "BusinessKey", "NodeId", "InCaller" FROM "CrashEagerEffects" """;
        var rows = new List<(string, string, string, int)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)));
        return rows;
    }

    /// <summary>The harness arguments that point it at <paramref name="database"/>: a SQLite file, or a PostgreSQL database.</summary>
    internal static string[] HarnessDatabaseArgs(TestDatabase database) => database.IsPostgres
        ? ["--Database:Provider", "Postgres", "--ConnectionStrings:ReviewDesk", database.ConnectionString]
        : ["--db", database.Path_];

    /// <summary>
    /// Runs the crash host; kills it with SIGKILL once the side file grew by <paramref name="killAfterLines"/> lines (null: at
    /// READY), or, when given, once <paramref name="killWhen"/> holds. Returns whether it was killed.
    /// </summary>
    private static async Task<bool> RunUntilAsync(TestDatabase database, string sideFile, int run, int maxStepMs, int? killAfterLines, CancellationToken ct,
        string[]? extraArgs = null, Func<Task<bool>>? killWhen = null)
    {
        var startLines = await CountLinesAsync(sideFile, ct);
        using var host = HarnessProcess.Start(["crash-host", .. HarnessDatabaseArgs(database), "--side-file", sideFile, "--count", $"{Workflows}",
            "--max-step-ms", $"{maxStepMs}", "--Workflows:Worker:Id", $"run-{run}", "--hold-steps-until-ready", killAfterLines is null ? "true" : "false",
            .. extraArgs ?? []]);

        // Not Eventually: this loop picks the kill point, so it polls the side file every few milliseconds.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!host.HasExited)
        {
            var due = killWhen is not null ? await killWhen()
                : killAfterLines is null ? host.Ready.IsCompleted
                : await CountLinesAsync(sideFile, ct) - startLines >= killAfterLines;
            if (due)
            {
                await host.KillAsync(ct);
                return true;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {run} did not finish in 120 s: {host.Errors}");
            await Task.Delay(killAfterLines is null ? 1 : 5, ct);
        }

        await host.WaitForExitAsync(ct);
        Assert.True(host.ExitCode == 0, $"run {run} exited with {host.ExitCode}: {host.Errors}");
        return false;
    }

    private static async Task<int> CountLinesAsync(string path, CancellationToken ct) =>
        File.Exists(path) ? (await File.ReadAllLinesAsync(path, ct)).Length : 0;
}
