using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>The review queue's queries and claims on a real, migrated SQLite file.</summary>
public sealed class ReviewQueueTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<TicketClaimChanged> _claimEvents = [];
    private RuntimeHost _host = null!;
    private ReviewQueue _queue = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<TriageDbContext> Contexts => _host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();

    public async ValueTask InitializeAsync()
    {
        // The runtime host migrates the file; no worker, since these tests write ticket rows themselves.
        _host = await RuntimeHost.StartAsync(_database, time: _time, worker: false, triageTables: true);
        var events = new ReviewEvents(NullLogger<ReviewEvents>.Instance);
        events.Subscribe(e => { lock (_claimEvents) _claimEvents.Add((TicketClaimChanged)e); });
        _queue = new ReviewQueue(Contexts, _host.Services.GetRequiredService<WorkflowReader>(), _host.Runtime, events, Options.Create(new ReviewQueueOptions { ClaimDuration = TimeSpan.FromMinutes(10) }), _time, NullLogger<ReviewQueue>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task FindAsync_ReadsEveryFieldAsTheListDoes_AndNothingForTicketsNotPending()
    {
        await InsertAsync(QueueMix());
        Assert.Equal(ClaimOutcome.Claimed, (await _queue.ClaimAsync("tk_b", "rita", takeOver: false, Ct)).Outcome);

        var listed = (await _queue.ListAsync(new ReviewQueueQuery(), Ct)).Items;

        Assert.Equal(4, listed.Count);
        foreach (var item in listed)
        {
            var found = await _queue.FindAsync(item.Id, Ct);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(item), System.Text.Json.JsonSerializer.Serialize(found));
        }

        Assert.Equal("rita", (await _queue.FindAsync("tk_b", Ct))!.ClaimedBy);
        Assert.Null(await _queue.FindAsync("tk_routed", Ct));
        Assert.Null(await _queue.FindAsync("tk_decided", Ct));
        Assert.Null(await _queue.FindAsync("tk_unknown", Ct));
    }

    [Fact]
    public async Task ListAsync_FiltersSortsAndPages()
    {
        await InsertAsync(QueueMix());

        var all = await _queue.ListAsync(new ReviewQueueQuery(), Ct);
        var byConfidence = await _queue.ListAsync(new ReviewQueueQuery { Sort = ReviewQueueSort.Confidence }, Ct);
        var byAge = await _queue.ListAsync(new ReviewQueueQuery { Sort = ReviewQueueSort.Age }, Ct);
        var billing = await _queue.ListAsync(new ReviewQueueQuery { Category = "billing" }, Ct);
        var p1 = await _queue.ListAsync(new ReviewQueueQuery { Priority = "P1" }, Ct);
        var range = await _queue.ListAsync(new ReviewQueueQuery { MinConfidence = 0.6, MaxConfidence = 0.9 }, Ct);
        var failed = await _queue.ListAsync(new ReviewQueueQuery { Reason = "classification_failed" }, Ct);
        var lowConfidence = await _queue.ListAsync(new ReviewQueueQuery { Reason = "low_confidence", Sort = ReviewQueueSort.Age }, Ct);
        var cards = await _queue.ListAsync(new ReviewQueueQuery { PiiType = "CREDIT_CARD" }, Ct);
        var emails = await _queue.ListAsync(new ReviewQueueQuery { PiiType = "EMAIL_ADDRESS" }, Ct);
        var strict = await _queue.ListAsync(new ReviewQueueQuery { Variant = "strict" }, Ct);
        var page2 = await _queue.ListAsync(new ReviewQueueQuery { Page = 2, PageSize = 3 }, Ct);

        Assert.Equal(["tk_b", "tk_d", "tk_c", "tk_a"], Ids(all));
        Assert.Equal(4, all.Total);
        Assert.Equal(["tk_c", "tk_a", "tk_d", "tk_b"], Ids(byConfidence));
        Assert.Equal(["tk_b", "tk_d", "tk_c", "tk_a"], Ids(byAge));
        Assert.Equal(["tk_d", "tk_a"], Ids(billing));
        Assert.Equal(["tk_b"], Ids(p1));
        Assert.Equal(["tk_d"], Ids(range));
        Assert.Equal(["tk_c"], Ids(failed));
        Assert.Equal(["tk_d", "tk_a"], Ids(lowConfidence));
        Assert.Equal(["tk_b"], Ids(cards));
        Assert.Equal(["tk_b", "tk_a"], Ids(emails));
        Assert.Equal(["tk_c"], Ids(strict));
        Assert.Equal(["tk_a"], Ids(page2));
        Assert.Equal(4, page2.Total);

        var b = all.Items[0];
        Assert.Equal(TicketStatus.Escalated, b.Status);
        Assert.Equal("Subject of tk_b", b.Subject);
        Assert.Equal(["security_category", "high_risk_pii"], b.Reasons);
        Assert.Equal(["CREDIT_CARD", "EMAIL_ADDRESS"], b.PiiTypes);
        Assert.Equal(TimeSpan.FromHours(30), b.Age);
        Assert.Equal(TimeSpan.FromHours(1), b.TimeLeft);
        Assert.Equal(Start.AddHours(1), b.Deadline);
        Assert.Equal(0.95, b.Confidence);
        Assert.Equal("security", b.Category);
        Assert.Equal("P1", b.Priority);
        Assert.Equal("support-triage", b.Variant);
        Assert.Null(b.ClaimedBy);
    }

    [Fact]
    public async Task ListAsync_TenThousandPendingTickets_EveryMainSortReadsAnIndexNotTheTable()
    {
        // SQLite's EXPLAIN QUERY PLAN and printf: the PostgreSQL planner is not under test here.
        Assert.SkipWhen(_database.IsPostgres, "a SQLite query-plan test");
        await SeedAsync(pending: 10_000, routed: 10_000);
        var queries = new[]
        {
            new ReviewQueueQuery { Sort = ReviewQueueSort.Deadline },
            new ReviewQueueQuery { Sort = ReviewQueueSort.Confidence },
            new ReviewQueueQuery { Sort = ReviewQueueSort.Age },
            new ReviewQueueQuery { Sort = ReviewQueueSort.Deadline, Category = "billing" },
            new ReviewQueueQuery { Sort = ReviewQueueSort.Deadline, Priority = "P1" },
            new ReviewQueueQuery { Sort = ReviewQueueSort.Confidence, MinConfidence = 0.2, MaxConfidence = 0.4 },
        };

        foreach (var query in queries)
        {
            var plan = await PlanAsync(query);
            Assert.True(plan.Contains("USING INDEX IX_Tickets_ReviewQueue_", StringComparison.Ordinal), $"{query.Sort} {query.Category}{query.Priority}{query.MinConfidence}: {plan}");
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
            // The table is aliased "t" in EF's SQL: a bare "SCAN t" would be a full table scan.
            Assert.DoesNotMatch(@"(?m)^SCAN t$", plan);
        }

        var first = await _queue.ListAsync(new ReviewQueueQuery { PageSize = 50 }, Ct);
        var last = await _queue.ListAsync(new ReviewQueueQuery { Page = 200, PageSize = 50, Sort = ReviewQueueSort.Confidence }, Ct);
        var billing = await _queue.ListAsync(new ReviewQueueQuery { Category = "billing", Priority = "P1", PageSize = 10 }, Ct);
        var none = await _queue.ListAsync(new ReviewQueueQuery { Category = "billing", Priority = "P2" }, Ct);
        Assert.Equal(10_000, first.Total);
        Assert.Equal(50, first.Items.Count);
        Assert.True(first.Items.Zip(first.Items.Skip(1)).All(p => p.First.Deadline <= p.Second.Deadline));
        Assert.Equal(50, last.Items.Count);
        Assert.True(last.Items.Zip(last.Items.Skip(1)).All(p => p.First.Confidence <= p.Second.Confidence));
        Assert.All(billing.Items, i => Assert.Equal(("billing", "P1"), (i.Category, i.Priority)));
        Assert.Equal(2_500, billing.Total);
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task ClaimAsync_ManyReviewersAtOnce_ExactlyOneWins()
    {
        await InsertAsync(Ticket("tk_race", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 4, ageHours: 1));
        using var gate = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            gate.Wait(Ct);
            return await _queue.ClaimAsync("tk_race", $"reviewer-{i}", takeOver: false, Ct);
        }, Ct)).ToList();
        gate.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Outcome == ClaimOutcome.Claimed);
        Assert.All(results.Where(r => r != winner), r =>
        {
            Assert.Equal(ClaimOutcome.ClaimedByOther, r.Outcome);
            Assert.Equal(winner.ClaimedBy, r.ClaimedBy);
            Assert.Contains(winner.ClaimedBy!, r.Message, StringComparison.Ordinal);
        });
        Assert.Equal(winner.ClaimedBy, (await _queue.FindAsync("tk_race", Ct))!.ClaimedBy);
        Assert.Single(_claimEvents);
    }

    [Fact]
    public async Task Claims_RenewExpireReleaseAndTakeOver()
    {
        await InsertAsync(
            Ticket("tk_1", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 4, ageHours: 1),
            Ticket("tk_done", TicketStatus.Routed, "billing", "P3", 0.5, [], "", deadlineHours: null, ageHours: 1));

        var alice = await _queue.ClaimAsync("tk_1", "alice", takeOver: false, Ct);
        var bob = await _queue.ClaimAsync("tk_1", "bob", takeOver: false, Ct);
        var bobRelease = await _queue.ReleaseAsync("tk_1", "bob", takeOver: false, Ct);
        _time.Advance(TimeSpan.FromMinutes(6));
        var renewed = await _queue.ClaimAsync("tk_1", "alice", takeOver: false, Ct);
        _time.Advance(TimeSpan.FromMinutes(6));
        var stillHeld = await _queue.ClaimAsync("tk_1", "bob", takeOver: false, Ct);
        _time.Advance(TimeSpan.FromMinutes(5));
        var listedExpired = (await _queue.FindAsync("tk_1", Ct))!;
        var bobAfterExpiry = await _queue.ClaimAsync("tk_1", "bob", takeOver: false, Ct);
        var admin = await _queue.ClaimAsync("tk_1", "admin", takeOver: true, Ct);
        var released = await _queue.ReleaseAsync("tk_1", "admin", takeOver: false, Ct);
        var releasedAgain = await _queue.ReleaseAsync("tk_1", "admin", takeOver: false, Ct);
        var unknown = await _queue.ClaimAsync("tk_nope", "alice", takeOver: false, Ct);
        var unknownRelease = await _queue.ReleaseAsync("tk_nope", "alice", takeOver: false, Ct);
        var notPending = await _queue.ClaimAsync("tk_done", "alice", takeOver: false, Ct);

        Assert.Equal(ClaimOutcome.Claimed, alice.Outcome);
        Assert.Equal(Start.AddMinutes(10), alice.ClaimedUntil);
        Assert.Equal(ClaimOutcome.ClaimedByOther, bob.Outcome);
        Assert.Equal("alice", bob.ClaimedBy);
        Assert.Equal(ClaimOutcome.ClaimedByOther, bobRelease.Outcome);
        Assert.Equal(ClaimOutcome.Claimed, renewed.Outcome);
        Assert.Equal(Start.AddMinutes(16), renewed.ClaimedUntil);
        Assert.Equal(ClaimOutcome.ClaimedByOther, stillHeld.Outcome);
        Assert.Null(listedExpired.ClaimedBy);
        Assert.Equal(ClaimOutcome.Claimed, bobAfterExpiry.Outcome);
        Assert.Equal(ClaimOutcome.Claimed, admin.Outcome);
        Assert.Equal("admin", admin.ClaimedBy);
        Assert.Equal(ClaimOutcome.Released, released.Outcome);
        Assert.Equal(ClaimOutcome.Released, releasedAgain.Outcome);
        Assert.Equal(ClaimOutcome.NotFound, unknown.Outcome);
        Assert.Equal(ClaimOutcome.NotFound, unknownRelease.Outcome);
        Assert.Equal(ClaimOutcome.NotPending, notPending.Outcome);
        Assert.Equal(["alice", "alice", "bob", "admin", null], _claimEvents.Select(e => e.ClaimedBy));
    }

    [Fact]
    public void Validate_BadValues_NameTheirFields()
    {
        var errors = new ReviewQueueQuery
        {
            Category = "nope", Priority = "P9", MinConfidence = 1.5, MaxConfidence = -1, Reason = "a%b", PiiType = "SECRET",
            Sort = (ReviewQueueSort)9, Page = 0, PageSize = 1000,
        }.Validate();

        Assert.Equal(
            ["category", "maxConfidence", "minConfidence", "page", "pageSize", "piiType", "priority", "reason", "sort"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(new ReviewQueueQuery { Category = "billing", MinConfidence = 0.2, MaxConfidence = 0.8, Reason = "classification_failed:ServerError" }.Validate());
    }

    private static List<string> Ids(ReviewQueuePage page) => [.. page.Items.Select(i => i.Id)];

    [Fact]
    public async Task NeighbourAsync_WalksTheDeadlineOrder_FromATicketThatLeft_SkipsOthersClaims_AndWrapsAround()
    {
        var claimedByBob = Ticket("tk_b2", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 2, ageHours: 1);
        claimedByBob.ClaimedBy = "bob";
        claimedByBob.ClaimedUntil = Start.AddMinutes(10);
        var claimedByAlice = Ticket("tk_a3", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 3, ageHours: 1);
        claimedByAlice.ClaimedBy = "alice";
        claimedByAlice.ClaimedUntil = Start.AddMinutes(10);
        await InsertAsync(
            Ticket("tk_1", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 1, ageHours: 1),
            claimedByBob,
            claimedByAlice,
            Ticket("tk_4a", TicketStatus.Escalated, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 4, ageHours: 1),
            Ticket("tk_4b", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 4, ageHours: 1),
            Ticket("tk_gone", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 1, ageHours: 1, decided: true));

        var next = await _queue.NeighbourAsync(Start.AddHours(1), "tk_1", previous: false, skipClaimedBy: null, Ct);
        var nextForAlice = await _queue.NeighbourAsync(Start.AddHours(1), "tk_1", previous: false, skipClaimedBy: "alice", Ct);
        var tieBroken = await _queue.NeighbourAsync(Start.AddHours(4), "tk_4a", previous: false, skipClaimedBy: null, Ct);
        var previous = await _queue.NeighbourAsync(Start.AddHours(4), "tk_4a", previous: true, skipClaimedBy: null, Ct);
        var fromDecided = await _queue.NeighbourAsync(Start.AddHours(1), "tk_gone", previous: false, skipClaimedBy: "alice", Ct);
        var pastTheEnd = await _queue.NeighbourAsync(Start.AddHours(4), "tk_4b", previous: false, skipClaimedBy: null, Ct);
        var beforeTheStart = await _queue.NeighbourAsync(Start.AddHours(1), "tk_1", previous: true, skipClaimedBy: null, Ct);

        Assert.Equal("tk_b2", next);
        Assert.Equal("tk_a3", nextForAlice);
        Assert.Equal("tk_4b", tieBroken);
        Assert.Equal("tk_a3", previous);
        Assert.Equal("tk_a3", fromDecided);
        Assert.Equal("tk_1", pastTheEnd);
        Assert.Equal("tk_4b", beforeTheStart);
    }

    [Fact]
    public async Task Bug_15_NeighbourAsync_AfterAnEscalation_FindsAnotherPendingTicket_NotTheEscalatedOne()
    {
        // tk_esc was just escalated: still pending, unclaimed, its fresh deadline behind every other ticket's.
        await InsertAsync(
            Ticket("tk_early", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 1, ageHours: 1),
            Ticket("tk_esc", TicketStatus.Escalated, "billing", "P2", 0.5, ["low_confidence"], "", deadlineHours: 9, ageHours: 1));

        // The reviewer moves on from the deadline the ticket had when they opened it (2 hours).
        var next = await _queue.NeighbourAsync(Start.AddHours(2), "tk_esc", previous: false, skipClaimedBy: "alice", Ct);
        var fromTheOther = await _queue.NeighbourAsync(Start.AddHours(1), "tk_early", previous: false, skipClaimedBy: "alice", Ct);

        Assert.Equal("tk_early", next);
        Assert.Equal("tk_esc", fromTheOther);
    }

    [Fact]
    public async Task NeighbourAsync_NoOtherPendingTicket_ReturnsNull()
    {
        await InsertAsync(Ticket("tk_only", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 1, ageHours: 1));

        Assert.Null(await _queue.NeighbourAsync(Start.AddHours(1), "tk_only", previous: false, skipClaimedBy: "alice", Ct));
        Assert.Null(await _queue.NeighbourAsync(Start.AddHours(1), "tk_only", previous: true, skipClaimedBy: "alice", Ct));
    }

    [Fact]
    public async Task WorkloadAsync_CountsWhatAReviewerMayTake_OverdueAndEscalated_AndNamesTheNearestDeadline()
    {
        var claimedByBob = Ticket("tk_bob", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: -3, ageHours: 5);
        (claimedByBob.ClaimedBy, claimedByBob.ClaimedUntil) = ("bob", Start.AddMinutes(10));
        var lapsed = Ticket("tk_lapsed", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 2, ageHours: 1);
        (lapsed.ClaimedBy, lapsed.ClaimedUntil) = ("bob", Start.AddMinutes(-1));
        var mine = Ticket("tk_mine", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: 3, ageHours: 1);
        (mine.ClaimedBy, mine.ClaimedUntil) = ("alice", Start.AddMinutes(10));
        await InsertAsync(
            claimedByBob, lapsed, mine,
            Ticket("tk_overdue", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: -1, ageHours: 26),
            Ticket("tk_esc", TicketStatus.Escalated, "billing", "P2", 0.5, ["low_confidence"], "", deadlineHours: 4, ageHours: 30),
            Ticket("tk_nodeadline", TicketStatus.AwaitingReview, "billing", "P3", 0.5, ["low_confidence"], "", deadlineHours: null, ageHours: 1),
            Ticket("tk_routed", TicketStatus.Routed, "billing", "P3", 0.4, ["low_confidence"], "", deadlineHours: -5, ageHours: 50),
            Ticket("tk_decided", TicketStatus.AwaitingReview, "billing", "P3", 0.4, ["low_confidence"], "", deadlineHours: -5, ageHours: 1, decided: true));

        var alice = await _queue.WorkloadAsync("alice", Ct);
        var bob = await _queue.WorkloadAsync("bob", Ct);

        // Bob's live claim is not Alice's to take; a lapsed claim, her own and tickets without a deadline are.
        Assert.Equal((5, 1, 1), (alice.Waiting, alice.Overdue, alice.Escalated));
        Assert.Equal(("tk_overdue", "Subject of tk_overdue", TimeSpan.FromHours(-1)), (alice.Nearest!.Id, alice.Nearest.Subject, alice.Nearest.TimeLeft));
        Assert.Equal((5, 2, 1), (bob.Waiting, bob.Overdue, bob.Escalated));
        Assert.Equal("tk_bob", bob.Nearest!.Id);
    }

    [Fact]
    public async Task WorkloadAsync_NothingPending_IsZeroWithNoNearest()
    {
        await InsertAsync(Ticket("tk_routed", TicketStatus.Routed, "billing", "P3", 0.4, ["low_confidence"], "", deadlineHours: -5, ageHours: 50));

        Assert.Equal(new ReviewWorkload(0, 0, 0, null), await _queue.WorkloadAsync("alice", Ct));
    }

    /// <summary>Four pending tickets (one escalated, one unclassified in another variant) and two the queue must skip: routed, and decided.</summary>
    private static TicketRecord[] QueueMix() =>
    [
        Ticket("tk_a", TicketStatus.AwaitingReview, "billing", "P3", 0.55, ["low_confidence"], "EMAIL_ADDRESS", deadlineHours: 5, ageHours: 1),
        Ticket("tk_b", TicketStatus.Escalated, "security", "P1", 0.95, ["security_category", "high_risk_pii"], "CREDIT_CARD,EMAIL_ADDRESS", deadlineHours: 1, ageHours: 30),
        Ticket("tk_c", TicketStatus.AwaitingReview, null, null, null, ["classification_failed:ServerError"], "", deadlineHours: 3, ageHours: 2, variant: "strict"),
        Ticket("tk_d", TicketStatus.AwaitingReview, "billing", "P2", 0.7, ["low_confidence"], "PHONE_NUMBER", deadlineHours: 2, ageHours: 5),
        Ticket("tk_routed", TicketStatus.Routed, "billing", "P3", 0.4, ["low_confidence"], "", deadlineHours: null, ageHours: 50),
        Ticket("tk_decided", TicketStatus.AwaitingReview, "billing", "P3", 0.4, ["low_confidence"], "", deadlineHours: 1, ageHours: 1, decided: true)
    ];

    private static TicketRecord Ticket(
        string id, TicketStatus status, string? category, string? priority, double? confidence, string[] reasons, string piiTypes,
        int? deadlineHours, int ageHours, string variant = "support-triage", bool decided = false) => new()
        {
            Id = id,
            Channel = "api",
            Status = status,
            ProtectedSubmission = "x",
            Subject = $"Subject of {id}",
            AiCategory = category,
            Priority = priority,
            AiConfidence = confidence,
            ReviewReasons = System.Text.Json.JsonSerializer.Serialize(reasons),
            PiiTypes = piiTypes,
            ReviewDeadline = deadlineHours is { } h ? Start.AddHours(h) : null,
            DefinitionId = variant,
            CreatedAt = Start.AddHours(-ageHours),
            UpdatedAt = Start,
            Decision = decided ? """{"action":"approve"}""" : null,
        };

    private async Task InsertAsync(params TicketRecord[] tickets)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        db.Tickets.AddRange(tickets);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Pending tickets with spread labels, deadlines and ages, plus routed ones the queue must skip over.</summary>
    private async Task SeedAsync(int pending, int routed)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var start = Start.ToUnixTimeMilliseconds();
        // Only numbers are interpolated.
        var sql = $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {pending + routed})
            INSERT INTO "Tickets" ("Id", "Channel", "Status", "ProtectedSubmission", "Subject", "AiCategory", "AiConfidence", "Priority",
                "ReviewReasons", "PiiTypes", "ReviewDeadline", "DefinitionId", "CreatedAt", "UpdatedAt", "Escalations")
            SELECT printf('tk_%06d', i), 'api',
                CASE WHEN i <= {pending} THEN 2 + (i % 7 = 0) ELSE 4 END,
                'x', 'Subject ' || i,
                CASE i % 4 WHEN 0 THEN 'billing' WHEN 1 THEN 'shipping' WHEN 2 THEN 'security' ELSE 'refund' END,
                ((i * 7919) % 1000) / 1000.0,
                'P' || (1 + (i * 31) % 4),
                '["low_confidence"]', CASE WHEN i % 3 = 0 THEN 'EMAIL_ADDRESS' ELSE '' END,
                {start} + ((i * 104729) % 86400) * 1000,
                'support-triage', {start} - ((i * 7) % 100000) * 1000, {start}, 0
            FROM n;
            """;
        await db.Database.ExecuteSqlRawAsync(sql, Ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", Ct);
    }

    private async Task<string> PlanAsync(ReviewQueueQuery query)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var page = ReviewQueue.Sort(ReviewQueue.Filter(db, query), query.Sort).Skip(0).Take(query.PageSize);
        await using var command = page.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync(Ct);
        command.Connection = db.Database.GetDbConnection();
        var lines = new List<string>();
        await using (DbDataReader reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct)) lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines) + "\n--\n" + command.CommandText;
    }
}
