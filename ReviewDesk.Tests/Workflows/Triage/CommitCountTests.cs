using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// What a ticket costs the database, counted at the runtime's writer (through which every write of
/// the triage path goes): one operation for the submission, one per step with its effects (Decide, Route,
/// Notify without a channel and the review gate's wait run inline and commit with the step before them),
/// one per decision, one for each claim of work by the worker, each its own commit when the ticket is alone.
/// (The lease is long so that no heartbeat renewal lands inside a count.)
/// </summary>
public sealed class CommitCountTests() : TriageTestBase(auditSample: false, services: s => s.Configure<WorkflowRuntimeOptions>(o => o.Worker.LeaseDuration = TimeSpan.FromHours(1)))
{
    [Fact]
    public async Task A_routed_ticket_costs_four_commits_one_to_submit_one_claim_and_two_steps()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "shipping", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.97, rationale = "scripted" }));
        var before = Runtime.WriteStatistics;

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Where is my parcel?", Body = "It is a week late." }, Ct);
        await SettledAsync(submitted.Ticket.WorkflowInstanceId!);
        var routed = Runtime.WriteStatistics - before;

        Assert.Equal(TicketStatus.Routed, (await Host.Tickets.GetAsync(submitted.Ticket.Id, Ct))!.Status);
        // The submission (ticket row, instance and first work item), the worker's claim, then scrub, and classify
        // with decide and route inline: each step's checkpoint with its ticket effects in one commit, the next step run in place.
        Assert.Equal(new WriteStatistics(4, 4), routed);
    }

    [Fact]
    public async Task A_reviewed_ticket_costs_four_commits_to_wait_and_three_more_for_the_decision()
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
        // Submission, claim, scrub, and classify with decide, notify (no channel here) and the review gate's
        // suspension inline: the gate's bookmark commits with the classification.
        Assert.Equal(new WriteStatistics(4, 4), waiting);
        // Then the decision (its resume request and audit entry), a claim, and the review gate's resumption with route inline.
        Assert.Equal(new WriteStatistics(7, 7), total);
    }

    private WorkflowRuntime Runtime => Host.Services.GetRequiredService<WorkflowRuntime>();

    private Task SettledAsync(string instanceId) =>
        Eventually.HoldsAsync(() => Host.Queries.IsSettledAsync(instanceId, Ct), $"instance {instanceId} to settle");
}
