using System.Collections.Concurrent;
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
/// Inline nodes (<see cref="IInlineActivity"/>) for a domain the engine knows nothing of: a tally, a plain table of this
/// test. A node that runs inline commits with the step before it (one writer operation fewer per node) and leaves the same
/// records as a step; one that waits suspends that step on its own bookmark; one that declines, throws, or whose effect
/// fails runs as a step of its own, under its own retry policy, and the step before it is neither retried nor charged
/// with its failure.
/// </summary>
public sealed class InlineStepTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new(ReviewDesk.Engine.Persistence.DatabaseProvider.Sqlite); // its tally table is SQLite's (rowid)
    private readonly TallyCalls _calls = new();
    private RuntimeHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var create = connection.CreateCommand();
            create.CommandText = """CREATE TABLE "Tally" ("InstanceId" TEXT NOT NULL, "NodeId" TEXT NOT NULL, "Amount" INTEGER NOT NULL)""";
            await create.ExecuteNonQueryAsync(Ct);
        }

        _host = await RuntimeHost.StartAsync(_database, services: services => services.AddSingleton(_calls).AddWorkflowActivity<TallyActivity>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task InlineNodes_CommitWithTheStepBeforeThem_AndLeaveTheRecordsOfSteps()
    {
        await _host.PublishAsync(Line("tally", Node("a", "NoOp"), Add("b", 5), Add("c", 7), Node("d", "NoOp")));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "tally", BusinessKey = "T-1" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        // Step a with b and c inline, then step d: two commits of the instance, where four steps make four.
        Assert.Equal(2, await StepCommitsAsync(started.InstanceId));
        Assert.Equal([("b", 5L), ("c", 7L)], await TallyAsync(started.InstanceId));
        Assert.Equal(["b:inline", "c:inline"], _calls.Of(started.InstanceId));
        var instance = await _host.Queries.GetInstanceAsync(started.InstanceId, Ct);
        Assert.Equal(12, instance!.Variables["total"]!.GetValue<int>());
        Assert.Equal(7, instance.Outputs["c"]!["added"]!.GetValue<int>());

        var executions = await _host.Queries.GetExecutionsAsync(started.InstanceId, Ct);
        Assert.Equal(["a:1:Completed:Done", "b:1:Completed:Done", "c:1:Completed:Done", "d:1:Completed:Done"],
            executions.Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}:{e.Outcome}"));
        var journal = await _host.Queries.GetJournalAsync(started.InstanceId, Ct);
        Assert.Equal(["ActivityScheduled", "ActivityStarted", "TallyAdded", "ActivityCompleted"],
            journal.Where(j => j.NodeId == "b").Select(j => j.Type));
        Assert.Equal(journal.Select(j => j.Sequence).Order(), journal.Select(j => j.Sequence));
    }

    [Fact]
    public async Task AnInlineLastNode_CompletesTheInstanceInTheStepBeforeIt()
    {
        await _host.PublishAsync(Line("tally-end", Node("a", "NoOp"), Add("b", 3)));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "tally-end", BusinessKey = "T-2" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(1, await StepCommitsAsync(started.InstanceId));
        var instance = await _host.Queries.GetInstanceAsync(started.InstanceId, Ct);
        Assert.Equal("b", instance!.CurrentNodeId);
        var completed = (await _host.Queries.GetJournalAsync(started.InstanceId, Ct)).Single(j => j.Type == JournalTypes.Completed);
        Assert.Equal(("b", TallyActivity.Descriptor.Type), (completed.NodeId, completed.ActivityType));
    }

    [Fact]
    public async Task AnInlineNodeThatWaits_SuspendsTheStepBeforeIt_OnItsOwnBookmark_AndAResumeGoesOn()
    {
        await _host.PublishAsync(Line("tally-wait", Node("a", "NoOp"), Add("b", 4, wait: true), Node("c", "NoOp")));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "tally-wait", BusinessKey = "T-7" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);

        // One commit: a's checkpoint, b's posting, its bookmark and the suspension.
        Assert.Equal(1, await StepCommitsAsync(started.InstanceId));
        Assert.Equal([("b", 4L)], await TallyAsync(started.InstanceId));
        var bookmark = Assert.Single(await _host.Queries.GetBookmarksAsync(started.InstanceId, Ct));
        Assert.Equal(("b", "tally-wait"), (bookmark.NodeId, bookmark.Kind));
        Assert.Equal("b", (await _host.Queries.GetInstanceAsync(started.InstanceId, Ct))!.CurrentNodeId);
        var journal = await _host.Queries.GetJournalAsync(started.InstanceId, Ct);
        Assert.Equal(["ActivityScheduled", "ActivityStarted", "TallyAdded", "Suspended"], journal.Where(j => j.NodeId == "b").Select(j => j.Type));
        Assert.Equal(TallyActivity.Descriptor.Type, journal.Single(j => j.Type == JournalTypes.Suspended).ActivityType);

        var resumed = await _host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "go", BookmarkId = bookmark.Id }, waitForSettled: true, Ct);
        Assert.Equal(ResumeOutcome.Delivered, resumed.Outcome);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        var executions = await _host.Queries.GetExecutionsAsync(started.InstanceId, Ct);
        Assert.Equal(["a:1:Completed", "b:1:Suspended", "b:1:Completed", "c:1:Completed"], executions.Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}"));
        Assert.Equal(["b:inline", "b:resumed"], _calls.Of(started.InstanceId));
    }

    [Fact]
    public async Task AnInlineNodeThatDeclines_RunsAsAStepOfItsOwn()
    {
        await _host.PublishAsync(Line("tally-decline", Node("a", "NoOp"), Add("b", 5, declineInline: true), Node("c", "NoOp")));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "tally-decline", BusinessKey = "T-3" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(3, await StepCommitsAsync(started.InstanceId));
        Assert.Equal(["b:declined", "b:step"], _calls.Of(started.InstanceId));
        Assert.Equal([("b", 5L)], await TallyAsync(started.InstanceId));
        // Declining left nothing behind: the step's run is the only one that counted.
        Assert.Equal(5, (await _host.Queries.GetInstanceAsync(started.InstanceId, Ct))!.Variables["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnInlineNodeThatThrows_RunsAsAStep_UnderItsOwnRetryPolicy_AndTheStepBeforeItRunsOnce()
    {
        await _host.PublishAsync(Line("tally-throw", Node("a", "NoOp"), Add("b", 5, throwInline: true, failingSteps: 1, retry: QuickRetry(3)), Node("c", "NoOp")));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "tally-throw", BusinessKey = "T-4" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(["b:threw", "b:step", "b:step"], _calls.Of(started.InstanceId));
        var executions = await _host.Queries.GetExecutionsAsync(started.InstanceId, Ct);
        Assert.Equal(["a:1:Completed", "b:1:Failed", "b:2:Completed", "c:1:Completed"], executions.Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}"));
        Assert.Equal([("b", 5L)], await TallyAsync(started.InstanceId));
    }

    [Fact]
    public async Task AnInlineNodesFailingEffect_CommitsTheStepBeforeItAlone_AndTheNodeRetriesAsAStep()
    {
        // The effect throws twice: once inline (the step of a then commits alone), once in b's first attempt as a step.
        await _host.PublishAsync(Line("tally-effect", Node("a", "NoOp"), Add("b", 5, failingEffects: 2, retry: QuickRetry(3)), Node("c", "NoOp")));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "tally-effect", BusinessKey = "T-5" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(["b:inline", "b:step", "b:step"], _calls.Of(started.InstanceId));
        var executions = await _host.Queries.GetExecutionsAsync(started.InstanceId, Ct);
        Assert.Equal(["a:1:Completed:", "b:1:Failed:" + ErrorKinds.EffectFailed, "b:2:Completed:", "c:1:Completed:"],
            executions.Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}:{e.ErrorKind}"));
        Assert.Equal([("b", 5L)], await TallyAsync(started.InstanceId));
        Assert.Empty(await _host.Queries.GetIncidentsAsync(started.InstanceId, Ct));
    }

    [Fact]
    public async Task ALoopOfInlineNodes_StopsAtTheCap_AndGoesOnAsSteps()
    {
        // b adds until the total reaches 40 (Again), then ends (Done): 40 inline runs, more than one step may hold.
        var definition = Line("tally-loop", Node("a", "NoOp"), Add("b", 1, until: 40)).With(Connect("b", "Again", "b"));
        await _host.PublishAsync(definition);

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "tally-loop", BusinessKey = "T-6" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(40, (await _host.Queries.GetInstanceAsync(started.InstanceId, Ct))!.Variables["total"]!.GetValue<int>());
        var calls = _calls.Of(started.InstanceId);
        Assert.Equal(40, calls.Count);
        // The step of a ran the first 16 inline; then b ran as a step with the next 16 inline after it, and so on.
        Assert.Equal(["b:inline"], calls.Take(StepExecutor.MaxInlineSteps).Distinct());
        Assert.Equal("b:step", calls[StepExecutor.MaxInlineSteps]);
        Assert.Equal("b:step", calls[(2 * StepExecutor.MaxInlineSteps) + 1]);
        Assert.Equal(3, await StepCommitsAsync(started.InstanceId));
        Assert.Equal(40, (await TallyAsync(started.InstanceId)).Count);
    }

    // Every commit of a step raises the instance's version by one from the 1 it starts at (nothing else moves it here).
    private async Task<long> StepCommitsAsync(string instanceId) => (await _host.Queries.GetInstanceAsync(instanceId, Ct))!.Version - 1;

    private static RetryPolicySettings QuickRetry(int attempts) => new()
    {
        InitialInterval = TimeSpan.FromMilliseconds(10), BackoffCoefficient = 1, MaximumInterval = TimeSpan.FromMilliseconds(10), MaximumAttempts = attempts,
    };

    private static WorkflowNode Add(string id, int amount, bool declineInline = false, bool throwInline = false, int failingSteps = 0, int failingEffects = 0,
        int until = 0, bool wait = false, RetryPolicySettings? retry = null) =>
        Node(id, TallyActivity.Descriptor.Type, new JsonObject
        {
            ["amount"] = amount, ["declineInline"] = declineInline, ["throwInline"] = throwInline, ["failingSteps"] = failingSteps,
            ["failingEffects"] = failingEffects, ["until"] = until, ["wait"] = wait,
        }, retry);

    private async Task<List<(string NodeId, long Amount)>> TallyAsync(string instanceId)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "NodeId", "Amount" FROM "Tally" WHERE "InstanceId" = $1 ORDER BY rowid""";
        command.Parameters.AddWithValue("$1", instanceId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    /// <summary>How each tally node ran, per instance, in order: inline, declined, threw (inline) or step.</summary>
    public sealed class TallyCalls
    {
        private readonly ConcurrentDictionary<string, List<string>> _calls = new();

        public void Add(string instanceId, string call)
        {
            var list = _calls.GetOrAdd(instanceId, _ => []);
            lock (list) list.Add(call);
        }

        public List<string> Of(string instanceId)
        {
            var list = _calls.GetOrAdd(instanceId, _ => []);
            lock (list) return [.. list];
        }

        // Effects run on the writer, one at a time; a count per instance and node.
        public ConcurrentDictionary<string, int> EffectRuns { get; } = new();
    }

    /// <summary>
    /// Adds <c>amount</c> to the variable <c>total</c> and a row to the tally, in the step's transaction; runs inline unless
    /// told to decline or throw there. Its first <c>failingSteps</c> runs as a step throw, and its first <c>failingEffects</c>
    /// effects throw. With <c>until</c>, it takes the Again outcome until the total reaches it; with <c>wait</c>, it then
    /// waits on a bookmark, and a resume ends it with Done.
    /// </summary>
    public sealed class TallyActivity(TallyCalls calls) : IActivityType, IInlineActivity
    {
        public static ActivityDescriptor Descriptor { get; } = new()
        {
            Type = "TallyAdd",
            DisplayName = "Add to the tally",
            Description = "Test: adds to a tally, inline when it may.",
            Outcomes = [Outcomes.Done, "Again"],
            Settings =
            [
                new() { Name = "amount", Label = "Amount", Kind = SettingKind.Integer, Required = true },
                new() { Name = "declineInline", Label = "Decline inline", Kind = SettingKind.Boolean },
                new() { Name = "throwInline", Label = "Throw inline", Kind = SettingKind.Boolean },
                new() { Name = "failingSteps", Label = "Failing steps", Kind = SettingKind.Integer },
                new() { Name = "failingEffects", Label = "Failing effects", Kind = SettingKind.Integer },
                new() { Name = "until", Label = "Until", Kind = SettingKind.Integer },
                new() { Name = "wait", Label = "Wait", Kind = SettingKind.Boolean },
            ],
        };

        public ActivityResult? TryRunInline(ActivityContext context)
        {
            if (context.Settings["declineInline"]!.GetValue<bool>())
            {
                calls.Add(context.InstanceId, $"{context.NodeId}:declined");
                return null;
            }

            if (context.Settings["throwInline"]!.GetValue<bool>())
            {
                // Half-way through: what it changed must not survive.
                context.Variables["total"] = -1000;
                calls.Add(context.InstanceId, $"{context.NodeId}:threw");
                throw new InvalidOperationException("this node cannot run inline");
            }

            calls.Add(context.InstanceId, $"{context.NodeId}:inline");
            return Run(context);
        }

        public ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
        {
            calls.Add(context.InstanceId, $"{context.NodeId}:resumed");
            return ValueTask.FromResult(ActivityResult.Done());
        }

        public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            var failing = context.Settings["failingSteps"]!.GetValue<int>();
            var runs = calls.Of(context.InstanceId).Count(c => c == $"{context.NodeId}:step");
            calls.Add(context.InstanceId, $"{context.NodeId}:step");
            if (runs < failing) throw new InvalidOperationException($"step run {runs + 1} fails");
            return ValueTask.FromResult(Run(context));
        }

        private ActivityResult Run(ActivityContext context)
        {
            var amount = context.Settings["amount"]!.GetValue<int>();
            var failingEffects = context.Settings["failingEffects"]!.GetValue<int>();
            var total = (context.Variables["total"]?.GetValue<int>() ?? 0) + amount;
            context.Variables["total"] = total;
            context.Journal("TallyAdded", $"{amount}");
            var (instanceId, nodeId) = (context.InstanceId, context.NodeId);
            context.Enlist(tx =>
            {
                var run = calls.EffectRuns.AddOrUpdate($"{instanceId}:{nodeId}", 1, (_, n) => n + 1);
                tx.Execute("""INSERT INTO "Tally" ("InstanceId", "NodeId", "Amount") VALUES ($1, $2, $3)""", instanceId, nodeId, amount);
                if (run <= failingEffects) throw new InvalidOperationException($"effect run {run} fails");
            });
            if (context.Settings["wait"]!.GetValue<bool>()) return ActivityResult.Suspend(new BookmarkRequest("tally-wait"));
            var until = context.Settings["until"]!.GetValue<int>();
            return ActivityResult.Outcome(until > 0 && total < until ? "Again" : Outcomes.Done, new JsonObject { ["added"] = amount });
        }
    }
}
