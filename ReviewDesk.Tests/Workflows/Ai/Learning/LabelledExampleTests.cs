using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Support;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Ai.Learning;

public sealed class LabelledExampleTests : TriageTestBase
{
    [Fact]
    public async Task AnEditedApproval_BecomesALabelledExample_WithTheReviewerAndWhetherTheAiWasRight()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(
            new { category = "security", priority = "P2", language = "en", sentiment = "negative", confidence = 0.55, rationale = "scripted" },
            promptTokens: 10, completionTokens: 10));
        var ticket = await Host.SubmitAsync("Login trouble", "I cannot log in to my account since this morning.");
        await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);

        var decision = await Host.Tickets.DecideAsync(ticket.Id,
            new ReviewDecision { Action = "approve", Category = "account_access", Priority = "P2" }, "alice", Ct);

        Assert.Equal(DecisionOutcome.Applied, decision.Outcome);
        var contexts = Host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var example = await db.LabelledExamples.SingleAsync(e => e.TicketId == ticket.Id, Ct);
        Assert.Equal(("account_access", "P2", "alice"), (example.Category, example.Priority, example.Reviewer));
        Assert.Equal(("security", false, true), (example.AiCategory, example.CategoryCorrect, example.PriorityCorrect));
        Assert.Equal("I cannot log in to my account since this morning.", example.Body);
        Assert.Equal("scripted-model", example.ModelVersion);
    }
}
