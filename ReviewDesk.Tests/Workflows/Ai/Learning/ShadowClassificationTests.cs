using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Support;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Ai.Learning;

/// <summary>Shadow mode on a real SQLite file: an LLM provider (the scripted server) classifies a live ticket without acting, and its agreement with the reviewer is measured.</summary>
public sealed class ShadowClassificationTests() : TriageTestBase(services: s => s.Configure<LearningOptions>(o =>
{
    o.Background = false;
    o.ShadowProvider = "llm";
}))
{
    [Fact]
    public async Task RunOnceAsync_ClassifiesALiveTicketOnceWithoutActing_AndTheDashboardShowsItsAgreementWithTheReviewer()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(
            new { category = "security", priority = "P2", language = "en", sentiment = "negative", confidence = 0.55, rationale = "live" }));
        var ticket = await Host.SubmitAsync("Login trouble", "I cannot log in to my account since this morning.");
        await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);
        Server.Enqueue(ScriptedOpenAiServer.Answer(
            new { category = "account_access", priority = "P2", language = "en", sentiment = "negative", confidence = 0.9, rationale = "shadow" }));
        var runner = Host.Services.GetRequiredService<ShadowClassificationRunner>();

        var first = await runner.RunOnceAsync(Ct);
        var second = await runner.RunOnceAsync(Ct);
        var afterShadow = (await Host.Tickets.GetAsync(ticket.Id, Ct))!;

        Assert.Equal((1, 0, 2), (first, second, Server.RequestCount));
        Assert.Equal((TicketStatus.AwaitingReview, "security"), (afterShadow.Status, afterShadow.Classification?.Category));

        var decision = await Host.Tickets.DecideAsync(ticket.Id, new ReviewDecision { Action = "approve", Category = "account_access", Priority = "P2" }, "alice", Ct);
        Assert.Equal(DecisionOutcome.Applied, decision.Outcome);
        var view = await Host.Services.GetRequiredService<ModelDashboard>().LoadAsync(null, Ct);

        Assert.Equal(new ShadowAgreement(ModelVersions.ProviderShadow("llm"), 1, 1.0, 1.0), Assert.Single(view.Shadows));
        // Before any retrain the figures are the live AI's labels against the reviewer's: it said security.
        Assert.Equal(0.0, view.Scores!.Accuracy);
    }
}
