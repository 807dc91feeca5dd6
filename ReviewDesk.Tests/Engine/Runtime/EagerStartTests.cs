using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Runtime;

/// <summary>
/// Issue 10: an eager start (<see cref="IEagerStartActivity"/>, <see cref="WorkflowRuntime.PrepareStartAsync"/>). The caller
/// runs the first step; it commits with the start, as one transaction, and leaves the records a step on the worker leaves.
/// A preparation that does not fit (a failed step, a newer version, an existing business key) is dropped without a trace,
/// and its effects failing roll the whole start back: in every case the step then runs on the worker as attempt 1. The
/// activity is a tally of this test's own table.
/// </summary>
public sealed class EagerStartTests : IAsyncLifetime
{
    private const string Owner = "eager-host";

    private readonly TestDatabase _database = new(ReviewDesk.Engine.Persistence.DatabaseProvider.Sqlite); // its tally table is SQLite's (rowid)
    private readonly InlineStepTests.TallyCalls _calls = new(); // here keyed by business key
    private RuntimeHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var create = connection.CreateCommand();
            create.CommandText = """CREATE TABLE "EagerTally" ("InstanceId" TEXT NOT NULL, "Amount" INTEGER NOT NULL, "Note" TEXT NULL)""";
            await create.ExecuteNonQueryAsync(Ct);
        }

        _host = await RuntimeHost.StartAsync(_database, name: Owner, services: services => services.AddSingleton(_calls).AddWorkflowActivity<EagerTallyActivity>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ThePreparedFirstStep_CommitsWithTheStart_InOneCommit_WithTheRecordsOfAStep_AndTheWorkerRunsTheRest()
    {
        await _host.PublishAsync(Line("eager", Tally("e", 5), Node("b", "NoOp")));
        var request = Request("eager", "E-1");

        var prepared = await _host.Runtime.PrepareStartAsync(request, Items("in hand"), Ct);
        Assert.NotNull(prepared);
        Assert.Empty(await TallyAsync(prepared.InstanceId)); // prepared: run, nothing written
        var before = _host.Runtime.WriteStatistics;
        var started = await _host.Runtime.WriteAsync(tx => tx.StartWorkflow(request, prepared), Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);
        Assert.True(started.PreparedStepTaken);

        // The start with e's step, the worker's claim of b, and b's step (counted at the end: the claim may commit
        // before the start's caller resumes). A plain start would add a claim and a step for e.
        Assert.Equal(new WriteStatistics(3, 3), _host.Runtime.WriteStatistics - before);
        Assert.Equal(prepared.InstanceId, started.InstanceId);
        Assert.Equal([(5L, "in hand")], await TallyAsync(started.InstanceId));
        Assert.Equal(["e:step"], _calls.Of("E-1"));
        var instance = (await _host.Queries.GetInstanceAsync(started.InstanceId, Ct))!;
        // Version 1 at the start, 2 after e's checkpoint (in the same commit), 3 after b's step on the worker.
        Assert.Equal(3, instance.Version);
        Assert.Equal(5, instance.Variables["total"]!.GetValue<int>());
        var executions = await _host.Queries.GetExecutionsAsync(started.InstanceId, Ct);
        Assert.Equal([$"e:1:Completed:{Owner}", $"b:1:Completed:{Owner}"], executions.Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}:{e.Worker}"));
        var journal = await _host.Queries.GetJournalAsync(started.InstanceId, Ct);
        Assert.Equal([JournalTypes.Started, "ActivityScheduled", "ActivityStarted", "TallyAdded", "ActivityCompleted", "ActivityScheduled"],
            journal.Take(6).Select(j => j.Type));
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => (long)j.Sequence));
    }

    [Fact]
    public async Task AStartNodeThatIsNotEager_IsNotPrepared()
    {
        await _host.PublishAsync(Line("lazy", Node("a", "NoOp")));

        Assert.Null(await _host.Runtime.PrepareStartAsync(Request("lazy", "L-1"), null, Ct));
    }

    [Fact]
    public async Task AProcessWithoutAWorker_PreparesNothing_SoItRunsNoStep()
    {
        await _host.PublishAsync(Line("eager-api", Tally("e", 1)));
        await using var apiNode = await RuntimeHost.StartAsync(_database, worker: false, name: "api-node",
            services: services => services.AddSingleton(_calls).AddWorkflowActivity<EagerTallyActivity>());

        Assert.Null(await apiNode.Runtime.PrepareStartAsync(Request("eager-api", "A-1"), Items("in hand"), Ct));
        Assert.Empty(_calls.Of("A-1"));
        Assert.NotNull(await _host.Runtime.PrepareStartAsync(Request("eager-api", "A-2"), Items("in hand"), Ct));
    }

    [Fact]
    public async Task AFirstStepThatFails_IsNotPrepared_LeavesNothing_AndRunsOnTheWorkerAsAttemptOne()
    {
        await _host.PublishAsync(Line("eager-fails", Tally("e", 2, failingRuns: 1)));
        var request = Request("eager-fails", "F-1");

        Assert.Null(await _host.Runtime.PrepareStartAsync(request, Items("in hand"), Ct));
        var started = await _host.Runtime.WriteAsync(tx => tx.StartWorkflow(request, null), Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(["e:step", "e:step"], _calls.Of("F-1"));
        // The failure in the caller is not recorded: the worker's run is attempt 1, without the caller's items.
        Assert.Equal(["e:1:Completed"], (await _host.Queries.GetExecutionsAsync(started.InstanceId, Ct)).Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}"));
        Assert.Equal([(2L, (string?)null)], await TallyAsync(started.InstanceId));
        Assert.DoesNotContain((await _host.Queries.GetJournalAsync(started.InstanceId, Ct)), j => j.Type == JournalTypes.ActivityFailed);
    }

    [Fact]
    public async Task AVersionPublishedAfterThePreparation_DropsIt_TheInstanceRunsTheNewVersionOnTheWorker_AndTheNextPreparationUsesIt()
    {
        await _host.PublishAsync(Line("eager-v", Tally("e", 1)));
        var request = Request("eager-v", "V-1");
        var prepared = await _host.Runtime.PrepareStartAsync(request, Items("v1"), Ct);
        Assert.Equal(1, prepared!.DefinitionVersion);
        await _host.PublishAsync(Line("eager-v", Tally("e", 20)));

        var started = await _host.Runtime.WriteAsync(tx => tx.StartWorkflow(request, prepared), Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal((prepared.InstanceId, 2, false), (started.InstanceId, started.DefinitionVersion, started.PreparedStepTaken));
        Assert.Equal([(20L, (string?)null)], await TallyAsync(started.InstanceId));
        Assert.Equal(2, (await _host.Runtime.PrepareStartAsync(Request("eager-v", "V-2"), null, Ct))!.DefinitionVersion);
    }

    [Fact]
    public async Task StepEffectsThatFail_RollTheWholeStartBack_AndAStartWithoutThePreparationRunsTheStepOnTheWorker()
    {
        await _host.PublishAsync(Line("eager-effect", Tally("e", 3, failingEffects: 1)));
        var request = Request("eager-effect", "X-1");
        var prepared = await _host.Runtime.PrepareStartAsync(request, Items("in hand"), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Runtime.WriteAsync(tx => tx.StartWorkflow(request, prepared!), Ct));
        Assert.Null(await _host.Queries.GetInstanceAsync(prepared!.InstanceId, Ct));

        var started = await _host.Runtime.WriteAsync(tx => tx.StartWorkflow(request, null), Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);
        Assert.Equal([(3L, (string?)null)], await TallyAsync(started.InstanceId));
        Assert.Equal(["e:1:Completed"], (await _host.Queries.GetExecutionsAsync(started.InstanceId, Ct)).Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}"));
    }

    [Fact]
    public async Task AnInstanceWithTheBusinessKey_IsReturned_AndThePreparedStepIsDropped()
    {
        await _host.PublishAsync(Line("eager-key", Tally("e", 4)));
        var first = await _host.Runtime.StartAsync(Request("eager-key", "K-1"), Ct);
        await _host.WaitForStatusAsync(first.InstanceId, WorkflowStatus.Completed);
        var again = Request("eager-key", "K-1");
        var prepared = await _host.Runtime.PrepareStartAsync(again, Items("again"), Ct);

        var started = await _host.Runtime.WriteAsync(tx => tx.StartWorkflow(again, prepared), Ct);

        Assert.Equal((first.InstanceId, false, false), (started.InstanceId, started.Created, started.PreparedStepTaken));
        Assert.Equal([(4L, (string?)null)], await TallyAsync(first.InstanceId));
        Assert.Empty(await TallyAsync(prepared!.InstanceId));
    }

    private static StartWorkflowRequest Request(string definitionId, string key) => new() { DefinitionId = definitionId, BusinessKey = key };

    private static Dictionary<string, object> Items(string note) => new(StringComparer.Ordinal) { [EagerTallyActivity.NoteItem] = note };

    private static WorkflowNode Tally(string id, int amount, int failingRuns = 0, int failingEffects = 0) =>
        Node(id, EagerTallyActivity.Descriptor.Type, new JsonObject { ["amount"] = amount, ["failingRuns"] = failingRuns, ["failingEffects"] = failingEffects });

    private async Task<List<(long Amount, string? Note)>> TallyAsync(string instanceId)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Amount", "Note" FROM "EagerTally" WHERE "InstanceId" = $1 ORDER BY rowid""";
        command.Parameters.AddWithValue("$1", instanceId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(long, string?)>();
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetInt64(0), await reader.IsDBNullAsync(1, Ct) ? null : reader.GetString(1)));
        return rows;
    }

    /// <summary>
    /// Adds <c>amount</c> to the variable <c>total</c> and a row to the tally (with the caller's note, when it handed one
    /// on), in the step's transaction. Its first <c>failingRuns</c> runs throw, and its first <c>failingEffects</c> effects.
    /// </summary>
    public sealed class EagerTallyActivity(InlineStepTests.TallyCalls calls) : IActivityType, IEagerStartActivity
    {
        public const string NoteItem = "test.note";

        public static ActivityDescriptor Descriptor { get; } = new()
        {
            Type = "EagerTally",
            DisplayName = "Eager tally",
            Description = "Test: adds to a tally; may run in the caller that starts its instance.",
            Settings =
            [
                new() { Name = "amount", Label = "Amount", Kind = SettingKind.Integer, Required = true },
                new() { Name = "failingRuns", Label = "Failing runs", Kind = SettingKind.Integer },
                new() { Name = "failingEffects", Label = "Failing effects", Kind = SettingKind.Integer },
            ],
        };

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            var runs = calls.Of(context.BusinessKey).Count;
            calls.Add(context.BusinessKey, $"{context.NodeId}:step");
            if (runs < context.Settings["failingRuns"]!.GetValue<int>()) throw new InvalidOperationException($"run {runs + 1} fails");

            var amount = context.Settings["amount"]!.GetValue<int>();
            var failingEffects = context.Settings["failingEffects"]!.GetValue<int>();
            context.Variables["total"] = (context.Variables["total"]?.GetValue<int>() ?? 0) + amount;
            context.Journal("TallyAdded", $"{amount}");
            var note = context.StepItems.TryGetValue(NoteItem, out var item) ? (string)item : null;
            var (instanceId, key) = (context.InstanceId, context.BusinessKey);
            context.Enlist(tx =>
            {
                var effectRuns = calls.EffectRuns.AddOrUpdate(key, 1, (_, n) => n + 1);
                if (effectRuns <= failingEffects) throw new InvalidOperationException($"effect run {effectRuns} fails");
                tx.Execute("""INSERT INTO "EagerTally" ("InstanceId", "Amount", "Note") VALUES ($1, $2, $3)""", instanceId, amount, note);
            });
            return ValueTask.FromResult(ActivityResult.Done());
        }
    }
}
