using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// A ticket's status moves in the commit that faults its workflow, and again in the commit of an
/// operator's retry: the instance and the ticket are never read apart.
/// </summary>
public sealed class TicketFaultTests() : TriageTestBase(services: s => s.AddSingleton<Gate>().AddWorkflowActivity<GateActivity>())
{
    [Fact]
    public async Task A_fault_makes_the_ticket_Failed_in_its_commit_and_a_retry_makes_it_Triaging_in_the_retrys_commit()
    {
        var ct = Ct;
        var gate = Host.Services.GetRequiredService<Gate>();
        var definitions = Host.Services.GetRequiredService<WorkflowDefinitionStore>();
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, ct))!;
        var gated = shipped with
        {
            Id = "gated",
            Name = "Gated",
            StartNodeId = "gate",
            Nodes = [new WorkflowNode { Id = "gate", Type = GateActivity.Descriptor.Type, Retry = new RetryPolicySettings { MaximumAttempts = 1 } }, .. shipped.Nodes],
            Connections = [new WorkflowConnection { From = "gate", Outcome = "Done", To = shipped.StartNodeId! }, .. shipped.Connections],
        };
        Assert.True((await definitions.SaveAndPublishAsync(gated, "test", ct)).Succeeded);
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "billing", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.4, rationale = "scripted" }));

        var ticket = (await Host.Tickets.SubmitAsync(new TicketSubmission { Subject = "Invoice", Body = "My invoice is wrong", Variant = "gated" }, ct)).Ticket;
        var instanceId = ticket.WorkflowInstanceId!;
        await Eventually.GetAsync(() => Host.Queries.GetInstanceAsync(instanceId, ct), i => i!.Status == WorkflowStatus.Faulted, "the instance to fault");

        // The instance was read Faulted first: the ticket, written in the same commit, cannot lag behind it.
        Assert.Equal(TicketStatus.Failed, (await Host.Tickets.GetAsync(ticket.Id, ct))!.Status);

        gate.Open();
        var retried = await Host.Services.GetRequiredService<WorkflowRuntime>().RetryAsync(instanceId, "operator", ct);

        Assert.True(retried.Succeeded);
        // The gate holds the retried step, so nothing but the retry's commit has touched the ticket.
        await gate.EnteredOpen.WaitAsync(ct);
        Assert.Equal(TicketStatus.Triaging, (await Host.Tickets.GetAsync(ticket.Id, ct))!.Status);
        gate.Release();
        await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);
    }

    /// <summary>Fails every attempt until opened; once open, holds each attempt until released.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _enteredOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _open;

        public void Open() => _open = true;

        public void Release() => _released.TrySetResult();

        /// <summary>Completes when an attempt has reached the gate after it was opened.</summary>
        public Task EnteredOpen => _enteredOpen.Task;

        public async Task PassAsync(CancellationToken cancellationToken)
        {
            if (!_open) throw new ActivityException("Closed", "the gate is closed", nonRetryable: true);
            _enteredOpen.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Passes the test's gate, then continues.</summary>
    public sealed class GateActivity(Gate gate) : IActivityType
    {
        public static ActivityDescriptor Descriptor { get; } = new() { Type = "TestGate", DisplayName = "Gate", Description = "Test: fails or holds on the test's gate." };

        public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            await gate.PassAsync(context.CancellationToken);
            return ActivityResult.Done();
        }
    }
}
