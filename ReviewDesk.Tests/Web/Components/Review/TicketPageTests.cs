using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Web.Components.Review;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Components.Review;

public sealed class TicketPageTests : ReviewTestContext
{
    [Fact]
    public async Task Open_ShowsHighlightedPlaceholdersLabelsReasonsAndTimeline_AndClaimsTheTicket()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Refund please", "not sure: mail me at jane.doe@example.com or call +1 415 555 0100");

        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));
        var placeholders = cut.FindAll("[data-testid=ticket-body] [data-testid=pii-placeholder]");
        Assert.Equal(["EMAIL_ADDRESS", "PHONE_NUMBER"], placeholders.Select(p => p.GetAttribute("data-pii-type")).Order(StringComparer.Ordinal));
        Assert.Contains("<EMAIL_ADDRESS_1>", placeholders.Select(p => p.TextContent));
        Assert.DoesNotContain("jane.doe", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("refund", cut.Find("[data-testid=ai-category]").TextContent, StringComparison.Ordinal);
        Assert.Contains("42%", cut.Find("[data-testid=ai-confidence]").TextContent, StringComparison.Ordinal);
        Assert.Contains("keywords", cut.Find("[data-testid=ai-model]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Low confidence", cut.Find("[data-testid=review-reason]").TextContent, StringComparison.Ordinal);
        var timeline = cut.FindAll("[data-testid=timeline-event]").Select(e => e.TextContent).ToList();
        Assert.Contains(timeline, line => line.StartsWith("Classified as Refund, ", StringComparison.Ordinal) && line.Contains("42%", StringComparison.Ordinal));
        Assert.Contains(timeline, line => line.StartsWith("Waiting for review until ", StringComparison.Ordinal));
        Assert.Equal("Awaiting review", cut.Find("[data-testid=ticket-status]").TextContent);
        Assert.Contains("You hold this ticket", cut.Find("[data-testid=claim-banner]").TextContent, StringComparison.Ordinal);
        Assert.Equal("alice", (await Queue.FindAsync(ticket.Id, Ct))!.ClaimedBy);
    }

    [Fact]
    public async Task Leaving_ReleasesTheClaim()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Short visit");
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));

        await DisposeComponentsAsync();

        Assert.Null((await Queue.FindAsync(ticket.Id, Ct))!.ClaimedBy);
    }

    [Fact]
    public async Task ClaimedByAnother_SaysByWhom_DisablesDecisions_AndAnAdminCanTakeOver()
    {
        SignIn("carol", admin: true);
        var ticket = await SubmitForReviewAsync("Held elsewhere");
        await Queue.ClaimAsync(ticket.Id, "bob", takeOver: false, Ct);

        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));

        await cut.WaitForAssertionAsync(() => Assert.Contains("Claimed by bob", cut.Find("[data-testid=claim-banner]").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid=approve]").HasAttribute("disabled"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=take-over]").ClickAsync(new()));
        await cut.WaitForAssertionAsync(() => Assert.False(cut.Find("[data-testid=approve]").HasAttribute("disabled")));
        Assert.Equal("carol", (await Queue.FindAsync(ticket.Id, Ct))!.ClaimedBy);
    }

    [Fact]
    public async Task ClaimedByAnother_NotAnAdmin_HasNoTakeOver()
    {
        SignIn("dave");
        var ticket = await SubmitForReviewAsync("Held elsewhere too");
        await Queue.ClaimAsync(ticket.Id, "bob", takeOver: false, Ct);

        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));

        await cut.WaitForAssertionAsync(() => Assert.Contains("Claimed by bob", cut.Find("[data-testid=claim-banner]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=take-over]"));
    }

    [Fact]
    public async Task Decision_AfterAnotherTookTheTicketUnseen_ShowsTheConflictByWhom_AndAppliesNothing()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Raced");
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));
        await SetClaimSilentlyAsync(ticket.Id, "bob");

        await cut.InvokeAsync(() => cut.Find("[data-testid=approve]").ClickAsync(new()));

        await cut.WaitForAssertionAsync(() => Assert.Contains("claimed by bob", cut.Find("[data-testid=ticket-message]").TextContent, StringComparison.Ordinal));
        var after = await Tickets.GetAsync(ticket.Id, Ct);
        Assert.Null(after!.Decision);
        Assert.Equal(TicketStatus.AwaitingReview, after.Status);
    }

    [Fact]
    public async Task DecidedElsewhereWhileOpen_SaysByWhom()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Decided by an admin");
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));

        await Tickets.DecideAsync(ticket.Id, new ReviewDecision { Action = "approve", TakeOver = true }, "carol", Ct);

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Contains("carol decided this ticket", cut.Find("[data-testid=ticket-message]").TextContent, StringComparison.Ordinal);
            Assert.Empty(cut.FindAll("[data-testid=decision-bar]"));
        });
    }

    [Fact]
    public async Task ShortcutA_Approves_AndOpensTheNextTicketInTheQueue()
    {
        SignIn("alice");
        var first = await SubmitForReviewAsync("First");
        var second = await SubmitForReviewAsync("Second");
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, first.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));

        await cut.Instance.OnShortcutAsync("a");

        await cut.WaitForAssertionAsync(() => Assert.EndsWith($"/tickets/{second.Id}", navigation.Uri, StringComparison.Ordinal));
        var decided = await Tickets.GetAsync(first.Id, Ct);
        Assert.Equal(TicketStatus.Routed, decided!.Status);
        Assert.Equal("alice", decided.Decision?.Reviewer);
        // The toast names the ticket by its subject, not by its id alone.
        Assert.Contains(Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars, s => s.Message == $"Approved: \u201CFirst\u201D ({first.Id})");
    }

    [Fact]
    public async Task ShortcutJ_AndK_MoveThroughTheQueue_AndQuestionMarkOpensTheHelp()
    {
        SignIn("alice");
        var first = await SubmitForReviewAsync("One");
        var second = await SubmitForReviewAsync("Two");
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, second.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));

        await cut.Instance.OnShortcutAsync("k");
        await cut.WaitForAssertionAsync(() => Assert.EndsWith($"/tickets/{first.Id}", navigation.Uri, StringComparison.Ordinal));
        _ = cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("?"));

        await cut.WaitForAssertionAsync(() => Assert.Contains("Next ticket in the queue", Markup(), StringComparison.Ordinal));
        // Moving through the queue decides nothing.
        Assert.Null((await Tickets.GetAsync(first.Id, Ct))!.Decision);
    }

    [Fact]
    public async Task EditAndApprove_ShowsTheChangeBeforeConfirming_AndRoutesWithTheEditedLabels()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Wrong label", "billing, not sure");
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));

        _ = cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("e"));
        var dialog = await WaitForDialogAsync<EditLabelsDialog>();
        await dialog.InvokeAsync(() => dialog.Instance.SetLabels("shipping", "P2"));
        await dialog.WaitForAssertionAsync(() => Assert.Contains("Category billing → shipping; Priority P3 → P2", dialog.Find("[data-testid=edit-summary]").TextContent, StringComparison.Ordinal));
        await dialog.InvokeAsync(() => dialog.Find("[data-testid=edit-confirm]").ClickAsync(new()));

        var routed = await Host.WaitForStatusAsync(ticket.Id, TicketStatus.Routed);
        Assert.Equal("shipping", routed.FinalCategory);
        Assert.Equal("P2", routed.FinalPriority);
    }

    [Fact]
    public async Task Reject_RequiresAComment_ThenRejectsWithIt()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Spam", "not sure, buy now");
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));

        _ = cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("r"));
        var dialog = await WaitForDialogAsync<CommentDialog>();
        await dialog.InvokeAsync(() => dialog.Find("[data-testid=comment-dialog-confirm]").ClickAsync(new()));
        await dialog.WaitForAssertionAsync(() => Assert.Contains("A comment is required.", dialog.Markup, StringComparison.Ordinal));
        await dialog.InvokeAsync(() => dialog.Find("textarea").ChangeAsync(new ChangeEventArgs { Value = "advertising" }));
        await dialog.InvokeAsync(() => dialog.Find("[data-testid=comment-dialog-confirm]").ClickAsync(new()));

        // The decision is done when the page moves on: to the queue, since no other ticket waits.
        var navigation = Services.GetRequiredService<NavigationManager>();
        await cut.WaitForAssertionAsync(() => Assert.Contains("/review?notice=", navigation.Uri, StringComparison.Ordinal));
        var rejected = (await Tickets.GetAsync(ticket.Id, Ct))!;
        Assert.Equal(TicketStatus.Rejected, rejected.Status);
        Assert.Equal("advertising", rejected.Decision?.Comment);
        var comments = await Tickets.GetCommentsAsync(ticket.Id, Ct);
        Assert.Equal("reject", Assert.Single(comments!).Kind);
    }

    [Fact]
    public async Task Comment_IsAddedAndListed()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Needs a note");
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=comment-add]").ClickAsync(new()));
        await cut.WaitForAssertionAsync(() => Assert.Contains("The comment is empty.", cut.Find("[data-testid=ticket-comments]").TextContent, StringComparison.Ordinal));
        await cut.InvokeAsync(() => cut.Find("[data-testid=ticket-comments] textarea").ChangeAsync(new ChangeEventArgs { Value = "<script>alert(1)</script> called the customer" }));
        await cut.InvokeAsync(() => cut.Find("[data-testid=comment-add]").ClickAsync(new()));

        await cut.WaitForAssertionAsync(() => Assert.Contains("called the customer", cut.Find("[data-testid=comment]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("<script>", cut.Find("[data-testid=comment]").InnerHtml, StringComparison.Ordinal);
        Assert.Equal("alice", Assert.Single((await Tickets.GetCommentsAsync(ticket.Id, Ct))!).Author);
    }

    [Fact]
    public async Task MarkupInTheTicket_IsShownAsText_NeverRun()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("<img src=x onerror=alert(1)>", "not sure <script>alert('x')</script> <b>bold</b>");

        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));
        Assert.Empty(cut.FindAll("[data-testid=ticket-text] script, [data-testid=ticket-text] b, [data-testid=ticket-subject] img"));
        Assert.Contains("<script>alert('x')</script>", cut.Find("[data-testid=ticket-body]").TextContent, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>", cut.Find("[data-testid=ticket-subject]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTicket_SaysSo()
    {
        SignIn("alice");

        var cut = Render<TicketPage>(p => p.Add(t => t.Id, "tk_nope"));

        await cut.WaitForAssertionAsync(() => Assert.Contains("no ticket tk_nope", cut.Find("[data-testid=ticket-missing]").TextContent, StringComparison.OrdinalIgnoreCase));
    }

    private string Markup() => DialogProvider.Markup;

    private async Task<IRenderedComponent<TDialog>> WaitForDialogAsync<TDialog>() where TDialog : IComponent =>
        (await Eventually.GetAsync(() => Task.FromResult(DialogProvider.FindComponents<TDialog>()), found => found.Count > 0, $"a {typeof(TDialog).Name} to open"))[0];

    [Fact]
    public async Task RevealPii_ForAnAdmin_ShowsTheOriginalsInPlace_AndIsAudited()
    {
        SignIn("boss", admin: true);
        var ticket = await SubmitForReviewAsync("Refund please", "not sure: mail me at jane.doe@example.com");
        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));
        Assert.DoesNotContain("jane.doe", cut.Markup, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.Find("[data-testid=reveal-pii]").ClickAsync(new()));

        await cut.WaitForAssertionAsync(() => Assert.Equal("jane.doe@example.com", cut.Find("[data-testid=ticket-body] [data-testid=pii-revealed]").TextContent));
        Assert.Equal("EMAIL_ADDRESS", cut.Find("[data-testid=pii-revealed]").GetAttribute("data-pii-type"));
        var entry = Assert.Single((await Host.Services.GetRequiredService<ReviewDesk.Workflows.Audit.AuditLog>()
            .QueryAsync(new() { Action = ReviewDesk.Workflows.Audit.AuditActions.RevealPii }, Ct)).Items);
        Assert.Equal(("boss", ticket.Id), (entry.Actor, entry.TicketId));

        await cut.InvokeAsync(() => cut.Find("[data-testid=hide-pii]").ClickAsync(new()));
        await cut.WaitForAssertionAsync(() => Assert.DoesNotContain("jane.doe", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevealPii_IsNotOfferedToAReviewerWithoutTheGrant()
    {
        SignIn("alice");
        var ticket = await SubmitForReviewAsync("Refund please", "not sure: mail me at jane.doe@example.com");

        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=ticket-live]"));
        Assert.Empty(cut.FindAll("[data-testid=reveal-pii]"));
    }

    [Fact]
    public async Task RevealPii_IsOfferedToAReviewerWithThePiiRevealerGrant()
    {
        Authorization.SetAuthorized("carol");
        Authorization.SetRoles(ReviewDesk.Web.Identity.ReviewDeskRoles.Reviewer, ReviewDesk.Web.Identity.ReviewDeskRoles.PiiRevealer);
        var ticket = await SubmitForReviewAsync("Refund please", "not sure: mail me at jane.doe@example.com");

        var cut = Render<TicketPage>(p => p.Add(t => t.Id, ticket.Id));

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=reveal-pii]"));
    }
}
