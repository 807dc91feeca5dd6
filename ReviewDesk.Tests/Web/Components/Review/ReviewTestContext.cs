using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Tests.Workflows.Triage;
using ReviewDesk.Web.Hubs;
using ReviewDesk.Web.Identity;
using ReviewDesk.Web.Live;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Components.Review;

/// <summary>
/// bUnit over the real triage services (runtime with its worker, keyword classifier, no audit sample)
/// on a temporary SQLite file, with the review-queue notifier running, so pages see live changes.
/// The signed-in reviewer is set with <see cref="SignIn"/>.
/// </summary>
public abstract class ReviewTestContext : BunitTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private ReviewQueueNotifier? _notifier;

    protected TriageHost Host { get; private set; } = null!;

    protected TicketService Tickets => Host.Tickets;

    protected ReviewQueue Queue => Host.Services.GetRequiredService<ReviewQueue>();

    protected CircuitConnection Connection { get; } = new();

    /// <summary>Dialogs render here.</summary>
    protected IRenderedComponent<MudBlazor.MudDialogProvider> DialogProvider { get; private set; } = null!;

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Host = await TriageHost.StartAsync(_database, aiEndpoint: null, local: new KeywordClassifierSource(), auditSample: false);
        var services = Host.Services;
        var feed = new ReviewQueueFeed(NullLogger<ReviewQueueFeed>.Instance);
        _notifier = new ReviewQueueNotifier(
            services.GetRequiredService<WorkflowEventStream>(), services.GetRequiredService<ReviewEvents>(), Queue, feed,
            new NoHub(), NullLogger<ReviewQueueNotifier>.Instance);
        await _notifier.StartAsync(Ct);

        Services.AddLogging();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Queue);
        Services.AddSingleton(Tickets);
        Services.AddSingleton(services.GetRequiredService<WorkflowDefinitionStore>());
        Services.AddSingleton(services.GetRequiredService<ReviewDesk.Workflows.Audit.AuditLog>());
        Services.AddSingleton(services.GetRequiredService<ReviewDesk.Workflows.Ai.Learning.ModelRetrainer>());
        Services.AddSingleton(services.GetRequiredService<ReviewDesk.Workflows.Ai.Learning.ModelDashboard>());
        Services.AddSingleton(feed);
        Services.AddSingleton(Connection);
        // The queue's bulk Assign lists who may review (no accounts in these tests).
        Services.AddSingleton(services.GetRequiredService<ReviewDesk.Workflows.Notifications.INotificationDirectory>());
        AddServices(services);
        // The pages claim and listen only when interactive, as in a browser's circuit.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        RenderPopoverProvider();
        DialogProvider = Render<MudBlazor.MudDialogProvider>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_notifier is not null) await _notifier.StopAsync(CancellationToken.None);
        _notifier?.Dispose();
        await Host.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>Registers more of <paramref name="host"/>'s services for the components under test, before the first render.</summary>
    protected virtual void AddServices(IServiceProvider host)
    {
    }

    /// <summary>Signs <paramref name="name"/> in, optionally as an admin.</summary>
    protected void SignIn(string name, bool admin = false)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(admin ? [ReviewDeskRoles.Admin] : [ReviewDeskRoles.Reviewer]);
    }

    /// <summary>Submits a ticket the keyword classifier is unsure about and waits until it awaits review.</summary>
    protected async Task<TicketView> SubmitForReviewAsync(string subject, string body = "not sure where this goes")
    {
        var ticket = await Host.SubmitAsync(subject, body);
        return await Host.WaitForStatusAsync(ticket.Id, TicketStatus.AwaitingReview);
    }

    /// <summary>Changes a ticket's claim behind every service's back (no event), as another node would.</summary>
    protected async Task SetClaimSilentlyAsync(string ticketId, string? reviewer)
    {
        var contexts = Host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        DateTimeOffset? until = reviewer is null ? null : DateTimeOffset.UtcNow.AddMinutes(10);
        await db.Tickets.Where(t => t.Id == ticketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, reviewer).SetProperty(t => t.ClaimedUntil, until), Ct);
    }

    /// <summary>The hub is not under test here; the pages read the in-process feed.</summary>
    private sealed class NoHub : IHubContext<ReviewHub, IReviewClient>
    {
        public IHubClients<IReviewClient> Clients { get; } = new NoClients();

        public IGroupManager Groups => throw new NotSupportedException();

        private sealed class NoClients : IHubClients<IReviewClient>
        {
            private static readonly IReviewClient Nobody = new NoClient();

            public IReviewClient All => Nobody;
            public IReviewClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => Nobody;
            public IReviewClient Client(string connectionId) => Nobody;
            public IReviewClient Clients(IReadOnlyList<string> connectionIds) => Nobody;
            public IReviewClient Group(string groupName) => Nobody;
            public IReviewClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => Nobody;
            public IReviewClient Groups(IReadOnlyList<string> groupNames) => Nobody;
            public IReviewClient User(string userId) => Nobody;
            public IReviewClient Users(IReadOnlyList<string> userIds) => Nobody;
        }

        private sealed class NoClient : IReviewClient
        {
            public Task QueueChanged(ReviewQueueChange change) => Task.CompletedTask;
        }
    }
}
