using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Web.Operations;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Operations;

/// <summary>
/// The board's history over a known workload written straight into a real database (SQLite by default, PostgreSQL with
/// REVIEWDESK_TEST_PROVIDER=Postgres): tickets, audit decisions, attempt checkpoints and work items at fixed times.
/// The hour window is 08:00 to 09:00 in twelve 5-minute buckets.
/// </summary>
public sealed class OperationsHistoryQueriesTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private RuntimeHost _host = null!;
    private OperationsHistoryQueries _queries = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => _time.GetUtcNow();

    public async ValueTask InitializeAsync()
    {
        _host = await RuntimeHost.StartAsync(_database, time: _time, worker: false, triageTables: true);
        _queries = new OperationsHistoryQueries(_host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(),
            Options.Create(new OperationsOptions { HistoryCacheDuration = TimeSpan.FromSeconds(10) }), _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ReadAsync_LastHour_CountsSubmittedRoutedAndReviewedInTheirBuckets()
    {
        await ArrangeWorkloadAsync();

        var history = await _queries.ReadAsync(HistoryRange.LastHour, Ct);

        Assert.Equal(12, history.Buckets.Count);
        Assert.Equal(TimeSpan.FromMinutes(5), history.Bucket);
        Assert.Equal(Now.AddHours(-1), history.Buckets[0].Start);
        Assert.Equal([0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1], history.Buckets.Select(b => b.Submitted));
        Assert.Equal([0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0], history.Buckets.Select(b => b.Routed));
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0], history.Buckets.Select(b => b.Reviewed));
    }

    [Fact]
    public async Task ReadAsync_LastHour_ReconstructsTheReviewBacklogAtEachBucketsEnd()
    {
        await ArrangeWorkloadAsync();

        var history = await _queries.ReadAsync(HistoryRange.LastHour, Ct);

        // A (queued since before the window) throughout; F until its rejection in bucket 3; C from its submission in
        // bucket 2 to its approval in bucket 8; D from bucket 6 on.
        Assert.Equal([2, 2, 3, 2, 2, 2, 3, 3, 2, 2, 2, 2], history.Buckets.Select(b => b.ReviewBacklog));
    }

    [Fact]
    public async Task ReadAsync_LastHour_PercentilesFailuresRetriesAndCostPerActivity()
    {
        await ArrangeWorkloadAsync();

        var history = await _queries.ReadAsync(HistoryRange.LastHour, Ct);

        Assert.Equal(["Classify", "Route", "Scrub"], history.Steps.Select(s => s.ActivityType));
        var scrub = history.Steps.Single(s => s.ActivityType == "Scrub");
        Assert.Equal((4, 0, 0, 20.0, 40.0), (scrub.Attempts, scrub.Failures, scrub.Retries, scrub.P50Milliseconds, scrub.P95Milliseconds));
        var classify = history.Steps.Single(s => s.ActivityType == "Classify");
        Assert.Equal((3, 1, 1, 100.0, 300.0), (classify.Attempts, classify.Failures, classify.Retries, classify.P50Milliseconds, classify.P95Milliseconds));
        Assert.Equal(1 / 3.0, classify.FailureRate, 6);
        // Both Classify attempts of bucket 4 (50 and 300 ms), and the one of bucket 11 (100 ms).
        Assert.Equal(300.0, classify.P95ByBucket[4]);
        Assert.Equal(50.0, classify.P50ByBucket[4]);
        Assert.Equal(100.0, classify.P95ByBucket[11]);
        Assert.Null(classify.P95ByBucket[0]);
        Assert.Equal([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], history.Buckets.Select(b => b.Failures));
        Assert.Equal([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], history.Buckets.Select(b => b.Retries));
        Assert.Equal(9, history.Buckets.Sum(b => b.Attempts));
        Assert.Equal(0.0015, history.Buckets[4].Cost, 9);
        Assert.Equal(0.0025, history.Buckets[11].Cost, 9);
        // Per hour: a 5-minute bucket's cost times twelve.
        Assert.Equal(0.018, history.CostPerHour.ElementAt(4), 9);
        Assert.False(history.LatencySampleCapped);
    }

    [Fact]
    public async Task ReadAsync_LastHour_DueWorkStillWaitingCountsFromItsDueTime_LeasedAndFutureWorkDoNot()
    {
        await ArrangeWorkloadAsync();

        var history = await _queries.ReadAsync(HistoryRange.LastHour, Ct);

        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2], history.Buckets.Select(b => b.DueWork));
        // The oldest was due at 07:45: 20 minutes old at 08:05, 75 at 09:00.
        Assert.Equal(20 * 60.0, history.Buckets[0].OldestDueAgeSeconds);
        Assert.Equal(75 * 60.0, history.Buckets[11].OldestDueAgeSeconds);
        Assert.Equal(new DueWork(2, TimeSpan.FromMinutes(75)), history.DueNow);
    }

    [Fact]
    public async Task ReadAsync_LastDay_HourlyBuckets()
    {
        await ArrangeWorkloadAsync();

        var history = await _queries.ReadAsync(HistoryRange.LastDay, Ct);

        Assert.Equal(24, history.Buckets.Count);
        Assert.Equal(Now.AddDays(-1), history.Buckets[0].Start);
        // 07:30 and 07:50 fall in 07:00-08:00, the rest in the last hour.
        Assert.Equal(2, history.Buckets[22].Submitted);
        Assert.Equal(4, history.Buckets[23].Submitted);
        Assert.Equal(6, history.Buckets.Sum(b => b.Submitted));
        // The execution at 07:59 is inside the day.
        Assert.Equal(10, history.Buckets.Sum(b => b.Attempts));
        Assert.Equal(0.004, history.CostPerHour.ElementAt(23), 9);
    }

    [Fact]
    public async Task ReadAsync_NothingHappened_EmptyBucketsAndNoSteps()
    {
        var history = await _queries.ReadAsync(HistoryRange.LastHour, Ct);

        Assert.All(history.Buckets, b => Assert.Equal(new HistoryBucket(b.Start, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), b));
        Assert.Empty(history.Steps);
        Assert.Equal(new DueWork(0, TimeSpan.Zero), history.DueNow);
    }

    [Fact]
    public async Task GetAsync_WithinTheCacheDuration_ReusesTheRead()
    {
        var first = await _queries.GetAsync(HistoryRange.LastHour, Ct);
        await InsertTicketAsync("late", TicketStatus.Triaging, createdAgo: TimeSpan.Zero);

        var cached = await _queries.GetAsync(HistoryRange.LastHour, Ct);
        _time.Advance(TimeSpan.FromSeconds(11));
        var fresh = await _queries.GetAsync(HistoryRange.LastHour, Ct);

        Assert.Same(first, cached);
        Assert.Equal(1, fresh.Buckets.Sum(b => b.Submitted));
    }

    /// <summary>The workload the tests above count (times before 09:00).</summary>
    private async Task ArrangeWorkloadAsync()
    {
        await InsertTicketAsync("A", TicketStatus.AwaitingReview, TimeSpan.FromMinutes(70));
        await InsertTicketAsync("B", TicketStatus.Routed, TimeSpan.FromMinutes(55));
        await InsertTicketAsync("C", TicketStatus.Routed, TimeSpan.FromMinutes(50));
        await InsertTicketAsync("D", TicketStatus.AwaitingReview, TimeSpan.FromMinutes(30));
        await InsertTicketAsync("E", TicketStatus.Triaging, TimeSpan.FromMinutes(2));
        await InsertTicketAsync("F", TicketStatus.Rejected, TimeSpan.FromMinutes(90));

        await using var connection = await _database.OpenAsync(Ct);
        await AuditAsync(connection, "approve", "C", TimeSpan.FromMinutes(20));
        await AuditAsync(connection, "reject", "F", TimeSpan.FromMinutes(45));
        // Not a decision: counts nowhere.
        await AuditAsync(connection, "claim", "D", TimeSpan.FromMinutes(10));

        foreach (var (ms, i) in new[] { 10, 20, 30, 40 }.Select((ms, i) => (ms, i)))
        {
            await ExecutionAsync(connection, "Scrub", 1, "Completed", TimeSpan.FromMinutes(56 - i), ms);
        }

        await ExecutionAsync(connection, "Classify", 1, "Failed", TimeSpan.FromMinutes(40), 50);
        await ExecutionAsync(connection, "Classify", 2, "Completed", TimeSpan.FromMinutes(39.9), 300, """{"provider":"openai","model":"m","cost":"0.0015"}""");
        await ExecutionAsync(connection, "Classify", 1, "Completed", TimeSpan.FromMinutes(5), 100, """{"provider":"openai","model":"m","cost":"0.0025","inputTokens":10}""");
        await ExecutionAsync(connection, "Route", 1, "Completed", TimeSpan.FromMinutes(54), 5);
        await ExecutionAsync(connection, "Route", 1, "Completed", TimeSpan.FromMinutes(19), 5);
        // Before the hour (inside the day).
        await ExecutionAsync(connection, "Scrub", 1, "Completed", TimeSpan.FromMinutes(61), 10);

        await WorkItemAsync(connection, TimeSpan.FromMinutes(75), leaseUntil: null);
        await WorkItemAsync(connection, TimeSpan.FromMinutes(10), leaseUntil: null);
        // Claimed, its lease live: not waiting.
        await WorkItemAsync(connection, TimeSpan.FromMinutes(3), leaseUntil: Now.AddMinutes(10));
        // Not due yet.
        await WorkItemAsync(connection, TimeSpan.FromMinutes(-5), leaseUntil: null);
    }

    private Task InsertTicketAsync(string id, TicketStatus status, TimeSpan createdAgo) =>
        TicketRows.InsertAsync(_host.Services, new TicketRecord
        {
            Id = id,
            Channel = "test",
            Status = status,
            ProtectedSubmission = "sealed",
            DefinitionId = "triage",
            CreatedAt = Now - createdAgo,
            UpdatedAt = Now,
        });

    private async Task AuditAsync(System.Data.Common.DbConnection connection, string action, string ticketId, TimeSpan ago)
    {
        await using var command = _database.Dialect.CreateCommand(connection,
            """INSERT INTO "AuditEntries" ("At", "Actor", "Action", "TicketId", "Detail") VALUES ($1, 'r', $2, $3, '{}')""",
            (Now - ago).ToUnixTimeMilliseconds(), action, ticketId);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task ExecutionAsync(System.Data.Common.DbConnection connection, string type, int attempt, string status, TimeSpan finishedAgo, int milliseconds, string? metrics = null)
    {
        var finished = (Now - finishedAgo).ToUnixTimeMilliseconds();
        await using var command = _database.Dialect.CreateCommand(connection, """
            INSERT INTO "Executions" ("InstanceId", "NodeId", "ActivityType", "Attempt", "Status", "ErrorKind", "Metrics", "StartedAt", "FinishedAt")
            VALUES ('i', 'n', $1, $2, $3, $4, $5, $6, $7)
            """, type, attempt, status, status == "Failed" ? "Transient" : null, metrics, finished - milliseconds, finished);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task WorkItemAsync(System.Data.Common.DbConnection connection, TimeSpan dueAgo, DateTimeOffset? leaseUntil)
    {
        await using var command = _database.Dialect.CreateCommand(connection, """
            INSERT INTO "WorkItems" ("InstanceId", "NodeId", "Kind", "Attempt", "DueAt", "LeaseOwner", "LeaseUntil", "ClaimCount")
            VALUES ('i', 'n', 0, 1, $1, $2, $3, 0)
            """, (Now - dueAgo).ToUnixTimeMilliseconds(), leaseUntil is null ? null : "w", leaseUntil?.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(Ct);
    }
}
