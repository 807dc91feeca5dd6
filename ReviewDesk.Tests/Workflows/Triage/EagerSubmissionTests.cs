using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// Issue 10: a ticket's submission runs its first step, the scrub, and commits it with the ticket (an eager start). When
/// the scrub's own write fails there, the whole submission rolls back and is made again without it, and the worker
/// scrubs the ticket as attempt 1: nothing is lost, nothing is recorded twice. The scrub's write is made to fail by a
/// database trigger that refuses to store the redacted text of a ticket whose workflow has no work item yet, which holds
/// only inside the submission (on the worker, the scrub's claimed work item becomes the next one in the same commit).
/// </summary>
public sealed class EagerSubmissionTests() : TriageTestBase(auditSample: false, services: s => s.Configure<WorkflowRuntimeOptions>(o => o.Worker.LeaseDuration = TimeSpan.FromHours(1)))
{
    [Fact]
    public async Task TheScrubsWriteFailsInTheSubmission_TheTicketIsSubmittedWithoutIt_AndTheWorkerScrubsItOnce()
    {
        await RefuseScrubsOutsideTheWorkerAsync();
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "shipping", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.97, rationale = "scripted" }));
        var before = Runtime.WriteStatistics;

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Where is my parcel?", Body = "Mail me at jane@example.com" }, Ct);
        var routed = await Host.WaitForStatusAsync(submitted.Ticket.Id, TicketStatus.Routed);
        await Eventually.HoldsAsync(() => Host.Queries.IsSettledAsync(routed.WorkflowInstanceId!, Ct), "the instance to settle");

        Assert.True(submitted.Created);
        Assert.Equal("Mail me at <EMAIL_ADDRESS_1>", routed.Body);
        // The submission without its scrub, the worker's claim, the scrub, and classify with decide and route inline.
        Assert.Equal(new WriteStatistics(4, 4), Runtime.WriteStatistics - before);
        var executions = await Host.Queries.GetExecutionsAsync(routed.WorkflowInstanceId!, Ct);
        Assert.Equal(["scrub:1:Completed", "classify:1:Completed", "decide:1:Completed", "route:1:Completed"],
            executions.Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}"));
        var journal = await Host.Queries.GetJournalAsync(routed.WorkflowInstanceId!, Ct);
        Assert.Single(journal, j => j.Type == JournalTypes.Started);
        Assert.DoesNotContain(journal, j => j.Type == JournalTypes.ActivityFailed);
    }

    [Fact]
    public async Task AScrubThatCommitsWithTheSubmission_CostsNoClaim_AndReadsTheSameAsOneOnTheWorker()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "shipping", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.97, rationale = "scripted" }));
        var before = Runtime.WriteStatistics;

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Where is my parcel?", Body = "Mail me at jane@example.com" }, Ct);
        var routed = await Host.WaitForStatusAsync(submitted.Ticket.Id, TicketStatus.Routed);
        await Eventually.HoldsAsync(() => Host.Queries.IsSettledAsync(routed.WorkflowInstanceId!, Ct), "the instance to settle");

        // The submission with the scrub, the worker's claim of classify, and classify's step: no claim and no step of
        // the scrub's own. (Counted once the instance settled: the worker's claim may commit before SubmitAsync returns.)
        Assert.Equal(new WriteStatistics(3, 3), Runtime.WriteStatistics - before);
        Assert.Equal("Mail me at <EMAIL_ADDRESS_1>", routed.Body);
        var executions = await Host.Queries.GetExecutionsAsync(routed.WorkflowInstanceId!, Ct);
        Assert.Equal(["scrub:1:Completed", "classify:1:Completed", "decide:1:Completed", "route:1:Completed"],
            executions.Select(e => $"{e.NodeId}:{e.Attempt}:{e.Status}"));
    }

    private WorkflowRuntime Runtime => Host.Services.GetRequiredService<WorkflowRuntime>();

    private async Task RefuseScrubsOutsideTheWorkerAsync()
    {
        await using var connection = await Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Database.IsPostgres
            ? """
              CREATE FUNCTION refuse_scrub() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                IF NEW."Subject" IS DISTINCT FROM OLD."Subject"
                   AND NOT EXISTS (SELECT 1 FROM "WorkItems" w WHERE w."InstanceId" = NEW."InstanceId") THEN
                  RAISE EXCEPTION 'no scrub outside the worker (test)';
                END IF;
                RETURN NEW;
              END $$;
              CREATE TRIGGER refuse_scrub BEFORE UPDATE ON "Tickets" FOR EACH ROW EXECUTE FUNCTION refuse_scrub();
              """
            : """
              CREATE TRIGGER refuse_scrub BEFORE UPDATE OF "Subject" ON "Tickets"
              WHEN NOT EXISTS (SELECT 1 FROM "WorkItems" w WHERE w."InstanceId" = NEW."InstanceId")
              BEGIN SELECT RAISE(ABORT, 'no scrub outside the worker (test)'); END;
              """;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
