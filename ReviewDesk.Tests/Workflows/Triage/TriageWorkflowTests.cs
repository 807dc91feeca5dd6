using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Triage;
using Reply = ReviewDesk.Tests.Workflows.Ai.ScriptedOpenAiServer.Reply;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>The shipped support-triage workflow against a scripted LLM: retries, review, escalation, usage.</summary>
public sealed class TriageWorkflowTests : TriageTestBase
{
    private readonly FakeTimeProvider _time;

    public TriageWorkflowTests()
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero)))
    {
    }

    // Without the random audit sample: a ticket expected to be routed must not be sent to review by chance.
    private TriageWorkflowTests(FakeTimeProvider time)
        : base(time, auditSample: false) => _time = time;

    private static Reply Labels(string category, string priority, double confidence) => ScriptedOpenAiServer.Answer(
        new { category, priority, language = "en", sentiment = "negative", confidence, rationale = "scripted" }, promptTokens: 1000, completionTokens: 100);

    [Fact]
    public async Task ConfidentTicket_IsRoutedAndTheCallsTokensAndCostAreJournaled()
    {
        Server.Enqueue(Labels("shipping", "P3", 0.97));

        var ticket = await Host.SubmitAsync("Where is my parcel?", "My parcel is a week late.");
        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);
        var timeline = (await Host.Tickets.GetTimelineAsync(ticket.Id, Ct))!;

        Assert.Equal("logistics", routed.Queue);
        Assert.Equal("llm", routed.Classification!.Provider);
        Assert.Equal("scripted-model", routed.Classification.Model);
        var classified = timeline.Single(e => e.Type == JournalTypes.ActivityCompleted && e.Activity == "Classify");
        Assert.Contains("\"inputTokens\":1000", classified.Detail, StringComparison.Ordinal);
        Assert.Contains("\"outputTokens\":100", classified.Detail, StringComparison.Ordinal);
        Assert.Contains("\"cost\":\"0.65\"", classified.Detail, StringComparison.Ordinal);
        Assert.Equal(1, Server.RequestCount);
    }

    [Fact]
    public async Task RateLimitedThenServerErrors_AreRetriedByPolicy_AndAfterTheLastAttemptTheTicketGoesToReviewWithTheReason()
    {
        Server.Enqueue(ScriptedOpenAiServer.Status(429, ("Retry-After", "7")), ScriptedOpenAiServer.Status(500), ScriptedOpenAiServer.Status(502), ScriptedOpenAiServer.Status(503));

        var ticket = await Host.SubmitAsync("Invoice question", "Why is my invoice higher?");
        foreach (var (attempt, delay) in new[] { (1, 7), (2, 4), (3, 8) })
        {
            await WaitForRequestsAsync(attempt);
            await WaitForJournalAsync(ticket.Id, JournalTypes.RetryScheduled, attempt);
            _time.Advance(TimeSpan.FromSeconds(delay));
        }

        var review = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);
        var retries = (await Host.Tickets.GetTimelineAsync(ticket.Id, Ct))!.Where(e => e.Type == JournalTypes.RetryScheduled).Select(e => e.Detail);

        Assert.Equal(["attempt 2 in 7 s", "attempt 3 in 4 s", "attempt 4 in 8 s"], retries);
        Assert.Equal(4, Server.RequestCount);
        Assert.Contains("classification_failed:ServerError", review.ReviewReasons);
        var incident = Assert.Single(await Host.Queries.GetIncidentsAsync(review.WorkflowInstanceId, Ct));
        Assert.Equal(("classify", "ServerError"), (incident.NodeId, incident.ErrorKind));
    }

    [Fact]
    public async Task MalformedModelOutput_IsRetried()
    {
        Server.Enqueue(new ScriptedOpenAiServer.CompletionReply("{\"category\": \"billing\"", 10, 5), Labels("billing", "P3", 0.95));

        var ticket = await Host.SubmitAsync("Invoice", "Invoice question about billing");
        await WaitForJournalAsync(ticket.Id, JournalTypes.RetryScheduled, 1);
        _time.Advance(TimeSpan.FromSeconds(2));
        await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);

        Assert.Contains((await Host.Tickets.GetTimelineAsync(ticket.Id, Ct))!, e => e.Type == JournalTypes.ActivityFailed && e.Detail!.StartsWith("MalformedOutput", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewDeadline_Escalates_RaisesPriority_KeepsWaiting_AndAnApprovalStillRoutes()
    {
        Server.Enqueue(Labels("security", "P3", 0.99));

        var ticket = await Host.SubmitAsync("Strange login", "Someone logged in from another country.");
        var waiting = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);
        _time.Advance(TimeSpan.FromHours(24));
        var escalated = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Escalated);
        _time.Advance(TimeSpan.FromHours(24));
        await WaitForJournalAsync(ticket.Id, "Escalated", 2);
        var decision = await Host.Tickets.DecideAsync(ticket.Id, new ReviewDecision { Action = "approve" }, "alice", Ct);

        Assert.Contains("security_category", waiting.ReviewReasons);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), escalated.ReviewDeadline);
        Assert.Equal((1, "P2"), (escalated.Escalations, escalated.FinalPriority));
        Assert.Equal(DecisionOutcome.Applied, decision.Outcome);
        Assert.Equal(TicketStatus.Routed, decision.Ticket!.Status);
        Assert.Equal(("security", "P1", "urgent"), (decision.Ticket.FinalCategory, decision.Ticket.FinalPriority, decision.Ticket.Queue));
        Assert.Equal(2, decision.Ticket.Escalations);
    }

    [Fact]
    public async Task ReviewQueue_ShowsTheAiLabels_ThenTheEscalatedPriority_AndDropsTheTicketOnceDecided()
    {
        Server.Enqueue(Labels("security", "P3", 0.99));
        var queue = Host.Services.GetRequiredService<ReviewQueue>();

        var ticket = await Host.SubmitAsync("Strange login", "Someone logged in from another country.");
        await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);
        var waiting = await queue.FindAsync(ticket.Id, Ct);
        _time.Advance(TimeSpan.FromHours(24));
        await WaitForJournalAsync(ticket.Id, "Escalated", 1);
        var escalated = await queue.ListAsync(new ReviewQueueQuery { Category = "security", Priority = "P2", MinConfidence = 0.9, Reason = "security_category" }, Ct);
        var decision = await Host.Tickets.DecideAsync(ticket.Id, new ReviewDecision { Action = "approve" }, "alice", Ct);
        var after = await queue.ListAsync(new ReviewQueueQuery(), Ct);

        Assert.NotNull(waiting);
        Assert.Equal(("security", "P3", 0.99, TicketStatus.AwaitingReview), (waiting.Category, waiting.Priority, waiting.Confidence, waiting.Status));
        var item = Assert.Single(escalated.Items);
        Assert.Equal((TicketStatus.Escalated, "P2", 1), (item.Status, item.Priority, item.Escalations));
        Assert.Equal(DecisionOutcome.Applied, decision.Outcome);
        Assert.Equal(0, after.Total);
    }

    private Task WaitForRequestsAsync(int count) =>
        Eventually.HoldsAsync(() => Server.RequestCount >= count, $"{count} model requests (saw {Server.RequestCount})");

    private Task WaitForJournalAsync(string ticketId, string type, int count) =>
        Eventually.HoldsAsync(async () => (await Host.Tickets.GetTimelineAsync(ticketId, Ct))!.Count(e => e.Type == type) >= count,
            $"{count} {type} entries for {ticketId}");
}

public sealed class DecideTests : TriageTestBase
{
    [Theory]
    [InlineData("billing", "P1", 0.99, "Double charge", "I was charged twice", "p1_priority")]
    [InlineData("billing", "P3", 0.70, "Double charge", "I was charged twice", "low_confidence")]
    [InlineData("security", "P3", 0.99, "Phishing", "I got a phishing mail", "security_category")]
    [InlineData("billing", "P3", 0.99, "Card", "My card 4111 1111 1111 1111 was charged twice", "high_risk_pii")]
    public async Task Decide_RequiresReviewForEachRule_AndRecordsTheReason(string category, string priority, double confidence, string subject, string body, string reason)
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category, priority, language = "en", sentiment = "neutral", confidence, rationale = "scripted" }));

        var ticket = await Host.SubmitAsync(subject, body);
        var waiting = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);

        Assert.True(waiting.ReviewRequired);
        Assert.Contains(reason, waiting.ReviewReasons);
    }

    [Fact]
    public void InAuditSample_IsDeterministicAndHitsTheConfiguredShare()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => $"tk_{i:D6}").ToList();

        var share = ids.Count(id => ReviewRules.InAuditSample(id, 5)) / (double)ids.Count;

        Assert.InRange(share, 0.045, 0.055);
        Assert.All(ids.Take(100), id => Assert.Equal(
            ReviewRules.InAuditSample(id, 5),
            ReviewRules.InAuditSample(id, 5)));
        Assert.DoesNotContain(ids, id => ReviewRules.InAuditSample(id, 0));
        Assert.All(ids.Take(100), id => Assert.True(ReviewRules.InAuditSample(id, 100)));
    }
}

public sealed class ProviderSelectionTests : TriageTestBase
{
    private readonly KeywordClassifierSource _local;

    public ProviderSelectionTests()
        : this(new KeywordClassifierSource())
    {
    }

    private ProviderSelectionTests(KeywordClassifierSource local)
        : base(local: local) => _local = local;

    [Fact]
    public async Task VariantNamingAnUnconfiguredProvider_FallsBackToLocal_AndJournalsIt()
    {
        var ct = Ct;
        var definitions = Host.Services.GetRequiredService<ReviewDesk.Engine.Definitions.WorkflowDefinitionStore>();
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, ct))!;
        var nodes = shipped.Nodes.Select(n => n.Id == "classify" ? n with { Settings = new System.Text.Json.Nodes.JsonObject { ["provider"] = "gpt-nowhere" } } : n).ToList();
        Assert.True((await definitions.SaveAndPublishAsync(shipped with { Id = "mixed", Name = "Mixed", Nodes = nodes }, "test", ct)).Succeeded);

        var ticket = (await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Refund", Body = "I want a refund please", Variant = "mixed" }, ct)).Ticket;
        // The classification commits with its step, and so does the journal entry of the fallback.
        var current = await Eventually.GetAsync(async () => (await Host.Tickets.GetAsync(ticket.Id, ct))!, t => t.Classification is not null, "the ticket's classification");

        Assert.Equal("local", current.Classification!.Provider);
        Assert.Equal(0, Server.RequestCount);
        Assert.Equal(1, _local.Calls);
        Assert.Contains((await Host.Tickets.GetTimelineAsync(ticket.Id, ct))!, e => e.Type == "ProviderFallback" && e.Detail!.Contains("gpt-nowhere", StringComparison.Ordinal));
    }
}

public sealed class RawTextGuardTests : TriageTestBase
{
    [Fact]
    public async Task VariantWithoutScrubbing_NeverSendsRawTextToTheModel_RecordsAnIncident_AndSendsTheTicketToReview()
    {
        var ct = Ct;
        var definitions = Host.Services.GetRequiredService<ReviewDesk.Engine.Definitions.WorkflowDefinitionStore>();
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, ct))!;
        var unsafeVariant = shipped with
        {
            Id = "no-scrub",
            Name = "Badly designed",
            StartNodeId = "classify",
            Nodes = [.. shipped.Nodes.Where(n => n.Id != "scrub")],
            Connections = [.. shipped.Connections.Where(c => c.From != "scrub")],
        };
        Assert.True((await definitions.SaveAndPublishAsync(unsafeVariant, "test", ct)).Succeeded);

        var ticket = (await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Hi", Body = "Mail me at leak@example.com", Variant = "no-scrub" }, ct)).Ticket;
        var review = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);

        Assert.Equal(0, Server.RequestCount);
        Assert.Contains("classification_failed:NotScrubbed", review.ReviewReasons);
        Assert.Equal("NotScrubbed", Assert.Single(await Host.Queries.GetIncidentsAsync(review.WorkflowInstanceId, ct)).ErrorKind);
    }
}

public sealed class TicketStatusProjectionTests : TriageTestBase
{
    [Fact]
    public async Task CancellingTheWorkflowOfATicketAwaitingReview_MarksTheTicketCancelled_AndTakesItOutOfTheQueue()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "billing", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.4, rationale = "scripted" }));
        var ticket = await Host.SubmitAsync("Unsure", "Something about my bill");
        var waiting = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);
        var queue = Host.Services.GetRequiredService<ReviewQueue>();
        Assert.Contains((await queue.ListAsync(new ReviewQueueQuery(), Ct)).Items, i => i.Id == ticket.Id);

        var cancelled = await Host.Services.GetRequiredService<WorkflowRuntime>().CancelAsync(waiting.WorkflowInstanceId!, "operator", "duplicate", Ct);

        Assert.True(cancelled.Succeeded);
        // The ticket's status moved in the cancel's own commit: no projector to wait for.
        var store = Host.Services.GetRequiredService<TicketStore>();
        Assert.Equal(TicketStatus.Cancelled, (await store.FindAsync(ticket.Id, Ct))!.Status);

        Assert.DoesNotContain((await queue.ListAsync(new ReviewQueueQuery(), Ct)).Items, i => i.Id == ticket.Id);
    }
}
