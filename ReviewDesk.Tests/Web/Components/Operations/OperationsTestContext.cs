using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Operations;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Web.Components.Operations;

/// <summary>
/// bUnit over a real runtime (with its worker) on a temporary SQLite file: the components get the
/// runtime's own services, so Retry and Cancel act on real instances and events reach the page.
/// </summary>
public abstract class OperationsTestContext : BunitTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    protected RuntimeHost Host { get; private set; } = null!;

    protected TicketStore Tickets { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Host = await RuntimeHost.StartAsync(_database, time: Time, triageTables: true);
        var contexts = Host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        Tickets = Host.Services.GetRequiredService<TicketStore>();
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(contexts);
        Services.AddSingleton(Host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>());
        Services.AddSingleton(Host.Queries);
        Services.AddSingleton(Host.Runtime);
        Services.AddSingleton(Host.Events);
        Services.AddSingleton(Tickets);
        Services.AddReviewDeskOperations();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Host.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>Starts an instance whose only step fails <paramref name="failures"/> times with one attempt allowed, and waits until it faults.</summary>
    protected async Task<string> StartFaultedAsync(string businessKey, int failures)
    {
        await Host.PublishAsync(Line("fault", Node("f", "Flaky", new() { ["failures"] = failures }, new() { MaximumAttempts = 1 })));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "fault", BusinessKey = businessKey }, Ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Faulted);
        return started.InstanceId;
    }

    protected async Task InsertTicketAsync(string id, TicketStatus status, TimeSpan age, string? queue = null, string? externalId = null,
        string? instanceId = null, TimeSpan? updatedAgo = null, string? decision = null)
    {
        var now = Time.GetUtcNow();
        await TicketRows.InsertAsync(Host.Services, new TicketRecord
        {
            Id = id,
            ExternalId = externalId,
            Channel = "test",
            Status = status,
            ProtectedSubmission = "sealed",
            Queue = queue,
            InstanceId = instanceId,
            DefinitionId = "triage",
            Decision = decision,
            CreatedAt = now - age,
            UpdatedAt = now - (updatedAgo ?? TimeSpan.Zero),
        });
    }
}
