using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Runtime;

/// <summary>
/// Transactional steps for a domain the engine knows nothing of: a ledger of postings, a plain table of this test.
/// A step's postings commit with its checkpoint or not at all; a failing effect is a failed step, retried by its policy
/// with nothing half-written; a step fenced off by an operator's cancel writes nothing; a domain row and the workflow it
/// starts commit together; a change handler writes in the cancel's own transaction.
/// </summary>
public sealed class TransactionalStepTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new(ReviewDesk.Engine.Persistence.DatabaseProvider.Sqlite); // its ledger table and reads are SQLite's (rowid)
    private readonly LedgerGate _gate = new();
    private readonly CapturingLoggerProvider _logs = new();
    private RuntimeHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var create = connection.CreateCommand();
            create.CommandText = """CREATE TABLE "Ledger" ("InstanceId" TEXT NOT NULL, "Entry" TEXT NOT NULL, "Amount" INTEGER NOT NULL)""";
            await create.ExecuteNonQueryAsync(Ct);
        }

        _host = await RuntimeHost.StartAsync(_database, services: services => services
            .AddLogging(logging => logging
                .AddProvider(_logs)
                .AddFilter<CapturingLoggerProvider>("ReviewDesk.Engine.Runtime.StepExecutor", LogLevel.Information)
                .AddFilter<CapturingLoggerProvider>("ReviewDesk.Engine.Runtime.WorkflowStore", LogLevel.Error))
            .AddSingleton(_gate)
            .AddSingleton<IWorkflowChangeHandler, LedgerTransitions>()
            .AddWorkflowActivity<PostActivity>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task StepsPostings_CommitWithTheirSteps()
    {
        await _host.PublishAsync(Line("ledger", Post("debit", 10), Post("credit", -10)));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "ledger", BusinessKey = "L-1" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal([("debit", 10L), ("credit", -10L)], await EntriesAsync(started.InstanceId));
    }

    [Fact]
    public async Task EffectThatThrowsAfterItsFirstRow_FailsTheStep_IsRetried_AndLeavesNoHalfWrittenPosting()
    {
        await _host.PublishAsync(Line("ledger", Post("transfer", 25, failingAttempts: 2, retry: QuickRetry(5))));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "ledger", BusinessKey = "L-2" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        // Attempts 1 and 2 wrote their first row, then threw: both rolled back. Attempt 3 wrote both rows.
        Assert.Equal([("transfer", 25L), ("transfer-fee", 1L)], await EntriesAsync(started.InstanceId));
        var executions = await ScalarsAsync("""
            SELECT e."Attempt" || ':' || e."Status" || ':' || COALESCE(e."ErrorKind", '') FROM "Executions" e
            WHERE e."InstanceId" = $1 ORDER BY e."Attempt"
            """, started.InstanceId);
        Assert.Equal(3, executions.Count);
        Assert.EndsWith(":" + ErrorKinds.EffectFailed, executions[0]);
        Assert.EndsWith(":" + ErrorKinds.EffectFailed, executions[1]);
        Assert.EndsWith(":", executions[2]);
    }

    [Fact]
    public async Task EffectThatAlwaysThrows_FaultsTheInstance_WithNothingPosted_AndTheHandlerSeesTheFault()
    {
        await _host.PublishAsync(Line("ledger", Post("transfer", 25, failingAttempts: 99, retry: QuickRetry(2))));

        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "ledger", BusinessKey = "L-3" }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Faulted);

        // The fault's own transaction carried the handler's row; no posting of the failed step is there.
        Assert.Equal([("faulted", 0L)], await EntriesAsync(started.InstanceId));
    }

    [Fact]
    public async Task StepFencedOffByACancelWhileItRuns_WritesNothing_AndTheCancelsHandlerWritesInTheCancelsTransaction()
    {
        await _host.PublishAsync(Line("ledger", Post("held", 7, waitForGate: true)));
        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "ledger", BusinessKey = "L-4" }, Ct);
        await _gate.Entered.Task.WaitAsync(Ct);

        var cancelled = await _host.Runtime.CancelAsync(started.InstanceId, "operator@example.com", "wrong account", Ct);
        Assert.True(cancelled.Succeeded, cancelled.Error);
        _gate.Release.SetResult();

        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Cancelled);
        // The step finished after the cancel took its work item: the worker tried to commit it and was fenced off.
        await Eventually.HoldsAsync(() => Task.FromResult(_logs.Lines.Any(l => l.Contains(started.InstanceId, StringComparison.Ordinal) && l.Contains("taken over", StringComparison.Ordinal))),
            "the worker to find its step fenced off");
        Assert.Equal(["0"], await ScalarsAsync("""SELECT COUNT(*) FROM "Executions" WHERE "InstanceId" = $1""", started.InstanceId));
        Assert.Equal([("cancelled by operator@example.com: wrong account", 0L)], await EntriesAsync(started.InstanceId));
    }

    [Fact]
    public async Task DomainRowAndTheWorkflowItStarts_CommitTogether_OrNeither()
    {
        await _host.PublishAsync(Line("ledger", Post("debit", 10)));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Runtime.WriteAsync(tx =>
        {
            tx.Execute("""INSERT INTO "Ledger" ("InstanceId", "Entry", "Amount") VALUES ('account-A', 'opened', 0)""");
            tx.StartWorkflow(new StartWorkflowRequest { DefinitionId = "ledger", BusinessKey = "account-A" });
            throw new InvalidOperationException("the caller changed its mind");
        }, Ct));
        Assert.Empty(await EntriesAsync("account-A"));
        Assert.Null(await _host.Queries.FindByBusinessKeyAsync("account-A", Ct));

        var started = await _host.Runtime.WriteAsync(tx =>
        {
            tx.Execute("""INSERT INTO "Ledger" ("InstanceId", "Entry", "Amount") VALUES ('account-B', 'opened', 0)""");
            return tx.StartWorkflow(new StartWorkflowRequest { DefinitionId = "ledger", BusinessKey = "account-B" });
        }, Ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);
        Assert.Equal([("opened", 0L)], await EntriesAsync("account-B"));
        Assert.Equal([("debit", 10L)], await EntriesAsync(started.InstanceId));
    }

    [Fact]
    public async Task AWritesAfterCommitActions_RunBeforeItsCallerResumes()
    {
        using var actionRunning = new ManualResetEventSlim();
        using var releaseAction = new ManualResetEventSlim();
        var write = _host.Runtime.WriteAsync(tx =>
        {
            tx.Execute("""INSERT INTO "Ledger" ("InstanceId", "Entry", "Amount") VALUES ('account-C', 'opened', 0)""");
            tx.OnCommitted(() =>
            {
                actionRunning.Set();
                releaseAction.Wait(Ct);
            });
            return 7;
        }, Ct);

        try
        {
            actionRunning.Wait(Ct);
            // Committed, its after-commit action still running: the caller has not been answered yet.
            Assert.Equal([("opened", 0L)], await EntriesAsync("account-C"));
            Assert.False(write.IsCompleted, "the write completed before its after-commit action ran");
        }
        finally
        {
            releaseAction.Set();
        }

        Assert.Equal(7, await write);
    }

    [Fact]
    public async Task AFailingAfterCommitAction_IsLogged_AndNeitherFailsTheCommittedWriteNorTheNextOne()
    {
        var first = await _host.Runtime.WriteAsync(tx =>
        {
            tx.Execute("""INSERT INTO "Ledger" ("InstanceId", "Entry", "Amount") VALUES ('account-D', 'opened', 0)""");
            tx.OnCommitted(() => throw new InvalidOperationException("a cache refused the value"));
            return 1;
        }, Ct);
        // A writer that died of the action would never answer this one: fail instead of hanging the suite.
        var second = await _host.Runtime.WriteAsync(tx =>
        {
            tx.Execute("""INSERT INTO "Ledger" ("InstanceId", "Entry", "Amount") VALUES ('account-D', 'closed', 0)""");
            return 2;
        }, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal((1, 2), (first, second));
        Assert.Equal([("opened", 0L), ("closed", 0L)], await EntriesAsync("account-D"));
        Assert.Contains(_logs.Lines, line => line.Contains("An action to run after a commit failed", StringComparison.Ordinal));
    }

    private static RetryPolicySettings QuickRetry(int attempts) => new()
    {
        InitialInterval = TimeSpan.FromMilliseconds(10), BackoffCoefficient = 1, MaximumInterval = TimeSpan.FromMilliseconds(10), MaximumAttempts = attempts,
    };

    private static WorkflowNode Post(string entry, int amount, int failingAttempts = 0, bool waitForGate = false, RetryPolicySettings? retry = null) =>
        Node(entry, PostActivity.Descriptor.Type, new JsonObject { ["entry"] = entry, ["amount"] = amount, ["failingAttempts"] = failingAttempts, ["waitForGate"] = waitForGate }, retry);

    private async Task<List<(string Entry, long Amount)>> EntriesAsync(string instanceId)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Entry", "Amount" FROM "Ledger" WHERE "InstanceId" = $1 ORDER BY rowid""";
        command.Parameters.AddWithValue("$1", instanceId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var entries = new List<(string, long)>();
        while (await reader.ReadAsync(Ct)) entries.Add((reader.GetString(0), reader.GetInt64(1)));
        return entries;
    }

    private async Task<List<string>> ScalarsAsync(string sql, string argument)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$1", argument);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct)) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    /// <summary>Lets a test hold a posting step while it runs.</summary>
    public sealed class LedgerGate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Posts <c>amount</c> under <c>entry</c>, and a fee row after it when the amount is over 20, through the step's
    /// transaction. Its first <c>failingAttempts</c> attempts throw inside the effect, after the first row.
    /// </summary>
    public sealed class PostActivity(LedgerGate gate) : IActivityType
    {
        public static ActivityDescriptor Descriptor { get; } = new()
        {
            Type = "LedgerPost",
            DisplayName = "Post",
            Description = "Test: posts to the ledger.",
            Settings =
            [
                new() { Name = "entry", Label = "Entry", Kind = SettingKind.Text, Required = true },
                new() { Name = "amount", Label = "Amount", Kind = SettingKind.Integer, Required = true },
                new() { Name = "failingAttempts", Label = "Failing attempts", Kind = SettingKind.Integer },
                new() { Name = "waitForGate", Label = "Wait", Kind = SettingKind.Boolean },
            ],
        };

        public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            var entry = context.GetString("entry")!;
            var amount = context.Settings["amount"]!.GetValue<int>();
            var failing = context.Settings["failingAttempts"]?.GetValue<int>() ?? 0;
            if (context.Settings["waitForGate"]?.GetValue<bool>() == true)
            {
                gate.Entered.TrySetResult();
                await gate.Release.Task; // Deliberately deaf to cancellation: the step finishes after the cancel.
            }

            var attempt = context.Attempt;
            var instanceId = context.InstanceId;
            context.Enlist(tx =>
            {
                tx.Execute("""INSERT INTO "Ledger" ("InstanceId", "Entry", "Amount") VALUES ($1, $2, $3)""", instanceId, entry, amount);
                if (attempt <= failing) throw new InvalidOperationException($"posting {entry} failed on attempt {attempt}");
                if (amount > 20) tx.Execute("""INSERT INTO "Ledger" ("InstanceId", "Entry", "Amount") VALUES ($1, $2, 1)""", instanceId, entry + "-fee");
            });
            return ActivityResult.Done();
        }
    }

    /// <summary>Records cancels and faults in the ledger, in the transaction that makes them.</summary>
    private sealed class LedgerTransitions : IWorkflowChangeHandler
    {
        public void OnInstanceTransition(WorkflowTransaction transaction, InstanceTransition transition)
        {
            var entry = transition.Kind switch
            {
                InstanceTransitionKind.Cancelled => $"cancelled by {transition.Actor}: {transition.Reason}",
                InstanceTransitionKind.Faulted => "faulted",
                _ => null,
            };
            if (entry is not null)
            {
                transaction.Execute("""INSERT INTO "Ledger" ("InstanceId", "Entry", "Amount") VALUES ($1, $2, 0)""", transition.InstanceId, entry);
            }
        }
    }
}
