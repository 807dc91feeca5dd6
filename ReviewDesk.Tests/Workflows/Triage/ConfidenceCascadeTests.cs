using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// A variant that cascades Classify nodes on their Unsure outcome: the fast local model, then the
/// semantic provider, then the LLM (the scripted OpenAI-compatible server), then review. The local
/// and semantic providers are the keyword stand-in (0.42 for "not sure", else 0.93).
/// </summary>
public sealed class ConfidenceCascadeTests : TriageTestBase
{
    private readonly KeywordClassifierSource _local;

    public ConfidenceCascadeTests()
        : this(new KeywordClassifierSource())
    {
    }

    private ConfidenceCascadeTests(KeywordClassifierSource local)
        : base(local: local, auditSample: false, services: s => s.PostConfigure<AiOptions>(o =>
            o.Providers["semantic"] = new AiProviderOptions { Type = AiProviderType.LocalSemantic })) => _local = local;

    [Fact]
    public async Task FastModelUnsure_SemanticAnswers_TheLlmIsNotCalled_AndBothAnswersAreJournaled()
    {
        await PublishCascadeAsync(semanticUnsureBelow: 0.3);

        var ticket = await SubmitAsync("not sure if this is billing or refund");
        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);

        Assert.Equal("semantic", routed.Classification!.Provider);
        Assert.Equal(2, _local.Calls);
        Assert.Equal(0, Server.RequestCount);
        var answers = await AnswersAsync(ticket.Id);
        Assert.Equal(2, answers.Count);
        Assert.StartsWith("local ", answers[0], StringComparison.Ordinal);
        Assert.Contains("unsure (below 0.80)", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("semantic ", answers[1], StringComparison.Ordinal);
        Assert.DoesNotContain("unsure", answers[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FastAndSemanticUnsure_TheLlmAnswersLast_WithItsTokensJournaled()
    {
        await PublishCascadeAsync(semanticUnsureBelow: 0.5);
        Server.Enqueue(ScriptedOpenAiServer.Answer(
            new { category = "refund", priority = "P2", language = "en", sentiment = "negative", confidence = 0.97, rationale = "scripted" }, promptTokens: 800, completionTokens: 60));

        var ticket = await SubmitAsync("not sure if this is billing or refund");
        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);

        Assert.Equal("llm", routed.Classification!.Provider);
        Assert.Equal("refund", routed.Classification.Category);
        Assert.Equal(2, _local.Calls);
        Assert.Equal(1, Server.RequestCount);
        var answers = await AnswersAsync(ticket.Id);
        Assert.Equal(3, answers.Count);
        Assert.StartsWith("llm (scripted-model) answered refund/P2", answers[2], StringComparison.Ordinal);
        Assert.Contains("800+60 tokens", answers[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FastModelConfident_NoOtherModelIsAsked()
    {
        await PublishCascadeAsync(semanticUnsureBelow: 0.5);

        var ticket = await SubmitAsync("a shipping question");
        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);

        Assert.Equal("local", routed.Classification!.Provider);
        Assert.Equal(1, _local.Calls);
        Assert.Equal(0, Server.RequestCount);
        Assert.Single(await AnswersAsync(ticket.Id));
    }

    private async Task<TicketView> SubmitAsync(string body) =>
        (await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Question", Body = body, Variant = "cascade" }, Ct)).Ticket;

    private async Task<List<string>> AnswersAsync(string ticketId) =>
        (await Host.Tickets.GetTimelineAsync(ticketId, Ct))!.Where(e => e.Type == ClassifyActivity.AnsweredJournalType).Select(e => e.Detail!).ToList();

    private async Task PublishCascadeAsync(double semanticUnsureBelow)
    {
        var definitions = Host.Services.GetRequiredService<WorkflowDefinitionStore>();
        var published = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        // The variant draws its own cascade on support-triage without the shipped one's extra steps.
        var shipped = published with
        {
            Nodes = [.. published.Nodes.Where(n => n.Id is not "classify-semantic" and not "classify-llm")],
            Connections = [.. published.Connections.Where(c => c.From is not "classify-semantic" and not "classify-llm" && c.To is not "classify-semantic")],
        };
        var classify = shipped.Nodes.Single(n => n.Id == "classify");
        var nodes = shipped.Nodes
            .Select(n => n.Id switch
            {
                "classify" => n with { Settings = new JsonObject { ["provider"] = "local", ["unsureBelow"] = 0.8 } },
                // Low enough that the stand-in's 0.42 routes: what is under test is who answered.
                "decide" => n with { Settings = new JsonObject { ["threshold"] = 0.4, ["auditPercent"] = 0 } },
                _ => n,
            })
            .Append(classify with { Id = "classify-semantic", Settings = new JsonObject { ["provider"] = "semantic", ["unsureBelow"] = semanticUnsureBelow } })
            .Append(classify with { Id = "classify-llm", Settings = new JsonObject { ["provider"] = "llm" } })
            .ToList();
        var connections = shipped.Connections
            .Append(new WorkflowConnection { From = "classify", Outcome = ClassifyActivity.Unsure, To = "classify-semantic" })
            .Append(new WorkflowConnection { From = "classify-semantic", Outcome = "Done", To = "decide" })
            .Append(new WorkflowConnection { From = "classify-semantic", Outcome = ClassifyActivity.Unsure, To = "classify-llm" })
            .Append(new WorkflowConnection { From = "classify-llm", Outcome = "Done", To = "decide" })
            .Append(new WorkflowConnection { From = "classify-llm", Outcome = ClassifyActivity.Unsure, To = "decide" })
            .ToList();
        var saved = await definitions.SaveAndPublishAsync(shipped with { Id = "cascade", Name = "Cascade", Nodes = nodes, Connections = connections }, "test", Ct);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
    }
}
