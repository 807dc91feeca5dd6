using Bunit;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Components.Operations;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Web.Components.Operations;

public sealed class InstanceTimelinePageTests : OperationsTestContext
{
    [Fact]
    public async Task Render_RetriedThenFaultedInstance_ListsJournalInOrderWithAttemptsRetryDelayErrorsAndIncident()
    {
        await Host.PublishAsync(Line("twice", Node("f", "Flaky", new() { ["failures"] = 2 },
            new() { MaximumAttempts = 2, InitialInterval = TimeSpan.FromSeconds(1) })));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "twice", BusinessKey = "TL-1" }, Ct);
        await WaitForExecutionsAsync(started.InstanceId, 1);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Faulted);

        RenderPopoverProvider();
        var cut = Render<InstanceTimelinePage>(p => p.Add(c => c.InstanceId, started.InstanceId));

        await cut.WaitForElementAsync("[data-testid=journal-entry]");
        Assert.Equal("Faulted", cut.Find("[data-testid=instance-status]").TextContent);
        Assert.Equal("TL-1", cut.Find("[data-testid=instance-business-key]").TextContent);
        var sequences = cut.FindAll("[data-testid=journal-seq]").Select(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal((await Host.Queries.GetJournalAsync(started.InstanceId, Ct)).Count, sequences.Count);
        var types = cut.FindAll("[data-testid=journal-type]").Select(td => td.TextContent).ToList();
        Assert.Equal(JournalTypes.Started, types[0]);
        Assert.Equal(JournalTypes.Faulted, types[^1]);
        Assert.True(types.IndexOf(JournalTypes.RetryScheduled) < types.IndexOf(JournalTypes.Incident));

        var attempts = cut.FindAll("[data-testid=attempt-row]");
        Assert.Equal(2, attempts.Count);
        Assert.Equal(["1", "2"], attempts.Select(a => a.QuerySelector("[data-testid=attempt-number]")!.TextContent));
        Assert.All(attempts, a => Assert.Contains("Transient", a.QuerySelector("[data-testid=attempt-error]")!.TextContent, StringComparison.Ordinal));
        Assert.Equal("attempt 2 in 1 s", attempts[0].QuerySelector("[data-testid=attempt-retry]")!.TextContent);
        Assert.Equal("", attempts[1].QuerySelector("[data-testid=attempt-retry]")!.TextContent);
        var incident = Assert.Single(cut.FindAll("[data-testid=incident-row]"));
        Assert.Contains("Transient: failure 2", incident.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_UnknownInstance_SaysSo()
    {
        var cut = Render<InstanceTimelinePage>(p => p.Add(c => c.InstanceId, "nope"));

        await cut.WaitForElementAsync("[data-testid=instance-not-found]");
    }

    [Fact]
    public async Task InstanceEvent_AfterTheDebounceInterval_RefreshesTheTimeline()
    {
        var instanceId = await StartFaultedAsync("TL-2", failures: 1);
        var cut = Render<InstanceTimelinePage>(p => p.Add(c => c.InstanceId, instanceId));
        await cut.WaitForElementAsync("[data-testid=journal-entry]");
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Host.Events.Subscribe(e =>
        {
            if (e is InstanceChanged { Status: WorkflowStatus.Completed } && e.InstanceId == instanceId) completed.TrySetResult();
        });

        Assert.True((await Host.Runtime.RetryAsync(instanceId, "operator", Ct)).Succeeded);
        await completed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Time.Advance(TimeSpan.FromMilliseconds(500));

        await cut.WaitForAssertionAsync(() => Assert.Equal("Completed", cut.Find("[data-testid=instance-status]").TextContent));
    }

    [Fact]
    public async Task Retry_OnAFaultedInstance_RetriesItFromTheTimeline()
    {
        var instanceId = await StartFaultedAsync("TL-3", failures: 1);
        RenderPopoverProvider();
        var cut = Render<InstanceTimelinePage>(p => p.Add(c => c.InstanceId, instanceId));

        await (await cut.WaitForElementAsync("[data-testid=timeline-retry-button]")).ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.StartsWith("The instance was retried and ", cut.Find("[data-testid=timeline-message]").TextContent.Trim(), StringComparison.Ordinal));
        await Host.WaitForStatusAsync(instanceId, WorkflowStatus.Completed);
        Assert.Contains(await Host.Queries.GetJournalAsync(instanceId, Ct), j => j.Type == JournalTypes.Retried && j.Actor == SignedIn);
    }

    [Fact]
    public async Task Retry_ThatFaultsAgain_SaysSoAndNumbersTheAttemptsOnFromTheFirst()
    {
        var instanceId = await StartFaultedAsync("TL-5", failures: 9);
        RenderPopoverProvider();
        var cut = Render<InstanceTimelinePage>(p => p.Add(c => c.InstanceId, instanceId));

        await (await cut.WaitForElementAsync("[data-testid=timeline-retry-button]")).ClickAsync(new());
        await Host.WaitForStatusAsync(instanceId, WorkflowStatus.Faulted);
        Time.Advance(TimeSpan.FromSeconds(1));

        // Before the fix: a green "Retried." beside Faulted, and both attempts labelled 1 (the runtime counts again from 1 after a retry).
        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("Faulted", cut.Find("[data-testid=instance-status]").TextContent);
            var message = cut.Find("[data-testid=timeline-message]");
            Assert.StartsWith("The instance was retried and faulted again: ", message.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Contains("mud-alert-text-warning", message.ClassName, StringComparison.Ordinal);
            Assert.Equal(["1", "2"], cut.FindAll("[data-testid=attempt-number]").Select(a => a.TextContent));
        });
    }

    [Fact]
    public async Task Cancel_OnAFaultedInstance_CancelsItFromTheTimeline()
    {
        var instanceId = await StartFaultedAsync("TL-4", failures: 9);
        RenderPopoverProvider();
        var dialogs = RenderDialogProvider();
        var cut = Render<InstanceTimelinePage>(p => p.Add(c => c.InstanceId, instanceId));

        var click = (await cut.WaitForElementAsync("[data-testid=timeline-cancel-button]")).ClickAsync(new());
        await ConfirmCancelAsync(dialogs, "customer withdrew");
        await click;

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("Cancelled", cut.Find("[data-testid=instance-status]").TextContent);
            Assert.Empty(cut.FindAll("[data-testid=timeline-cancel-button]"));
        });
        Assert.Equal(WorkflowStatus.Cancelled, (await Host.Queries.GetInstanceAsync(instanceId, Ct))!.Status);
        Assert.Contains(await Host.Queries.GetJournalAsync(instanceId, Ct), j => j.Type == JournalTypes.Cancelled && j.Actor == SignedIn);
        Assert.Equal(SignedIn, Assert.Single(await AuditAsync(ReviewDesk.Workflows.Audit.AuditActions.CancelInstance)).Actor);
    }

    private Task WaitForExecutionsAsync(string instanceId, int count) =>
        Eventually.HoldsAsync(async () => (await Host.Queries.GetExecutionsAsync(instanceId, Ct)).Count >= count, $"{count} checkpointed attempts of {instanceId}");
}
