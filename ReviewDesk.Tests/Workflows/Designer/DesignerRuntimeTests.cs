using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Tests.Workflows.Triage;
using ReviewDesk.Workflows.Designer;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Designer;

/// <summary>Definitions edited and published through the designer's services, run by the real runtime over a real SQLite file.</summary>
public sealed class DesignerRuntimeTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private TriageHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TriageHost.StartAsync(_database, aiEndpoint: null, local: new KeywordClassifierSource());

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task EditedAndPublishedThroughTheDesigner_RunsInTheRuntimeOnItsNewVersion()
    {
        var designer = DesignerSessions.DesignerOf(_host.Services);
        Assert.True((await designer.DuplicateAsync(TriageDefinitions.DefaultDefinitionId, "designed", "Designed triage", "admin", Ct)).Succeeded);
        var session = (await designer.OpenAsync("designed", Ct))!;

        // Scrub -> Mark (a new SetVariable node) -> Classify; every ticket to review with a 4-hour deadline.
        var mark = session.AddNode("SetVariable", new NodePosition(150, 300));
        Assert.Null(session.SetSetting(mark.Id, "name", "designedBy"));
        Assert.Null(session.SetSetting(mark.Id, "value", "\"designer\""));
        Assert.True(session.Connect("scrub", "Done", mark.Id));
        Assert.True(session.Connect(mark.Id, "Done", "classify"));
        Assert.Null(session.SetSetting("decide", "alwaysReview", "true"));
        Assert.Null(session.SetSetting("review", "deadline", "04:00:00"));
        Assert.Null(session.SetRetry(mark.Id, RetryField.MaximumAttempts, "2"));
        Assert.Empty(session.Errors);

        var published = await designer.PublishAsync(session, "admin", Ct);

        Assert.True(published.Succeeded, string.Join("; ", published.Errors.Select(e => e.Message)));
        Assert.Equal(DefinitionStatus.Published, published.Version!.Status);
        Assert.False(session.IsDirty);

        var submitted = await _host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Invoice charged twice", Body = "My billing shows a double charge.", Variant = "designed" }, Ct);
        var ticket = await _host.WaitForStatusAsync(submitted.Ticket.Id, TicketStatus.AwaitingReview);

        Assert.Equal("designed", ticket.WorkflowDefinition);
        Assert.Equal(published.Version.Version, ticket.WorkflowVersion);
        Assert.Contains("variant_requires_review", ticket.ReviewReasons);
        Assert.InRange(ticket.ReviewDeadline!.Value - ticket.CreatedAt, TimeSpan.FromHours(3.9), TimeSpan.FromHours(4.1));
        var journal = await _host.Queries.GetJournalAsync(ticket.WorkflowInstanceId!, Ct);
        var order = journal.Where(j => j.Type == JournalTypes.ActivityCompleted).Select(j => j.NodeId).ToList();
        Assert.Equal(["scrub", mark.Id, "classify", "decide", "notify"], order);
        var instance = (await _host.Queries.GetInstanceAsync(ticket.WorkflowInstanceId!, Ct))!;
        Assert.Equal("designer", instance.Variables["designedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishThroughTheDesigner_InvalidDocument_ReturnsErrorsOnTheNodeAndStoresNothing()
    {
        var designer = DesignerSessions.DesignerOf(_host.Services);
        var session = (await designer.OpenAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        var versions = (await designer.HistoryAsync(TriageDefinitions.DefaultDefinitionId, Ct)).Count;
        session.Disconnect("decide", "Route");
        session.Disconnect("review", "Approved");

        var result = await designer.PublishAsync(session, "admin", Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("route", Assert.Single(result.Errors).NodeId);
        Assert.Equal(versions, (await designer.HistoryAsync(TriageDefinitions.DefaultDefinitionId, Ct)).Count);
    }

    [Fact]
    public async Task Versions_SaveRetractCompareRevertAndDeleteDraft()
    {
        var designer = DesignerSessions.DesignerOf(_host.Services);
        Assert.True((await designer.DuplicateAsync(TriageDefinitions.DefaultDefinitionId, "versions", "Versions", "admin", Ct)).Succeeded);
        var session = (await designer.OpenAsync("versions", Ct))!;
        Assert.True((await designer.PublishAsync(session, "admin", Ct)).Succeeded);
        session.SetSetting("decide", "threshold", "0.6");
        Assert.True((await designer.PublishAsync(session, "admin", Ct)).Succeeded);

        var changes = (await designer.CompareAsync("versions", 1, 2, Ct))!;
        Assert.Equal("setting threshold", Assert.Single(changes).What);

        Assert.True(await designer.RetractAsync("versions", 2, "admin", Ct));
        var reverted = await designer.RevertAsync("versions", 1, "admin", Ct);
        Assert.Equal(3, reverted.Version!.Version);
        Assert.Equal(DefinitionStatus.Draft, reverted.Version.Status);
        Assert.Empty((await designer.CompareAsync("versions", 1, 3, Ct))!);

        Assert.False(await designer.DeleteDraftAsync("versions", 1, "admin", Ct));
        Assert.True(await designer.DeleteDraftAsync("versions", 3, "admin", Ct));
        var history = await designer.HistoryAsync("versions", Ct);
        Assert.Equal([DefinitionStatus.Retracted, DefinitionStatus.Published], history.Select(v => v.Status));
    }

    [Fact]
    public async Task ImportExportAndList_CountInstancesPerVersion()
    {
        var designer = DesignerSessions.DesignerOf(_host.Services);
        var json = (await designer.ExportAsync(TriageDefinitions.DefaultDefinitionId, 1, Ct))!;
        Assert.False((await designer.ImportAsync("{ not json", "admin", Ct)).Succeeded);
        Assert.False((await designer.CreateAsync("Bad Id", "x", "admin", Ct)).Succeeded);
        Assert.False((await designer.CreateAsync(TriageDefinitions.DefaultDefinitionId, "x", "admin", Ct)).Succeeded);

        var imported = await designer.ImportAsync(json.Replace("\"support-triage\"", "\"imported\"", StringComparison.Ordinal), "admin", Ct);
        await _host.SubmitAsync("Where is my parcel", "Tracking has not moved for a week");

        Assert.True(imported.Succeeded);
        var list = await designer.ListAsync(Ct);
        var shipped = list.Single(d => d.Id == TriageDefinitions.DefaultDefinitionId);
        Assert.Equal(1, shipped.LatestPublished!.Instances);
        Assert.Equal(DefinitionStatus.Draft, list.Single(d => d.Id == "imported").Draft!.Info.Status);
    }

    [Fact]
    public async Task TestRun_RunsTheDraftWithTheLocalProviderWithoutCreatingARealTicket()
    {
        var runner = ActivatorUtilities.CreateInstance<DefinitionTestRunner>(_host.Services);
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        // The stronger provider is not configured; a test run uses the local one anyway.
        session.SetSetting("classify", "provider", "strong");
        session.SetSetting("classify", "fallbackToLocal", "false");
        session.SetSetting("decide", "auditPercent", "0");

        var result = await runner.RunAsync(session.Definition, new SampleTicket("Invoice charged twice", "My billing shows a double charge."), Ct);

        Assert.True(result.Ran, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(["scrub", "classify", "decide", "route"], result.Path);
        Assert.Equal("Route", result.Steps.Single(s => s.NodeId == "decide").Outcome);
        Assert.Equal("finance", result.Steps.Single(s => s.NodeId == "route").Output!["queue"]!.GetValue<string>());
        Assert.Contains("queue finance", result.Summary, StringComparison.Ordinal);
        Assert.Equal(0, (await _host.Queries.CountByStatusAsync(null, Ct)).Values.Sum());
    }

    [Fact]
    public async Task TestRun_StopsAtTheReviewGateAndRefusesAnInvalidDraft()
    {
        var runner = ActivatorUtilities.CreateInstance<DefinitionTestRunner>(_host.Services);
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        session.SetSetting("decide", "alwaysReview", "true");

        var result = await runner.RunAsync(session.Definition, new SampleTicket("Not sure", "not sure what this is"), Ct);
        session.Disconnect("scrub", "Done");
        var invalid = await runner.RunAsync(session.Definition, new SampleTicket("x", "y"), Ct);

        Assert.Equal(WorkflowStatus.Suspended, result.Status);
        Assert.Equal("review", result.WaitingAt);
        // The fast model is unsure of it; the cascade's semantic and LLM steps skip (neither is configured here), then a human.
        Assert.Equal(["scrub", "classify", "classify-semantic", "classify-llm", "decide", "notify", "review"], result.Path);
        Assert.False(invalid.Ran);
        Assert.Contains(invalid.Errors, e => e.NodeId == "classify");
    }

    [Fact]
    public async Task Bug_15_TestRun_OnTheBlazorCircuitsSynchronizationContext_ReturnsAndDeletesItsFolder()
    {
        var folder = Path.Combine(_database.Directory, "test-runs");
        var runner = Runner(folder);
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        session.SetSetting("decide", "auditPercent", "0");
        // The dispatcher of a Blazor circuit: work posted to it waits until the work holding it returns. Disposing the
        // run's host synchronously there blocked it on continuations queued behind itself, so the run never returned.
        var circuit = Dispatcher.CreateDefault();

        var run = circuit.InvokeAsync(() => runner.RunAsync(session.Definition, new SampleTicket("Invoice charged twice", "My billing shows a double charge."), Ct));
        await Eventually.HoldsAsync(() => run.IsCompleted, "the test run to return on the circuit's dispatcher");

        Assert.Equal(WorkflowStatus.Completed, (await run).Status);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task TestRun_ThatFaults_ReportsTheFaultAndTheFailedStep()
    {
        var runner = ActivatorUtilities.CreateInstance<DefinitionTestRunner>(_host.Services);
        // Classify refuses unscrubbed text, and with no Failed connection that faults the instance.
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        session.DeleteNode("scrub");
        session.SetStartNode("classify");
        session.Disconnect("classify", "Failed");
        Assert.Empty(session.Errors);

        var result = await runner.RunAsync(session.Definition, new SampleTicket("Invoice charged twice", "My billing shows a double charge."), Ct);

        Assert.Equal(WorkflowStatus.Faulted, result.Status);
        Assert.Equal(["classify"], result.Path);
        Assert.Contains("has not been scrubbed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_15_TestRun_Cancelled_DeletesItsFolder()
    {
        var folder = Path.Combine(_database.Directory, "test-runs");
        var runner = Runner(folder);
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            runner.RunAsync(session.Definition, new SampleTicket("Invoice charged twice", "My billing shows a double charge."), cancel.Token));

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    private DefinitionTestRunner Runner(string folder) =>
        ActivatorUtilities.CreateInstance<DefinitionTestRunner>(_host.Services, Options.Create(new TestRunOptions { Directory = folder }));
}
