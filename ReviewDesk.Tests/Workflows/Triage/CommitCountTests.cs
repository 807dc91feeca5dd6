using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// What a ticket costs the database, counted at the runtime's writer (through which every write of
/// the triage path goes): one operation for the submission, one per step with its effects (Decide, Route,
/// Notify without a channel and the review gate's wait run inline and commit with the step before them),
/// one per decision, one for each claim of work by the worker, each its own commit when the ticket is alone. The first
/// step (the scrub) commits with the submission (an eager start, <see cref="ReviewDesk.Engine.Activities.IEagerStartActivity"/>).
/// (The lease is long so that no heartbeat renewal lands inside a count.)
/// </summary>
public sealed class CommitCountTests() : TriageTestBase(auditSample: false, services: s => s.Configure<WorkflowRuntimeOptions>(o => o.Worker.LeaseDuration = TimeSpan.FromHours(1)))
{
    [Fact]
    public async Task A_routed_ticket_costs_three_commits_the_submission_with_its_scrub_one_claim_and_the_classify_step()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "shipping", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.97, rationale = "scripted" }));
        var before = Runtime.WriteStatistics;

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Where is my parcel?", Body = "It is a week late." }, Ct);
        await SettledAsync(submitted.Ticket.WorkflowInstanceId!);
        var routed = Runtime.WriteStatistics - before;

        Assert.Equal(TicketStatus.Routed, (await Host.Tickets.GetAsync(submitted.Ticket.Id, Ct))!.Status);
        // The submission (ticket row, instance, and the scrub's checkpoint with its ticket effects), the worker's claim of
        // classify (an LLM call is never run in the submission), and classify's step with decide and route inline.
        Assert.Equal(new WriteStatistics(3, 3), routed);
    }

    [Fact]
    public async Task A_reviewed_ticket_costs_three_commits_to_wait_and_three_more_for_the_decision()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "billing", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.4, rationale = "scripted" }));
        var before = Runtime.WriteStatistics;

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Unsure", Body = "Something about my bill" }, Ct);
        await Host.WaitForStatusAsync(submitted.Ticket.Id, TicketStatus.AwaitingReview);
        await SettledAsync(submitted.Ticket.WorkflowInstanceId!);
        var waiting = Runtime.WriteStatistics - before;
        var decided = await Host.Tickets.DecideAsync(submitted.Ticket.Id, new ReviewDecision { Action = "approve" }, "alice", Ct);
        await SettledAsync(submitted.Ticket.WorkflowInstanceId!);
        var total = Runtime.WriteStatistics - before;

        Assert.Equal(DecisionOutcome.Applied, decided.Outcome);
        Assert.Equal(TicketStatus.Routed, (await Host.Tickets.GetAsync(submitted.Ticket.Id, Ct))!.Status);
        // The submission with its scrub, a claim, and classify with decide, notify (no channel here) and the review gate's
        // suspension inline: the gate's bookmark commits with the classification.
        Assert.Equal(new WriteStatistics(3, 3), waiting);
        // Then the decision (its resume request and audit entry), a claim, and the review gate's resumption with route inline.
        Assert.Equal(new WriteStatistics(6, 6), total);
    }

    private WorkflowRuntime Runtime => Host.Services.GetRequiredService<WorkflowRuntime>();

    private Task SettledAsync(string instanceId) =>
        Eventually.HoldsAsync(() => Host.Queries.IsSettledAsync(instanceId, Ct), $"instance {instanceId} to settle");
}
