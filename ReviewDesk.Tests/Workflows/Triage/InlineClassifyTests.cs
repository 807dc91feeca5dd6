using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// Issue 10: on the shipped cascade, a fast model that answers from memory (<see cref="IImmediateTicketClassifier"/>, the
/// local model once loaded) classifies inline, in the step that scrubbed the ticket, from the redacted text that step hands
/// on (<see cref="ScrubPiiActivity.RedactedTextItem"/>). That step is the ticket's first, which the submission runs and
/// commits with the ticket (<see cref="ReviewDesk.Engine.Activities.IEagerStartActivity"/>): a routed ticket then costs one
/// commit in all, where it cost four when classify was a step and three before the eager start. A model that
/// cannot answer at once, and the semantic model, still run as steps of their own. The models are stand-ins that count
/// their calls by path; "not sure" makes the fast one unsure. The local provider answers through
/// <see cref="VersionedLocalClassifier"/>, which answers at once only once it has read which model version is active: on a
/// node that has not yet, the first Classify runs as a step and reads it (here read again only after an hour, so that no
/// refresh lands inside a test).
/// </summary>
public sealed class InlineClassifyTests : TriageTestBase
{
    private readonly Models _models;

    public InlineClassifyTests()
        : this(new Models())
    {
    }

    private InlineClassifyTests(Models models)
        : base(local: models, auditSample: false, shippedCascade: true, services: s =>
        {
            // A long lease, so that no heartbeat renewal lands inside a count.
            s.Configure<WorkflowRuntimeOptions>(o => o.Worker.LeaseDuration = TimeSpan.FromHours(1));
            s.Configure<LearningOptions>(o => o.RefreshInterval = TimeSpan.FromHours(1));
            s.PostConfigure<AiOptions>(o => o.Providers["semantic"] = new AiProviderOptions { Type = AiProviderType.LocalSemantic });
        }) => _models = models;

    [Fact]
    public async Task FirstTicketOnANode_ClassifyRunsAsAStep_ItReadsTheActiveModelVersion_TheNextRunsInline()
    {
        var first = await SubmitAndRouteAsync("Question", "a shipping question");
        Assert.Equal(new Calls(Immediate: 0, Declined: 0, Awaited: 1), _models.Of("local"));

        var second = await SubmitAndRouteAsync("Question", "another shipping question");
        Assert.Equal(new Calls(Immediate: 1, Declined: 0, Awaited: 1), _models.Of("local"));
        Assert.Equal(first.Classification, second.Classification);
    }

    [Fact]
    public async Task SureTicket_ScrubClassifyDecideAndRoute_CommitWithTheSubmission_OneCommitInAll()
    {
        await WarmAsync();
        var before = Runtime.WriteStatistics;
        var routed = await SubmitAndRouteAsync("Question", "a shipping question");

        // The submission with its first step: scrub, with classify, decide and route inline. No claim, no step on the worker.
        Assert.Equal(new WriteStatistics(1, 1), Runtime.WriteStatistics - before);
        Assert.Equal(new Calls(Immediate: 1, Declined: 0, Awaited: 0), _models.Of("local"));
        Assert.Equal(new Calls(0, 0, 0), _models.Of("semantic"));
        Assert.Equal(("local", "shipping"), (routed.Classification!.Provider, routed.Classification.Category));
        var answer = Assert.Single(await AnswersAsync(routed.Id));
        Assert.StartsWith("local (counting) answered shipping/P3 at confidence 0.93 in ", answer, StringComparison.Ordinal);
        // The timeline reads as it did when classify was a step: each node scheduled, started and completed, in order.
        Assert.Equal(["scrub", "classify", "decide", "route"], await CompletedNodesAsync(routed.Id));
    }

    [Fact]
    public async Task ReviewedTicket_OneCommitToWait_AndThreeMoreForTheDecision()
    {
        await WarmAsync();
        var before = Runtime.WriteStatistics;
        var ticket = await Host.SubmitAsync("Question", "a security question");
        await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);
        await SettledAsync(ticket.WorkflowInstanceId!);
        // The submission with scrub, classify, decide (a security ticket is reviewed), notify and the gate's wait inline.
        Assert.Equal(new WriteStatistics(1, 1), Runtime.WriteStatistics - before);

        var decided = await Host.Tickets.DecideAsync(ticket.Id, new ReviewDecision { Action = "approve" }, "alice", Ct);
        await SettledAsync(ticket.WorkflowInstanceId!);

        // Then the decision, a claim, and the gate's resumption with route inline.
        Assert.Equal(DecisionOutcome.Applied, decided.Outcome);
        Assert.Equal(new WriteStatistics(4, 4), Runtime.WriteStatistics - before);
        Assert.Equal(TicketStatus.Routed, (await Host.Tickets.GetAsync(ticket.Id, Ct))!.Status);
        Assert.Equal(new Calls(Immediate: 1, Declined: 0, Awaited: 0), _models.Of("local"));
    }

    [Theory]
    [InlineData("a shipping question", TicketStatus.Routed)]
    [InlineData("a security question", TicketStatus.AwaitingReview)]
    public async Task TheSubmissionAnswers_WithTheTicketAsCommitted_RoutedOrWaiting(string body, TicketStatus status)
    {
        await WarmAsync();

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Question", Body = body + ", mail jane@example.com" }, Ct);
        var stored = (await Host.Tickets.GetAsync(submitted.Ticket.Id, Ct))!;

        // Not "received": the scrub, classify, decide and route (or the review gate's wait) committed with the submission.
        Assert.Equal(status, submitted.Ticket.Status);
        Assert.Equal(Comparable(stored), Comparable(submitted.Ticket));
        Assert.Equal(body + ", mail <EMAIL_ADDRESS_1>", submitted.Ticket.Body);
        Assert.NotNull(submitted.Ticket.Classification);
        Assert.Equal(stored.UpdatedAt, submitted.Ticket.UpdatedAt);
    }

    // Every field of the view but CreatedAt, which the answer holds to the tick and the row to the millisecond; the lists as text.
    private static object Comparable(TicketView t) => (t.Id, t.Status, t.Subject, t.Body, string.Join(';', t.PiiSpans),
        System.Text.Json.JsonSerializer.Serialize(t.Classification), t.ReviewRequired, string.Join(';', t.ReviewReasons), t.ReviewDeadline, t.Escalations, t.Decision,
        (t.FinalCategory, t.FinalPriority, t.Queue, t.WorkflowInstanceId, t.WorkflowDefinition, t.WorkflowVersion, t.Channel, t.ExternalId));

    [Fact]
    public async Task ModelNotLoadedYet_ClassifyDeclinesInline_AndRunsAsAStepOfItsOwn_ThreeCommits()
    {
        await WarmAsync();
        _models.Loaded = false;
        var before = Runtime.WriteStatistics;
        var routed = await SubmitAndRouteAsync("Question", "a shipping question");

        // The submission with the scrub, the worker's claim, and classify's step with decide and route inline.
        Assert.Equal(new WriteStatistics(3, 3), Runtime.WriteStatistics - before);
        Assert.Equal(new Calls(Immediate: 0, Declined: 1, Awaited: 1), _models.Of("local"));
        Assert.Equal("local", routed.Classification!.Provider);
        Assert.Single(await AnswersAsync(routed.Id));
        Assert.Equal(["scrub", "classify", "decide", "route"], await CompletedNodesAsync(routed.Id));
    }

    [Fact]
    public async Task UnsureTicket_TheFastModelAnswersInline_TheSemanticModelRunsAsItsOwnStep()
    {
        await WarmAsync();
        var before = Runtime.WriteStatistics;
        var routed = await SubmitAndRouteAsync("Question", "not sure whether this is billing");

        // The submission with the scrub and the fast model inline, a claim, then the semantic model's step with decide and route inline.
        Assert.Equal(new WriteStatistics(3, 3), Runtime.WriteStatistics - before);
        Assert.Equal(new Calls(Immediate: 1, Declined: 0, Awaited: 0), _models.Of("local"));
        Assert.Equal(new Calls(Immediate: 0, Declined: 0, Awaited: 1), _models.Of("semantic"));
        Assert.Equal("semantic", routed.Classification!.Provider);
        var answers = await AnswersAsync(routed.Id);
        Assert.Equal(2, answers.Count);
        Assert.EndsWith("; unsure (below 0.80)", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("semantic (counting) answered billing/P3 at confidence 0.91", answers[1], StringComparison.Ordinal);
        Assert.Equal(["scrub", "classify", "classify-semantic", "decide", "route"], await CompletedNodesAsync(routed.Id));
    }

    // One ticket through, so that the local provider has read the active model version; the counts start again after it.
    private async Task WarmAsync()
    {
        await SubmitAndRouteAsync("Warm-up", "a shipping question");
        _models.Reset();
    }

    private async Task<TicketView> SubmitAndRouteAsync(string subject, string body)
    {
        var ticket = await Host.SubmitAsync(subject, body);
        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);
        await SettledAsync(routed.WorkflowInstanceId!);
        return routed;
    }

    private WorkflowRuntime Runtime => Host.Services.GetRequiredService<WorkflowRuntime>();

    private Task SettledAsync(string instanceId) =>
        Eventually.HoldsAsync(() => Host.Queries.IsSettledAsync(instanceId, Ct), $"instance {instanceId} to settle");

    private async Task<List<string>> AnswersAsync(string ticketId) =>
        (await Host.Tickets.GetTimelineAsync(ticketId, Ct))!.Where(e => e.Type == ClassifyActivity.AnsweredJournalType).Select(e => e.Detail!).ToList();

    private async Task<List<string>> CompletedNodesAsync(string ticketId) =>
        (await Host.Tickets.GetTimelineAsync(ticketId, Ct))!
            .Where(e => e.Type == JournalTypes.ActivityCompleted && e.Node is not null).Select(e => e.Node!).ToList();

    /// <summary>A model's calls: answered at once, declined at once, awaited.</summary>
    private sealed record Calls(int Immediate, int Declined, int Awaited);

    /// <summary>
    /// The fast model answers at once (unless <see cref="Loaded"/> is false) or when awaited; the semantic one only when
    /// awaited. Each call is counted by provider and path.
    /// </summary>
    private sealed class Models : ILocalClassifierSource
    {
        private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

        public volatile bool Loaded = true;

        public void Reset() => _calls.Clear();

        public Calls Of(string provider) => new(
            _calls.GetValueOrDefault(provider + ":immediate"), _calls.GetValueOrDefault(provider + ":declined"), _calls.GetValueOrDefault(provider + ":awaited"));

        public ITicketClassifier Create(string providerName, AiProviderOptions options) =>
            options.Type == AiProviderType.LocalSemantic ? new Slow(this, providerName) : new Fast(this, providerName);

        private void Count(string provider, string path) => _calls.AddOrUpdate(provider + ":" + path, 1, (_, n) => n + 1);

        private static ClassificationResult Answer(string provider, TicketText ticket)
        {
            var text = (ticket.Subject + " " + ticket.Body).ToLowerInvariant();
            var category = TicketLabels.Categories.FirstOrDefault(c => text.Contains(c.Replace('_', ' '), StringComparison.Ordinal)) ?? "general_inquiry";
            var confidence = provider != "semantic" && text.Contains("not sure", StringComparison.Ordinal) ? 0.42 : provider == "semantic" ? 0.91 : 0.93;
            return new ClassificationResult(new Classification(category, "P3", "en", "neutral", confidence, $"mentions {category}", provider, "counting"), null);
        }

        private sealed class Fast(Models models, string provider) : IImmediateTicketClassifier
        {
            public Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
            {
                models.Count(provider, "awaited");
                return Task.FromResult(Answer(provider, ticket));
            }

            public bool TryClassify(TicketText ticket, [NotNullWhen(true)] out ClassificationResult? result)
            {
                if (!models.Loaded)
                {
                    models.Count(provider, "declined");
                    result = null;
                    return false;
                }

                models.Count(provider, "immediate");
                result = Answer(provider, ticket);
                return true;
            }
        }

        private sealed class Slow(Models models, string provider) : ITicketClassifier
        {
            public Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
            {
                models.Count(provider, "awaited");
                return Task.FromResult(Answer(provider, ticket));
            }
        }
    }
}
