using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Components.Pages;
using ReviewDesk.Web.Hosting;
using ReviewDesk.Web.Identity;
using ReviewDesk.Web.Live;
using ReviewDesk.Web.Operations;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Web.Components;

/// <summary>
/// The home page of an operator (issue 15, item 11) over a real engine on a temporary SQLite file and a fake clock: a
/// first host with a worker faults an instance (an open incident too) and stops; the page then runs on a second host
/// without a worker, so the work it starts stays due and unclaimed: stuck work, with an age the clock decides.
/// </summary>
public sealed class HomeOperatorTests : BunitTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private RuntimeHost _host = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using (var faulting = await RuntimeHost.StartAsync(_database, time: _time, triageTables: true, name: "faulting"))
        {
            await faulting.PublishAsync(Line("fault", Node("f", "Flaky", new() { ["failures"] = 5 }, new() { MaximumAttempts = 1 })));
            var started = await faulting.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "fault", BusinessKey = "F-1" }, Ct);
            await faulting.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Faulted);
        }

        _host = await RuntimeHost.StartAsync(_database, time: _time, worker: false, triageTables: true, name: "idle");
        await _host.PublishAsync(Line("pair", Node("a", "NoOp"), Node("b", "NoOp")));
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton(new SystemInfo("Staging", "SQLite", "1.2.3"));
        Services.AddSingleton(_host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>());
        Services.AddSingleton(_host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>());
        Services.AddSingleton(_host.Queries);
        Services.AddSingleton(_host.Runtime);
        Services.AddSingleton(_host.Events);
        Services.AddSingleton(_host.Services.GetRequiredService<TicketStore>());
        Services.AddSingleton(new CircuitConnection());
        Services.AddReviewDeskOperations();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Authorization.SetAuthorized("olga");
        Authorization.SetRoles(ReviewDeskRoles.Operator);
    }

    [Fact]
    public async Task Operator_SeesFaultedIncidentsStuckWorkAndWaitingLongest_LiveAndWithoutReviewFigures()
    {
        var stuck = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pair", BusinessKey = "S-1" }, Ct);
        await TicketRows.InsertAsync(_host.Services, new TicketRecord
        {
            Id = "tk_waiting", Channel = "test", Status = TicketStatus.AwaitingReview, ProtectedSubmission = "sealed", Subject = "Refund for <PERSON_1> never arrived",
            InstanceId = stuck.InstanceId, DefinitionId = "triage", CreatedAt = _time.GetUtcNow(), UpdatedAt = _time.GetUtcNow(),
        });
        _time.Advance(TimeSpan.FromMinutes(90));

        var cut = Render<Home>();

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("1", cut.Find("[data-testid=home-faulted-count]").TextContent);
            Assert.Equal("1", cut.Find("[data-testid=home-incident-count]").TextContent);
            Assert.Equal("1", cut.Find("[data-testid=home-due-count]").TextContent);
            Assert.Equal("1 h 30 min", cut.Find("[data-testid=home-oldest-due]").TextContent);
            // 90 minutes is past the board's stuck-work threshold (5 minutes by default): the home says so as the board does.
            Assert.Contains("threshold 5 min", cut.Find("[data-testid=stuck-work-banner]").TextContent, StringComparison.Ordinal);
            var waiting = cut.Find("[data-testid=home-waiting-longest-ticket]");
            Assert.Equal("Refund for <PERSON_1> never arrived", waiting.TextContent);
            Assert.Equal($"/operations/instances/{stuck.InstanceId}", waiting.GetAttribute("href"));
            Assert.Equal("1 h 30 min", cut.Find("[data-testid=home-waiting-longest-age]").TextContent);
            Assert.NotNull(cut.Find("[data-testid=home-operate-live]"));
        });
        Assert.Equal("/operations", cut.Find("[data-testid=home-open-board]").GetAttribute("href"));
        Assert.Equal("1", cut.Find("[data-testid=workflow-count-faulted]").TextContent);
        foreach (var id in new[] { "home-review", "home-waiting-count", "home-nearest-deadline", "home-overdue-count", "home-open-queue", "home-admin", "home-no-role" })
        {
            Assert.True(cut.FindAll($"[data-testid={id}]").Count == 0, $"{id} is shown to an operator");
        }

        // Another start is a workflow event: the card reads again by itself once the debounce interval has passed.
        var announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_host.Events.Subscribe(_ => announced.TrySetResult()))
        {
            await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pair", BusinessKey = "S-2" }, Ct);
            await announced.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        _time.Advance(TimeSpan.FromMilliseconds(500));
        await cut.WaitForAssertionAsync(() => Assert.Equal("2", cut.Find("[data-testid=home-due-count]").TextContent));
        Assert.Equal("1 h 30 min", cut.Find("[data-testid=home-oldest-due]").TextContent);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _host.DisposeAsync();
        _database.Dispose();
    }
}
