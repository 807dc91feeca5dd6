using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// Issue 12 item 3: the shipped support-triage runs the confidence cascade. The fast model (<c>local</c>), then the
/// semantic model (<c>semantic</c>) only when the fast one is unsure, then the LLM (the scripted OpenAI-compatible
/// server, <c>Ai:Defaults:Classify</c>) only when the semantic one is still unsure, then Decide (a human for low
/// confidence). The two offline models are stand-ins that count their calls: "not sure" makes the fast one unsure,
/// "still unsure" the semantic one too.
/// </summary>
public sealed class ShippedCascadeTests : TriageTestBase
{
    private readonly CountingModels _models;

    public ShippedCascadeTests()
        : this(new CountingModels())
    {
    }

    private ShippedCascadeTests(CountingModels models)
        : base(local: models, auditSample: false, shippedCascade: true, services: s => s.PostConfigure<AiOptions>(o =>
            o.Providers["semantic"] = new AiProviderOptions { Type = AiProviderType.LocalSemantic })) => _models = models;

    [Fact]
    public async Task SureTicket_OnlyTheFastModelAnswers_TheSemanticModelIsNeverCalled()
    {
        var ticket = await Host.SubmitAsync("Question", "a shipping question");
        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);

        Assert.Equal("local", routed.Classification!.Provider);
        Assert.Equal(1, _models.CallsOf("local"));
        Assert.Equal(0, _models.CallsOf("semantic"));
        Assert.Equal(0, Server.RequestCount);
        var answer = Assert.Single(await AnswersAsync(ticket.Id));
        Assert.StartsWith("local (counting) answered shipping/P3 at confidence 0.93 in ", answer, StringComparison.Ordinal);
        Assert.Equal(["classify", "decide", "route"], await ClassifyAndAfterAsync(ticket.Id));
    }

    [Fact]
    public async Task UnsureTicket_TheSemanticModelAnswers_TheLlmIsNotCalled()
    {
        var ticket = await Host.SubmitAsync("Question", "not sure whether this is billing");
        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);

        Assert.Equal("semantic", routed.Classification!.Provider);
        Assert.Equal(1, _models.CallsOf("local"));
        Assert.Equal(1, _models.CallsOf("semantic"));
        Assert.Equal(0, Server.RequestCount);
        var answers = await AnswersAsync(ticket.Id);
        Assert.Equal(2, answers.Count);
        Assert.StartsWith("local (counting) answered billing/P3 at confidence 0.42", answers[0], StringComparison.Ordinal);
        Assert.EndsWith("; unsure (below 0.80)", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("semantic (counting) answered billing/P3 at confidence 0.91", answers[1], StringComparison.Ordinal);
        Assert.Equal(["classify", "classify-semantic", "decide", "route"], await ClassifyAndAfterAsync(ticket.Id));
    }

    [Fact]
    public async Task StillUnsure_TheConfiguredLlmAnswersLast_TheJournalNamesEachModelWithItsTimeTokensAndCost()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(
            new { category = "refund", priority = "P2", language = "en", sentiment = "negative", confidence = 0.97, rationale = "scripted" }, promptTokens: 800, completionTokens: 60));

        var ticket = await Host.SubmitAsync("Question", "not sure, still unsure: billing or refund");
        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);

        Assert.Equal("llm", routed.Classification!.Provider);
        Assert.Equal("refund", routed.Classification.Category);
        Assert.Equal(1, _models.CallsOf("local"));
        Assert.Equal(1, _models.CallsOf("semantic"));
        Assert.Equal(1, Server.RequestCount);
        var answers = await AnswersAsync(ticket.Id);
        Assert.Equal(3, answers.Count);
        Assert.StartsWith("local (counting) answered", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("semantic (counting) answered", answers[1], StringComparison.Ordinal);
        Assert.EndsWith("; unsure (below 0.80)", answers[1], StringComparison.Ordinal);
        Assert.StartsWith("llm (scripted-model) answered refund/P2 at confidence 0.97 in ", answers[2], StringComparison.Ordinal);
        // 800 input tokens at 0.5 per 1K and 60 output tokens at 1.5 per 1K (TriageHost's prices): 0.4 + 0.09.
        Assert.EndsWith(" ms, 800+60 tokens, cost 0.49", answers[2], StringComparison.Ordinal);
        Assert.Equal(["classify", "classify-semantic", "classify-llm", "decide", "route"], await ClassifyAndAfterAsync(ticket.Id));
    }

    private async Task<List<string>> AnswersAsync(string ticketId) =>
        (await Host.Tickets.GetTimelineAsync(ticketId, Ct))!.Where(e => e.Type == ClassifyActivity.AnsweredJournalType).Select(e => e.Detail!).ToList();

    // The nodes the ticket's instance completed from the first Classify on, in order.
    private async Task<List<string>> ClassifyAndAfterAsync(string ticketId) =>
        (await Host.Tickets.GetTimelineAsync(ticketId, Ct))!
            .Where(e => e.Type == ReviewDesk.Engine.Runtime.JournalTypes.ActivityCompleted && e.Node is not null)
            .Select(e => e.Node!).SkipWhile(n => n != "classify").ToList();

    /// <summary>Offline stand-ins for the fast and the semantic model, counted per provider.</summary>
    private sealed class CountingModels : ILocalClassifierSource
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

        public int CallsOf(string provider) => _calls.GetValueOrDefault(provider);

        public ITicketClassifier Create(string providerName, AiProviderOptions options) => new Model(this, providerName);

        private sealed class Model(CountingModels models, string provider) : ITicketClassifier
        {
            public Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
            {
                models._calls.AddOrUpdate(provider, 1, (_, n) => n + 1);
                var text = (ticket.Subject + " " + ticket.Body).ToLowerInvariant();
                var category = TicketLabels.Categories.FirstOrDefault(c => text.Contains(c.Replace('_', ' '), StringComparison.Ordinal)) ?? "general_inquiry";
                var unsure = provider == "semantic" ? text.Contains("still unsure", StringComparison.Ordinal) : text.Contains("not sure", StringComparison.Ordinal);
                var confidence = unsure ? 0.42 : provider == "semantic" ? 0.91 : 0.93;
                return Task.FromResult(new ClassificationResult(
                    new Classification(category, "P3", "en", "neutral", confidence, $"mentions {category}", provider, "counting"), null));
            }
        }
    }
}
