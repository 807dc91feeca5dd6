using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Runtime;

public sealed class RetryTests : RuntimeTestBase
{
    private readonly FakeTimeProvider _time;

    public RetryTests()
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero)))
    {
    }

    private RetryTests(FakeTimeProvider time)
        : base(time) => _time = time;

    [Fact]
    public void DelayAfter_FollowsTheBackoffFormulaUpToTheMaximum()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(2), 3, TimeSpan.FromSeconds(30), 10, TimeSpan.FromMinutes(1), []);

        Assert.Equal([2, 6, 18, 30, 30], Enumerable.Range(1, 5).Select(n => policy.DelayAfter(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(9), policy.DelayAfter(1, retryAfter: TimeSpan.FromSeconds(9)));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayAfter(1, retryAfter: TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task FailingActivity_IsRetriedAfterThePolicysDelays_ThenCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        var retry = new RetryPolicySettings { InitialInterval = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaximumInterval = TimeSpan.FromSeconds(5), MaximumAttempts = 6 };
        await Host.PublishAsync(Line("flaky", Node("f", "Flaky", new() { ["failures"] = 4 }, retry)));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "flaky", BusinessKey = "R-1" }, ct);

        double[] expected = [1, 2, 4, 5];
        for (var attempt = 1; attempt <= expected.Length; attempt++)
        {
            await WaitForExecutionsAsync(started.InstanceId, attempt);
            // Time stands still until the test moves it: the next attempt cannot start before its delay.
            _time.Advance(TimeSpan.FromSeconds(expected[attempt - 1]));
        }

        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);
        var executions = await Host.Queries.GetExecutionsAsync(started.InstanceId, ct);
        var journal = await Host.Queries.GetJournalAsync(started.InstanceId, ct);

        Assert.Equal([1, 2, 3, 4, 5], executions.Select(e => e.Attempt));
        Assert.Equal(expected, executions.Zip(executions.Skip(1), (a, b) => (b.StartedAt - a.FinishedAt).TotalSeconds));
        Assert.Equal(["attempt 2 in 1 s", "attempt 3 in 2 s", "attempt 4 in 4 s", "attempt 5 in 5 s"],
            journal.Where(j => j.Type == JournalTypes.RetryScheduled).Select(j => j.Detail));
        Assert.Equal(4, journal.Count(j => j.Type == JournalTypes.ActivityFailed));
        Assert.Empty(await Host.Queries.GetIncidentsAsync(started.InstanceId, ct));
    }

    [Fact]
    public async Task ErrorWithRetryAfter_UsesTheRequestedDelay()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("throttled", Node("f", "Flaky", new() { ["failures"] = 1, ["retryAfterSeconds"] = 7, ["kind"] = "RateLimited" },
            new RetryPolicySettings { InitialInterval = TimeSpan.FromSeconds(1), MaximumInterval = TimeSpan.FromMinutes(1) })));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "throttled", BusinessKey = "R-2" }, ct);

        await WaitForExecutionsAsync(started.InstanceId, 1);
        _time.Advance(TimeSpan.FromSeconds(7));
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        var journal = await Host.Queries.GetJournalAsync(started.InstanceId, ct);
        Assert.Equal("attempt 2 in 7 s", journal.Single(j => j.Type == JournalTypes.RetryScheduled).Detail);
        Assert.Contains(journal, j => j.Type == JournalTypes.ActivityFailed && j.Detail == "RateLimited: failure 1");
    }

    [Fact]
    public async Task AttemptsExhausted_WithFailedConnection_RecordsIncidentAndTakesFailedOutcome()
    {
        var ct = TestContext.Current.CancellationToken;
        var flaky = Node("f", "Flaky", new() { ["failures"] = 9 }, new() { MaximumAttempts = 2, InitialInterval = TimeSpan.FromSeconds(1) });
        var definition = Line("fallback", flaky, Node("next", "NoOp")) with { Nodes = [flaky, Node("next", "NoOp"), Node("review", "Record")] };
        await Host.PublishAsync(definition.With(Connect("f", "Failed", "review")));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "fallback", BusinessKey = "R-3" }, ct);

        await WaitForExecutionsAsync(started.InstanceId, 1);
        _time.Advance(TimeSpan.FromSeconds(1));
        var done = await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        var incident = Assert.Single(await Host.Queries.GetIncidentsAsync(started.InstanceId, ct));
        Assert.Equal(("f", 2, "Transient"), (incident.NodeId, incident.Attempt, incident.ErrorKind));
        Assert.Equal(1, Log.Count(started.InstanceId, "review"));
        Assert.Equal("Transient", done.Outputs["f"]!["error"]!.GetValue<string>());
        Assert.Contains(await Host.Queries.GetJournalAsync(started.InstanceId, ct), j => j.Type == JournalTypes.Incident && j.NodeId == "f");
    }

    [Fact]
    public async Task AttemptsExhausted_WithoutFailedConnection_FaultsAndOperatorRetryResumesFromTheFailedNode()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("fault", Node("before", "Record"), Node("f", "Flaky", new() { ["failures"] = 1 }, new() { MaximumAttempts = 1 }), Node("after", "Record")));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "fault", BusinessKey = "R-4" }, ct);

        var faulted = await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Faulted);
        var retried = await Host.Runtime.RetryAsync(started.InstanceId, "operator", ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal("f", faulted.FaultedNodeId);
        Assert.Equal("Transient: failure 1", faulted.Error);
        Assert.True(retried.Succeeded);
        Assert.Equal(1, Log.Count(started.InstanceId, "before"));
        Assert.Equal(2, Log.Count(started.InstanceId, "f"));
        Assert.Equal(1, Log.Count(started.InstanceId, "after"));
        Assert.All(await Host.Queries.GetIncidentsAsync(started.InstanceId, ct), i => Assert.NotNull(i.ResolvedAt));
        Assert.False((await Host.Runtime.RetryAsync(started.InstanceId, "operator", ct)).Succeeded);
    }

    [Fact]
    public async Task NonRetryableErrorKind_FailsAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("strict", Node("f", "Flaky", new() { ["failures"] = 1, ["kind"] = "Validation" },
            new() { MaximumAttempts = 5, NonRetryableErrorKinds = ["validation"] })));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "strict", BusinessKey = "R-5" }, ct);

        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Faulted);

        Assert.Equal(1, Log.Count(started.InstanceId, "f"));
        Assert.DoesNotContain(await Host.Queries.GetJournalAsync(started.InstanceId, ct), j => j.Type == JournalTypes.RetryScheduled);
    }

    [Fact]
    public async Task AttemptLongerThanStartToCloseTimeout_FailsWithTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("slow", Node("h", "Hang", retry: new() { MaximumAttempts = 1, StartToCloseTimeout = TimeSpan.FromSeconds(30) })));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "slow", BusinessKey = "R-6" }, ct);

        await WaitForStartAsync(started.InstanceId);
        _time.Advance(TimeSpan.FromSeconds(31));
        var faulted = await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Faulted);

        Assert.StartsWith("Timeout:", faulted.Error, StringComparison.Ordinal);
        Assert.Equal("Timeout", Assert.Single(await Host.Queries.GetExecutionsAsync(started.InstanceId, ct)).ErrorKind);
    }

    /// <summary>Waits until <paramref name="count"/> attempts are checkpointed.</summary>
    private Task WaitForExecutionsAsync(string instanceId, int count) =>
        Eventually.HoldsAsync(async () => (await Host.Queries.GetExecutionsAsync(instanceId, TestContext.Current.CancellationToken)).Count >= count,
            $"{count} checkpointed attempts of {instanceId}");

    /// <summary>Waits until an activity has started (it records itself before it waits).</summary>
    private Task WaitForStartAsync(string instanceId) =>
        Eventually.HoldsAsync(() => Log.Entries.Any(e => e.InstanceId == instanceId), $"{instanceId} to start an activity");
}
