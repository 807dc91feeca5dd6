using Bunit;
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

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

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

    /// <summary>The signed-in person the pages act as (<see cref="BunitTestContext"/>'s default).</summary>
    protected const string SignedIn = "test-admin";

    /// <summary>Renders the dialog provider (before the page), so the Cancel confirmation can open.</summary>
    protected IRenderedComponent<MudBlazor.MudDialogProvider> RenderDialogProvider() => Render<MudBlazor.MudDialogProvider>();

    /// <summary>Waits for the Cancel confirmation in <paramref name="dialogs"/>, gives <paramref name="reason"/> and confirms.</summary>
    protected static async Task ConfirmCancelAsync(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string reason)
    {
        var dialog = (await Eventually.GetAsync(() => Task.FromResult(dialogs.FindComponents<ReviewDesk.Web.Components.Review.CommentDialog>()), found => found.Count > 0, "the cancel confirmation to open"))[0];
        Assert.Contains("This cannot be undone.", dialog.Markup, StringComparison.Ordinal);
        await dialog.InvokeAsync(() => dialog.Find("[data-testid=comment-dialog-confirm]").ClickAsync(new()));
        await dialog.WaitForAssertionAsync(() => Assert.Contains("A reason is required.", dialog.Markup, StringComparison.Ordinal));
        await dialog.InvokeAsync(() => dialog.Find("textarea").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = reason }));
        await dialog.InvokeAsync(() => dialog.Find("[data-testid=comment-dialog-confirm]").ClickAsync(new()));
    }

    /// <summary>The audit trail's entries of <paramref name="action"/>, newest first.</summary>
    protected async Task<IReadOnlyList<ReviewDesk.Workflows.Audit.AuditEntry>> AuditAsync(string action) =>
        (await Host.Services.GetRequiredService<ReviewDesk.Workflows.Audit.AuditLog>().QueryAsync(new ReviewDesk.Workflows.Audit.AuditQuery { Action = action }, Ct)).Items;
}
