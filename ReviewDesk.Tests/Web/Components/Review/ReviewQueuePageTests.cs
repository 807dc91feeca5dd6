using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Web.Components.Review;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Tests.Web.Components.Review;

public sealed class ReviewQueuePageTests : ReviewTestContext
{
    [Fact]
    public async Task Render_ListsPendingTicketsWithLabelsReasonsAndDeadline()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Card charged twice", "billing question, not sure, card 4111 1111 1111 1111");

        var cut = Render<ReviewQueuePage>();

        await cut.WaitForAssertionAsync(() =>
        {
            var row = cut.Find($"[data-testid=queue-row][data-ticket={ticket.Id}]").ParentElement!;
            Assert.Contains("Card charged twice", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("billing", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("42%", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Low confidence", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("CREDIT_CARD", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("23 h", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("1 pending", cut.Find("[data-testid=queue-total]").TextContent, StringComparison.Ordinal);
            Assert.Contains("alice", cut.Find("[data-testid=reviewing-as]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task QueryString_FiltersInTheDatabase_AndBadValuesAreNamedNotFatal()
    {
        SignIn("alice");
        var billing = await SubmitForReviewAsync("Billing one", "billing, not sure");
        var shipping = await SubmitForReviewAsync("Shipping one", "shipping, not sure");
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("/review?category=shipping&min=10&max=nope");
        var cut = Render<ReviewQueuePage>();

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Single(cut.FindAll("[data-testid=queue-row]"));
            Assert.Equal(shipping.Id, cut.Find("[data-testid=queue-row]").GetAttribute("data-ticket"));
            Assert.Contains("max", cut.Find("[data-testid=queue-notice]").TextContent, StringComparison.Ordinal);
        });

        navigation.NavigateTo("/review?category=billing");
        await cut.WaitForAssertionAsync(() => Assert.Equal(billing.Id, Assert.Single(cut.FindAll("[data-testid=queue-row]")).GetAttribute("data-ticket")));

        navigation.NavigateTo("/review?reason=security_category");
        await cut.WaitForAssertionAsync(() => Assert.Contains("No pending ticket matches", cut.Find("[data-testid=queue-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryString_UnknownFilterName_IsNamedInline()
    {
        SignIn("alice");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/review?minConfidence=abc");

        var cut = Render<ReviewQueuePage>();

        await cut.WaitForAssertionAsync(() =>
            Assert.Contains("minConfidence (not a filter of this page)", cut.Find("[data-testid=queue-notice]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FilterBar_ReversedConfidenceRange_SaysSoInline()
    {
        var changes = new List<ReviewQueueFilter>();
        var cut = Render<ReviewQueueFilterBar>(p => p
            .Add(b => b.Filter, new ReviewQueueFilter { MaxConfidence = 30 })
            .Add(b => b.FilterChanged, (ReviewQueueFilter f) => changes.Add(f)));

        var min = cut.Find("input[data-testid=filter-min], [data-testid=filter-min] input");
        await min.ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "50" });

        await cut.WaitForAssertionAsync(() => Assert.Contains("above the maximum", cut.Find("[data-testid=filter-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(changes);
    }

    [Fact]
    public async Task NewTicketsAndClaims_AppearLive_WithoutAReload()
    {
        SignIn("alice");
        var cut = Render<ReviewQueuePage>();
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=queue-live]"));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=queue-empty]"));

        var ticket = await SubmitForReviewAsync("Arrives later");
        await cut.WaitForAssertionAsync(() => cut.Find($"[data-testid=queue-row][data-ticket={ticket.Id}]"));

        await Queue.ClaimAsync(ticket.Id, "bob", takeOver: false, Ct);
        await cut.WaitForAssertionAsync(() => Assert.Contains("bob", cut.Find("[data-testid=queue-row-claim]").TextContent, StringComparison.Ordinal));

        await Tickets.DecideAsync(ticket.Id, new() { Action = "approve" }, "bob", Ct);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=queue-empty]"));
    }

    [Fact]
    public async Task ConnectionDrop_IsShown_AndTheReconnectResynchronises()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Present before the drop");
        var cut = Render<ReviewQueuePage>();
        await cut.WaitForAssertionAsync(() => cut.Find($"[data-testid=queue-row][data-ticket={ticket.Id}]"));

        await cut.InvokeAsync(() => Connection.SetAsync(false));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=connection-lost]"));
        // A change nobody announces (another node's, say) is only seen by re-reading.
        var contexts = Host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            await db.Tickets.Where(t => t.Id == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Subject, "Renamed while away"), Ct);
        }

        await cut.InvokeAsync(() => Connection.SetAsync(true));

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=connection-lost]"));
            Assert.Contains("Renamed while away", cut.Find("[data-testid=queue-row]").TextContent, StringComparison.Ordinal);
        });
    }
}
