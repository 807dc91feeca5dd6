using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Triage;
using ReviewDesk.Workflows.Triage.Contracts;

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
        await RecordStoredSubmissionsAsync();
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
        // The worker's scrub read the submission stored for it, then dropped it.
        Assert.Equal([routed.Id], await StoredSubmissionsAsync());
        Assert.Null(await ProtectedSubmissionAsync(routed.Id));
    }

    [Fact]
    public async Task TheRawSubmission_IsNeverWritten_WhenItsScrubCommitsWithIt_AndTheOriginalsStayRevealable()
    {
        await RecordStoredSubmissionsAsync();
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "shipping", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.97, rationale = "scripted" }));

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission
        {
            Subject = "Where is my parcel?", Body = "Mail me at jane@example.com",
            Customer = new CustomerInfo("Jane Roe", "jane.roe@example.com"),
        }, Ct);
        var routed = await Host.WaitForStatusAsync(submitted.Ticket.Id, TicketStatus.Routed);

        Assert.Empty(await StoredSubmissionsAsync());
        Assert.Null(await ProtectedSubmissionAsync(routed.Id));
        var revealed = await Host.Tickets.RevealPiiAsync(routed.Id, "ops@example.test", Ct);
        Assert.Equal("jane@example.com", Assert.Single(revealed!.Values).Value);
    }

    [Fact]
    public async Task ATicketWithoutPii_StoresNoEncryptedOriginals_AndRevealsNothing()
    {
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "shipping", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.97, rationale = "scripted" }));

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Where is my parcel?", Body = "It has been a week." }, Ct);
        var routed = await Host.WaitForStatusAsync(submitted.Ticket.Id, TicketStatus.Routed);

        Assert.Empty(routed.PiiSpans);
        await using (var connection = await Database.OpenAsync(Ct))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """SELECT COUNT(*) FROM "Tickets" WHERE "ProtectedOriginals" IS NULL AND "PiiSpans" = '[]'""";
            Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
        }

        var revealed = await Host.Tickets.RevealPiiAsync(routed.Id, "ops@example.test", Ct);
        Assert.Empty(revealed!.Values);
    }

    [Fact]
    public async Task ASecondScrubNode_KeepsTheFirstScrubsResult_ForTheSubmissionIsGone()
    {
        var definitions = Host.Services.GetRequiredService<WorkflowDefinitionStore>();
        var published = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        var scrub = published.Nodes.Single(n => n.Id == "scrub");
        var twice = published with
        {
            Id = "scrub-twice", Name = "Scrub twice",
            Nodes = [.. published.Nodes, scrub with { Id = "scrub-again" }],
            Connections =
            [
                .. published.Connections.Where(c => c.From != "scrub"),
                new WorkflowConnection { From = "scrub", Outcome = "Done", To = "scrub-again" },
                new WorkflowConnection { From = "scrub-again", Outcome = "Done", To = "classify" },
            ],
        };
        var saved = await definitions.SaveAndPublishAsync(twice, "test", Ct);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "shipping", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.97, rationale = "scripted" }));

        var submitted = await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Where is my parcel?", Body = "Mail me at jane@example.com", Variant = "scrub-twice" }, Ct);
        var routed = await Host.WaitForStatusAsync(submitted.Ticket.Id, TicketStatus.Routed);

        Assert.Equal("Mail me at <EMAIL_ADDRESS_1>", routed.Body);
        Assert.Equal([new PiiSpan("body", "EMAIL_ADDRESS", 11, 27, "<EMAIL_ADDRESS_1>")], routed.PiiSpans);
        var executions = await Host.Queries.GetExecutionsAsync(routed.WorkflowInstanceId!, Ct);
        Assert.Contains(executions, e => e.NodeId == "scrub-again" && e.Status == "Completed");
        var instance = (await Host.Queries.GetInstanceAsync(routed.WorkflowInstanceId!, Ct))!;
        Assert.Equal(1, instance.Variables[TriageDefinitions.Variables.Pii.Name]!["count"]!.GetValue<int>());
        var revealed = await Host.Tickets.RevealPiiAsync(routed.Id, "ops@example.test", Ct);
        Assert.Equal("jane@example.com", Assert.Single(revealed!.Values).Value);
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

    private async Task<string?> ProtectedSubmissionAsync(string ticketId)
    {
        await using var connection = await Database.OpenAsync(Ct);
        await using var command = Database.Dialect.CreateCommand(connection, """SELECT "ProtectedSubmission" FROM "Tickets" WHERE "Id" = $1""", ticketId);
        return await command.ExecuteScalarAsync(Ct) as string;
    }

    /// <summary>A trigger notes every ticket row written with its raw submission (encrypted) in it.</summary>
    private async Task RecordStoredSubmissionsAsync()
    {
        await using var connection = await Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Database.IsPostgres
            ? """
              CREATE TABLE "StoredSubmissions" ("TicketId" TEXT NOT NULL);
              CREATE FUNCTION note_submission() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                IF NEW."ProtectedSubmission" IS NOT NULL THEN INSERT INTO "StoredSubmissions" VALUES (NEW."Id"); END IF;
                RETURN NEW;
              END $$;
              CREATE TRIGGER note_submission AFTER INSERT ON "Tickets" FOR EACH ROW EXECUTE FUNCTION note_submission();
              """
            : """
              CREATE TABLE "StoredSubmissions" ("TicketId" TEXT NOT NULL);
              CREATE TRIGGER note_submission AFTER INSERT ON "Tickets" WHEN NEW."ProtectedSubmission" IS NOT NULL
              BEGIN INSERT INTO "StoredSubmissions" VALUES (NEW."Id"); END;
              """;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<List<string>> StoredSubmissionsAsync()
    {
        await using var connection = await Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "TicketId" FROM "StoredSubmissions" """;
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) ids.Add(reader.GetString(0));
        return ids;
    }

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
