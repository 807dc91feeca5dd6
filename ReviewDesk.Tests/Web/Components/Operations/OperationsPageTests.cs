using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Components.Operations;
using ReviewDesk.Web.Live;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Web.Components.Operations;

public sealed class OperationsPageTests : OperationsTestContext
{
    [Fact]
    public async Task Render_WithTicketsAndInstances_ShowsCountsThroughputAndLongestWaiting()
    {
        await Host.PublishAsync(Line("plain", Node("a", "Record")));
        var done = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "plain", BusinessKey = "P-1" }, Ct);
        await Host.WaitForStatusAsync(done.InstanceId, WorkflowStatus.Completed);
        await InsertTicketAsync("T-new", TicketStatus.AwaitingReview, TimeSpan.FromMinutes(5));
        await InsertTicketAsync("T-old", TicketStatus.Escalated, TimeSpan.FromMinutes(90));
        // Routed automatically 10 minutes ago, 15 minutes after submission (no decision: its update is the decision).
        await InsertTicketAsync("T-auto", TicketStatus.Routed, TimeSpan.FromMinutes(25), queue: "billing", updatedAgo: TimeSpan.FromMinutes(10));
        // Decided by a reviewer 30 minutes after submission, updated later.
        var decidedAt = Time.GetUtcNow().AddMinutes(-5);
        await InsertTicketAsync("T-reviewed", TicketStatus.Routed, TimeSpan.FromMinutes(35), queue: "billing", updatedAgo: TimeSpan.FromMinutes(1),
            decision: $$"""{"reviewer":"r","decidedAt":"{{decidedAt:O}}"}""");

        RenderPopoverProvider();
        var cut = Render<OperationsPage>();

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("1", cut.Find("[data-testid=workflow-count-completed]").TextContent);
            Assert.Equal("0", cut.Find("[data-testid=workflow-count-faulted]").TextContent);
            Assert.Equal("1", cut.Find("[data-testid=ticket-count-awaitingreview]").TextContent);
            Assert.Equal("1", cut.Find("[data-testid=ticket-count-escalated]").TextContent);
            Assert.Equal("2", cut.Find("[data-testid=ticket-count-routed]").TextContent);
            Assert.Equal("2", cut.Find("[data-testid=queue-count-billing]").TextContent);
            Assert.Equal("2", cut.Find("[data-testid=throughput-total]").TextContent);
            Assert.Equal("22.5 min", cut.Find("[data-testid=throughput-median]").TextContent);
        });
        var waiting = cut.FindAll("[data-testid=waiting-ticket]");
        Assert.Equal(2, waiting.Count);
        Assert.StartsWith("T-old", waiting[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("T-new", waiting[1].TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=live-indicator]"));
    }

    [Fact]
    public async Task Render_HistoryForTheLastHour_TogglesToTheLastDay()
    {
        await InsertTicketAsync("T-recent", TicketStatus.AwaitingReview, TimeSpan.FromMinutes(10));
        await InsertTicketAsync("T-morning", TicketStatus.AwaitingReview, TimeSpan.FromHours(3));
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("LastHour", cut.Find("[data-testid=history]").GetAttribute("data-range"));
            Assert.Equal("1", cut.Find("[data-testid=history-submitted-total]").TextContent);
            Assert.Equal("now 2", cut.Find("[data-testid=history-backlog-summary]").TextContent);
        });
        // Nothing is stuck: no work item waits.
        Assert.Empty(cut.FindAll("[data-testid=stuck-work-banner]"));

        await cut.FindAll("[data-testid=history-range] .mud-toggle-item").Single(b => b.TextContent.Contains("Last day", StringComparison.Ordinal)).ClickAsync(new());

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("LastDay", cut.Find("[data-testid=history]").GetAttribute("data-range"));
            Assert.Equal("2", cut.Find("[data-testid=history-submitted-total]").TextContent);
        });
    }

    [Fact]
    public async Task RefreshInterval_NoEvent_TheBoardReloadsOnItsOwn()
    {
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();
        await cut.WaitForAssertionAsync(() => Assert.Equal("0", cut.Find("[data-testid=history-submitted-total]").TextContent));
        await cut.WaitForElementAsync("[data-testid=live-indicator]");

        // Written straight into the table: no workflow event announces it, as nothing announces work that is stuck.
        await InsertTicketAsync("T-quiet", TicketStatus.Received, TimeSpan.Zero);
        Time.Advance(new ReviewDesk.Web.Operations.OperationsOptions().RefreshInterval);

        await cut.WaitForAssertionAsync(() =>
        {
            // The debounce timer of the refresh the tick asked for runs on the same clock.
            Time.Advance(LiveRefresh.Interval);
            Assert.Equal("1", cut.Find("[data-testid=history-submitted-total]").TextContent);
        });
    }

    [Fact]
    public async Task Retry_FaultedInstance_RetriesItAndItLeavesFaulted()
    {
        var instanceId = await StartFaultedAsync("F-1", failures: 1);
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();
        var row = await cut.WaitForElementAsync($"[data-testid=problem-instance][data-instance-id='{instanceId}']");
        Assert.Equal("Faulted", row.QuerySelector("[data-testid=problem-status]")!.TextContent);

        await cut.InvokeAsync(() => cut.Find($"[data-instance-id='{instanceId}'] [data-testid=retry-button]").ClickAsync(new()));

        await cut.WaitForAssertionAsync(() => Assert.Contains($"{instanceId} was retried and runs again", cut.Find("[data-testid=operations-message]").TextContent, StringComparison.Ordinal));
        var instance = await Host.WaitForStatusAsync(instanceId, WorkflowStatus.Completed);
        Assert.NotEqual(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains(await Host.Queries.GetJournalAsync(instanceId, Ct), j => j.Type == JournalTypes.Retried && j.Actor == SignedIn);
        var audited = Assert.Single(await AuditAsync(ReviewDesk.Workflows.Audit.AuditActions.RetryInstance));
        Assert.Equal((SignedIn, $"instance:{instanceId}"), (audited.Actor, audited.Target));
    }

    [Fact]
    public async Task Render_InstanceThatTookItsFailedConnection_IsListedWithItsOpenIncident()
    {
        var flaky = Node("f", "Flaky", new() { ["failures"] = 9 }, new() { MaximumAttempts = 1 });
        await Host.PublishAsync(Line("fallback", flaky, Node("next", "Record")).With(Connect("f", "Failed", "next")));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "fallback", BusinessKey = "I-1" }, Ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);
        Assert.Contains(await Host.Queries.GetIncidentsAsync(null, Ct), i => i.InstanceId == started.InstanceId);

        RenderPopoverProvider();
        var cut = Render<OperationsPage>();

        var row = await cut.WaitForElementAsync($"[data-testid=problem-instance][data-instance-id='{started.InstanceId}']");
        Assert.Equal("Completed", row.QuerySelector("[data-testid=problem-status]")!.TextContent);
        Assert.Contains("I-1", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("failure 1", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_FaultedInstance_CancelsIt()
    {
        var instanceId = await StartFaultedAsync("F-2", failures: 9);
        RenderPopoverProvider();
        var dialogs = RenderDialogProvider();
        var cut = Render<OperationsPage>();
        await cut.WaitForElementAsync($"[data-testid=problem-instance][data-instance-id='{instanceId}']");

        // The click's handler waits for the confirmation, so it is not awaited here.
        var click = cut.InvokeAsync(() => cut.Find($"[data-instance-id='{instanceId}'] [data-testid=cancel-button]").ClickAsync(new()));
        Assert.Equal(WorkflowStatus.Faulted, (await Host.Queries.GetInstanceAsync(instanceId, Ct))!.Status);
        await ConfirmCancelAsync(dialogs, "duplicate of F-1");
        await click;

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Contains($"Cancelled {instanceId}", cut.Find("[data-testid=operations-message]").TextContent, StringComparison.Ordinal);
            Assert.Empty(cut.FindAll($"[data-testid=problem-instance][data-instance-id='{instanceId}']"));
        });
        Assert.Equal(WorkflowStatus.Cancelled, (await Host.Queries.GetInstanceAsync(instanceId, Ct))!.Status);
        Assert.Contains(await Host.Queries.GetJournalAsync(instanceId, Ct), j => j.Type == JournalTypes.Cancelled && j.Actor == SignedIn);
        var audited = Assert.Single(await AuditAsync(ReviewDesk.Workflows.Audit.AuditActions.CancelInstance));
        Assert.Equal((SignedIn, $"instance:{instanceId}", "duplicate of F-1"), (audited.Actor, audited.Target, audited.Detail["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Retry_ThatFaultsAgain_SaysSoInsteadOfRetried()
    {
        var instanceId = await StartFaultedAsync("F-4", failures: 9);
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();
        await cut.WaitForElementAsync($"[data-testid=problem-instance][data-instance-id='{instanceId}']");

        await cut.InvokeAsync(() => cut.Find($"[data-instance-id='{instanceId}'] [data-testid=retry-button]").ClickAsync(new()));
        await Host.WaitForStatusAsync(instanceId, WorkflowStatus.Faulted);
        Time.Advance(TimeSpan.FromSeconds(1));

        // Before the fix a green "Retried" stayed beside the instance listed Faulted again.
        await cut.WaitForAssertionAsync(() =>
        {
            var message = cut.Find("[data-testid=operations-message]");
            Assert.Contains($"{instanceId} was retried and faulted again: ", message.TextContent, StringComparison.Ordinal);
            Assert.Contains("mud-alert-text-warning", message.ClassName, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Retry_InstanceNoLongerFaulted_ShowsTheRuntimesError()
    {
        var instanceId = await StartFaultedAsync("F-3", failures: 9);
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();
        await cut.WaitForElementAsync($"[data-testid=problem-instance][data-instance-id='{instanceId}']");
        await Host.Runtime.CancelAsync(instanceId, "someone else", cancellationToken: Ct);

        await cut.InvokeAsync(() => cut.Find($"[data-instance-id='{instanceId}'] [data-testid=retry-button]").ClickAsync(new()));

        await cut.WaitForAssertionAsync(() => Assert.Contains("only a faulted instance can be retried", cut.Find("[data-testid=operations-message]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("T-42")]
    [InlineData("EXT-42")]
    public async Task Search_ByTicketIdOrExternalId_NavigatesToTheInstanceTimeline(string term)
    {
        await InsertTicketAsync("T-42", TicketStatus.AwaitingReview, TimeSpan.FromMinutes(3), externalId: "EXT-42", instanceId: "inst-42");
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();

        await cut.InvokeAsync(() => cut.Find("[data-testid=operations-search] input").InputAsync(new() { Value = term }));
        await cut.InvokeAsync(() => cut.Find("[data-testid=operations-search-button]").ClickAsync(new()));

        var navigation = Services.GetRequiredService<NavigationManager>();
        await cut.WaitForAssertionAsync(() => Assert.Equal("http://localhost/operations/instances/inst-42", navigation.Uri));
    }

    [Fact]
    public async Task Search_UnknownTicket_StaysAndSaysSo()
    {
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();

        await cut.InvokeAsync(() => cut.Find("[data-testid=operations-search] input").InputAsync(new() { Value = "nope" }));
        await cut.InvokeAsync(() => cut.Find("[data-testid=operations-search-button]").ClickAsync(new()));

        await cut.WaitForAssertionAsync(() => Assert.Contains("nope", cut.Find("[data-testid=operations-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task WorkflowEvent_AfterTheDebounceInterval_RefreshesTheCounts()
    {
        await Host.PublishAsync(Line("plain", Node("a", "Record")));
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();
        await cut.WaitForAssertionAsync(() => Assert.Equal("0", cut.Find("[data-testid=workflow-count-completed]").TextContent));
        // The page subscribed first, so by the time this handler sees the completion the page's timer is armed.
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Host.Events.Subscribe(e =>
        {
            if (e is InstanceChanged { Status: WorkflowStatus.Completed }) completed.TrySetResult();
        });

        await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "plain", BusinessKey = "L-1" }, Ct);
        await completed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("0", cut.Find("[data-testid=workflow-count-completed]").TextContent);
        Time.Advance(TimeSpan.FromMilliseconds(500));

        await cut.WaitForAssertionAsync(() => Assert.Equal("1", cut.Find("[data-testid=workflow-count-completed]").TextContent));
    }

    [Fact]
    public async Task LiveRefresh_DatabaseQueryFails_KeepsTheBoardAndMarksItStale()
    {
        await Host.PublishAsync(Line("plain", Node("a", "Record")));
        RenderPopoverProvider();
        var cut = Render<OperationsPage>();
        await cut.WaitForElementAsync("[data-testid=live-indicator]");
        var contexts = Host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            // Temporary test database: losing the tickets table makes every board refresh fail.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE Tickets", Ct);
        }

        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Host.Events.Subscribe(e =>
        {
            if (e is InstanceChanged { Status: WorkflowStatus.Completed }) completed.TrySetResult();
        });
        await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "plain", BusinessKey = "S-1" }, Ct);
        await completed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMilliseconds(500));

        await cut.WaitForElementAsync("[data-testid=live-indicator-stale]");
        Assert.NotNull(cut.Find("[data-testid=workflow-count]"));
    }
}
