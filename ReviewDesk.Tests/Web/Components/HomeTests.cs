using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Web.Components.Review;
using ReviewDesk.Web.Components.Pages;
using ReviewDesk.Web.Hosting;
using ReviewDesk.Web.Identity;
using ReviewDesk.Web.Operations;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Components;

/// <summary>
/// The home page by role (issue 15, item 11) over the real triage services: what a reviewer, an admin and an account
/// without a role see, and what they do not. The operator's figures are in <see cref="HomeOperatorTests"/>.
/// </summary>
public sealed class HomeTests : ReviewTestContext
{
    private static readonly string[] OperatorOnly = ["home-operate", "home-faulted-count", "home-incident-count", "home-stuck-work", "home-waiting-longest", "workflow-status-card"];
    private static readonly string[] ReviewerOnly = ["home-review", "home-waiting-count", "home-nearest-deadline", "home-open-queue"];

    protected override void AddServices(IServiceProvider host)
    {
        Services.AddSingleton(new SystemInfo("Staging", "PostgreSQL", "1.2.3 (abc1234)"));
        Services.AddSingleton(host.GetRequiredService<IDbContextFactory<TriageDbContext>>());
        Services.AddSingleton(host.GetRequiredService<IDbContextFactory<WorkflowDbContext>>());
        Services.AddSingleton(host.GetRequiredService<WorkflowQueries>());
        Services.AddSingleton(host.GetRequiredService<WorkflowEventStream>());
        Services.AddSingleton(host.GetRequiredService<WorkflowRuntime>());
        Services.AddSingleton(host.GetRequiredService<TicketStore>());
        Services.AddReviewDeskOperations();
    }

    [Fact]
    public async Task Reviewer_SeesWhatWaitsForThem_TheNearestDeadlineLinkingToItsTicket_OverdueAndEscalated_AndNoOperatorFigures()
    {
        SignIn("alice");
        var overdue = await SubmitForReviewAsync("Invoice charged twice");
        var escalated = await SubmitForReviewAsync("Parcel never arrived");
        var heldByBob = await SubmitForReviewAsync("Password reset loops");
        var mine = await SubmitForReviewAsync("Cannot change my plan");
        await SetDeadlineAsync(overdue.Id, DateTimeOffset.UtcNow.AddMinutes(-5));
        await Tickets.DecideAsync(escalated.Id, new ReviewDecision { Action = ReviewDecision.Escalate, Comment = "needs a lead" }, "carol", Ct);
        await Host.WaitForStatusAsync(escalated.Id, TicketStatus.Escalated);
        await SetClaimSilentlyAsync(heldByBob.Id, "bob");
        await SetClaimSilentlyAsync(mine.Id, "alice");

        var cut = Render<Home>();

        await cut.WaitForAssertionAsync(() =>
        {
            // Bob's claim keeps his ticket out of Alice's count; her own claim does not.
            Assert.Equal("3", cut.Find("[data-testid=home-waiting-count]").TextContent);
            Assert.Equal("1", cut.Find("[data-testid=home-overdue-count]").TextContent);
            Assert.Equal("1", cut.Find("[data-testid=home-escalated-count]").TextContent);
            var nearest = cut.Find("[data-testid=home-nearest-ticket]");
            Assert.Equal("Invoice charged twice", nearest.TextContent);
            Assert.Equal($"/tickets/{overdue.Id}", nearest.GetAttribute("href"));
            Assert.StartsWith("overdue 5 min", cut.Find("[data-testid=home-nearest-time-left]").TextContent, StringComparison.Ordinal);
        });
        Assert.Equal("/review", cut.Find("[data-testid=home-open-queue]").GetAttribute("href"));
        AssertAbsent(cut, OperatorOnly);
        AssertAbsent(cut, ["home-admin", "home-no-role"]);
    }

    [Fact]
    public async Task Reviewer_ANewTicketNeedingReview_RaisesTheCountWithoutARender()
    {
        SignIn("alice");
        var cut = Render<Home>();
        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("0", cut.Find("[data-testid=home-waiting-count]").TextContent);
            Assert.NotNull(cut.Find("[data-testid=home-nothing-waiting]"));
            Assert.NotNull(cut.Find("[data-testid=home-review-live]"));
        });

        var ticket = await SubmitForReviewAsync("Refund for order 1234");

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("1", cut.Find("[data-testid=home-waiting-count]").TextContent);
            Assert.Equal($"/tickets/{ticket.Id}", cut.Find("[data-testid=home-nearest-ticket]").GetAttribute("href"));
            Assert.StartsWith("in 23 h", cut.Find("[data-testid=home-nearest-time-left]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Admin_SeesTheReviewAndOperatorCards_AndLinksToWorkflowsAndApiKeys()
    {
        SignIn("root", admin: true);
        await SubmitForReviewAsync("Invoice charged twice");

        var cut = Render<Home>();

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("1", cut.Find("[data-testid=home-waiting-count]").TextContent);
            Assert.Equal("0", cut.Find("[data-testid=home-faulted-count]").TextContent);
            Assert.Equal("0", cut.Find("[data-testid=home-incident-count]").TextContent);
            Assert.Contains("Invoice charged twice", cut.Find("[data-testid=home-waiting-longest]").TextContent, StringComparison.Ordinal);
        });
        Assert.Equal("/workflows", cut.Find("[data-testid=home-link-workflows]").GetAttribute("href"));
        Assert.Equal("/admin/api-keys", cut.Find("[data-testid=home-link-api-keys]").GetAttribute("href"));
        Assert.Equal("/operations", cut.Find("[data-testid=home-open-board]").GetAttribute("href"));
        AssertAbsent(cut, ["home-no-role"]);
    }

    [Theory]
    [InlineData]
    [InlineData(ReviewDeskRoles.PiiRevealer)]
    public async Task AccountWithoutAWorkRole_IsToldToAskAnAdmin_AndSeesNoFigures(params string[] roles)
    {
        await SubmitForReviewAsync("Invoice charged twice");
        Authorization.SetAuthorized("nora");
        Authorization.SetRoles(roles);

        var cut = Render<Home>();

        Assert.Contains("Ask an admin for a role", cut.Find("[data-testid=home-no-role]").TextContent, StringComparison.Ordinal);
        Assert.Contains("nora", cut.Find("[data-testid=home-no-role]").TextContent, StringComparison.Ordinal);
        AssertAbsent(cut, [.. OperatorOnly, .. ReviewerOnly, "home-admin"]);
    }

    [Fact]
    public void Render_WithSystemInfo_ShowsSystemCard()
    {
        SignIn("alice");

        var cut = Render<Home>();

        var card = cut.Find("[data-testid=system-card]");
        Assert.Contains("System", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("Staging", cut.Find("[data-testid=system-environment]").TextContent);
        Assert.Equal("PostgreSQL", cut.Find("[data-testid=system-database-provider]").TextContent);
        Assert.Equal("1.2.3 (abc1234)", cut.Find("[data-testid=system-version]").TextContent);
    }

    private static void AssertAbsent(IRenderedComponent<Home> cut, IEnumerable<string> testIds)
    {
        foreach (var id in testIds) Assert.True(cut.FindAll($"[data-testid={id}]").Count == 0, $"{id} is shown");
    }

    /// <summary>Moves a ticket's review deadline behind every service's back (the escalation timer keeps its own due time).</summary>
    private async Task SetDeadlineAsync(string ticketId, DateTimeOffset deadline)
    {
        var contexts = Host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        await db.Tickets.Where(t => t.Id == ticketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ReviewDeadline, deadline), Ct);
    }
}
