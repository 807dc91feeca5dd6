using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Web.Operations;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Operations;

public sealed class OperationsQueriesTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private RuntimeHost _host = null!;
    private OperationsQueries _queries = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await RuntimeHost.StartAsync(_database, time: _time, worker: false, triageTables: true);
        var contexts = _host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        _queries = new OperationsQueries(contexts, _host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), _time);
        
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task GetThroughputAsync_DecisionsInAndOutOfTheWindow_CountsThemInTheirBucketsAndTakesTheMedian()
    {
        await InsertAsync("outside", TicketStatus.Routed, createdAgo: 70, updatedAgo: 62);
        await InsertAsync("first-bucket", TicketStatus.Routed, createdAgo: 60, updatedAgo: 59);
        await InsertAsync("last-bucket", TicketStatus.Rejected, createdAgo: 4, updatedAgo: 1);
        await InsertAsync("waiting", TicketStatus.AwaitingReview, createdAgo: 30, updatedAgo: 2);
        // Updated a minute ago, but the reviewer decided 20 minutes ago, 20 minutes after submission.
        await InsertAsync("reviewed", TicketStatus.Routed, createdAgo: 40, updatedAgo: 1,
            decision: $$"""{"decidedAt":"{{_time.GetUtcNow().AddMinutes(-20):O}}"}""");

        var throughput = await _queries.GetThroughputAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), Ct);

        Assert.Equal(12, throughput.Buckets.Count);
        Assert.Equal(_time.GetUtcNow().AddHours(-1), throughput.Buckets[0].Start);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1], throughput.Buckets.Select(b => b.Decided));
        Assert.Equal(3, throughput.MedianMinutesToDecision);
    }

    [Fact]
    public async Task GetThroughputAsync_NothingDecided_HasNoMedian()
    {
        var throughput = await _queries.GetThroughputAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), Ct);

        Assert.All(throughput.Buckets, b => Assert.Equal(0, b.Decided));
        Assert.Null(throughput.MedianMinutesToDecision);
    }

    [Fact]
    public async Task CountTickets_ByStatusAndByQueue_GroupsAllTickets()
    {
        await InsertAsync("a", TicketStatus.Routed, 10, 5, queue: "billing");
        await InsertAsync("b", TicketStatus.Routed, 10, 5, queue: "billing");
        await InsertAsync("c", TicketStatus.Routed, 10, 5, queue: "tech");
        await InsertAsync("d", TicketStatus.Triaging, 10, 5);

        var byStatus = await _queries.CountTicketsByStatusAsync(Ct);
        var byQueue = await _queries.CountTicketsByQueueAsync(Ct);

        Assert.Equal(3, byStatus[TicketStatus.Routed]);
        Assert.Equal(1, byStatus[TicketStatus.Triaging]);
        Assert.Equal(0, byStatus[TicketStatus.Failed]);
        Assert.Equal([new QueueCount("billing", 2), new QueueCount(null, 1), new QueueCount("tech", 1)], byQueue);
    }

    [Fact]
    public async Task GetLongestWaitingAsync_ManyWaiting_ReturnsTheOldestReviewWaitsFirst()
    {
        for (var i = 1; i <= 12; i++) await InsertAsync($"w{i}", i % 2 == 0 ? TicketStatus.Escalated : TicketStatus.AwaitingReview, createdAgo: i, updatedAgo: 0);
        await InsertAsync("routed", TicketStatus.Routed, createdAgo: 100, updatedAgo: 0);

        var waiting = await _queries.GetLongestWaitingAsync(10, Ct);

        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(i => $"w{i}"), waiting.Select(w => w.Id));
        Assert.Equal(TimeSpan.FromMinutes(12), waiting[0].Waiting);
    }

    private async Task InsertAsync(string id, TicketStatus status, int createdAgo, int updatedAgo, string? queue = null, string? decision = null)
    {
        var now = _time.GetUtcNow();
        await TicketRows.InsertAsync(_host.Services, new TicketRecord
        {
            Id = id,
            Channel = "test",
            Status = status,
            ProtectedSubmission = "sealed",
            Queue = queue,
            DefinitionId = "triage",
            Decision = decision,
            CreatedAt = now.AddMinutes(-createdAgo),
            UpdatedAt = now.AddMinutes(-updatedAgo),
        });
    }
}
