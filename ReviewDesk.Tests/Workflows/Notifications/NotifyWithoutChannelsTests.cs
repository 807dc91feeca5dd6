using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Support;

namespace ReviewDesk.Tests.Workflows.Notifications;

/// <summary>
/// A Notify step on a server with no e-mail and no webhook configured (the default, and every benchmark) sends nothing,
/// so it must cost nothing: it completes without reading the ticket.
/// </summary>
public sealed class NotifyWithoutChannelsTests : TriageTestBase
{
    [Fact]
    public async Task NoChannelConfigured_TheStepCompletesWithoutReadingTheTicket()
    {
        var ct = Ct;
        var definitions = Host.Services.GetRequiredService<WorkflowDefinitionStore>();
        Assert.True((await definitions.SaveAndPublishAsync(Flows.Line("notify-only", Flows.Node("notify", "Notify")), "test", ct)).Succeeded);

        // No ticket row has this id: a step that read the ticket would fault (TicketMissing, not retried).
        var started = await Host.Services.GetRequiredService<WorkflowRuntime>().StartAsync(
            new StartWorkflowRequest { DefinitionId = "notify-only", BusinessKey = "tk_not_a_ticket" }, ct);

        var finished = await Eventually.GetAsync(() => Host.Queries.GetInstanceAsync(started.InstanceId, ct),
            i => i!.Status is WorkflowStatus.Completed or WorkflowStatus.Faulted, "the notify-only instance to finish");
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        Assert.Equal("no channel is configured", finished.Outputs["notify"]?["note"]?.GetValue<string>());
    }
}
