using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Support.Web;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Notifications;

using ReviewDesk.Tests.Support;
using ReviewDesk.Tests.Support.Web;

namespace ReviewDesk.Tests.Web.Notifications;

/// <summary>
/// Signed decision links from real e-mails: opening only shows, the post decides once through the console's path, and
/// used, expired, tampered and wrong-recipient links change nothing, get a clear page, and are audited.
/// </summary>
public sealed class DecisionLinkTests : IAsyncLifetime
{
    private NotificationHost _host = null!;
    private HttpClient _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DecisionLinkService Links => _host.Services.GetRequiredService<DecisionLinkService>();

    public async ValueTask InitializeAsync()
    {
        _host = await NotificationHost.StartAsync();
        _api = _host.Factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<(string Id, string AnaApprove, string AnaReject, string BenReject)> TicketWithLinksAsync()
    {
        var id = await _host.SubmitForReviewAsync(_api);
        var mails = await _host.Smtp.WaitForAsync(m => m.TicketId == id, count: 2);
        var ana = mails.Single(m => m.To.Contains(NotificationHost.Ana));
        var ben = mails.Single(m => m.To.Contains(NotificationHost.Ben));
        return (id, Token(ana.Link("Approve")), Token(ana.Link("Reject")), Token(ben.Link("Reject")));
    }

    private static string Token(string url) => Uri.UnescapeDataString(new Uri(url).Query["?t=".Length..]);

    private async Task<JsonElement> TicketAsync(string id) => await _api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);

    private async Task<List<AuditEntry>> AuditAsync(string action) =>
        [.. (await _host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = action, PageSize = 200 }, Ct)).Items];

    [Fact]
    public async Task ApproveLink_OpeningOnlyShows_PostingDecidesOnce_ThenTheLinkIsUsed_AndOthersSeeItDecided()
    {
        var (id, approve, _, benReject) = await TicketWithLinksAsync();
        using var anonymous = _host.Factory.CreateAnonymousClient();

        // A mail scanner's prefetch: the page shows the ticket, nothing changes.
        using (var page = await anonymous.GetAsync($"/decide?t={Uri.EscapeDataString(approve)}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(Ct);
            Assert.Contains("data-testid=\"approve-form\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"reject-form\"", html, StringComparison.Ordinal);
            Assert.Contains(id, html, StringComparison.Ordinal);
        }

        Assert.Equal("AwaitingReview", (await TicketAsync(id)).GetProperty("status").GetString());

        var done = await Links.DecideAsync(approve, new DecisionLinkRequest { Action = "approve", Category = "shipping", Priority = "P2" }, null, Ct);
        Assert.True(done.Decided, done.Message);
        var ticket = await TicketAsync(id);
        Assert.Equal("Routed", ticket.GetProperty("status").GetString());
        Assert.Equal("shipping", ticket.GetProperty("finalCategory").GetString());
        Assert.Equal(NotificationHost.Ana, ticket.GetProperty("decision").GetProperty("reviewer").GetString());

        var again = await Links.DecideAsync(approve, new DecisionLinkRequest { Action = "approve" }, null, Ct);
        Assert.False(again.Decided);
        Assert.Equal(DecisionLinkState.Used, again.Check.State);
        var other = await Links.DecideAsync(benReject, new DecisionLinkRequest { Action = "reject", Comment = "spam" }, null, Ct);
        Assert.Equal(DecisionLinkState.Closed, other.Check.State);
        Assert.Contains("already decided", other.Message, StringComparison.Ordinal);
        Assert.Equal("Routed", (await TicketAsync(id)).GetProperty("status").GetString());

        using (var used = await anonymous.GetAsync($"/decide?t={Uri.EscapeDataString(approve)}", Ct))
        {
            Assert.Contains("data-state=\"Used\"", await used.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var use = Assert.Single(await AuditAsync(AuditActions.DecisionLinkUsed));
        Assert.Equal(id, use.TicketId);
        Assert.Equal(NotificationHost.Ana, use.Actor);
        var refusals = await AuditAsync(AuditActions.DecisionLinkRefused);
        Assert.Contains(refusals, r => r.Detail["reason"]!.GetValue<string>() == "Used" && r.Detail["method"]!.GetValue<string>() == "POST");
        Assert.Contains(refusals, r => r.Detail["reason"]!.GetValue<string>() == "Closed" && r.TicketId == id);
        Assert.Single(await AuditAsync(AuditActions.Approve), a => a.TicketId == id);
    }

    [Fact]
    public async Task TamperedLink_GetsAClearPage_ChangesNothing_AndIsAudited()
    {
        var (id, approve, _, _) = await TicketWithLinksAsync();
        var tampered = approve[..^3] + (approve[^3] == 'A' ? 'B' : 'A') + approve[^2..];
        using var anonymous = _host.Factory.CreateAnonymousClient();

        using var page = await anonymous.GetAsync($"/decide?t={Uri.EscapeDataString(tampered)}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-state=\"Tampered\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var posted = await Links.DecideAsync(tampered, new DecisionLinkRequest { Action = "approve" }, null, Ct);
        Assert.Equal(DecisionLinkState.Tampered, posted.Check.State);
        Assert.Equal(DecisionLinkState.Tampered, (await Links.DecideAsync("garbage", new DecisionLinkRequest { Action = "approve" }, null, Ct)).Check.State);

        Assert.Equal("AwaitingReview", (await TicketAsync(id)).GetProperty("status").GetString());
        var refusals = await AuditAsync(AuditActions.DecisionLinkRefused);
        Assert.Contains(refusals, r => r.Detail["reason"]!.GetValue<string>() == "Tampered" && r.Detail["method"]!.GetValue<string>() == "GET");
        Assert.Contains(refusals, r => r.Detail["reason"]!.GetValue<string>() == "Tampered" && r.Detail["method"]!.GetValue<string>() == "POST");
    }

    [Fact]
    public async Task LinkOfAnEarlierReviewRound_OrPastItsExpiry_IsExpired_AndChangesNothing()
    {
        var (id, approve, _, _) = await TicketWithLinksAsync();
        // A reviewer escalates: a new round with a new deadline; the links sent for the old one expire.
        using (var escalate = await _api.PostAsJsonAsync($"/api/reviews/{id}/decision", new { action = "escalate" }, Ct)) escalate.EnsureSuccessStatusCode();
        var expired = await Links.DecideAsync(approve, new DecisionLinkRequest { Action = "approve" }, null, Ct);
        Assert.Equal(DecisionLinkState.Expired, expired.Check.State);
        Assert.Equal("Escalated", (await TicketAsync(id)).GetProperty("status").GetString());

        // A link of the current round whose own expiry passed.
        var signer = _host.Services.GetRequiredService<IDecisionLinkSigner>();
        var ticket = await TicketAsync(id);
        var old = signer.Sign(new DecisionLink("ntf_test.approve", id, NotificationHost.Ana, RecipientKind.Account, DecisionLinkActions.Approve,
            ticket.GetProperty("escalations").GetInt32(), DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(DecisionLinkState.Expired, (await Links.CheckAsync(old, null, "GET", Ct)).State);
        Assert.Equal("Escalated", (await TicketAsync(id)).GetProperty("status").GetString());
        Assert.Contains(await AuditAsync(AuditActions.DecisionLinkRefused), r => r.Detail["reason"]!.GetValue<string>() == "Expired" && r.TicketId == id);
    }

    [Fact]
    public async Task SignedInAsSomeoneElse_TheLinkIsRefusedAsWrongRecipient_AndAnAccountThatMayNoLongerReviewToo()
    {
        var (id, approve, _, benReject) = await TicketWithLinksAsync();

        var asBen = await Links.DecideAsync(approve, new DecisionLinkRequest { Action = "approve" }, NotificationHost.Ben, Ct);
        Assert.Equal(DecisionLinkState.WrongRecipient, asBen.Check.State);
        using var other = _host.Factory.CreateClient("alice");
        using (var page = await other.GetAsync($"/decide?t={Uri.EscapeDataString(approve)}", Ct))
        {
            Assert.Contains("data-state=\"WrongRecipient\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Ben loses the Reviewer role: his links stop working.
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var ben = (await users.FindByNameAsync(NotificationHost.Ben))!;
            Assert.True((await users.RemoveFromRoleAsync(ben, ReviewDesk.Web.Identity.ReviewDeskRoles.Reviewer)).Succeeded);
        }

        Assert.Equal(DecisionLinkState.WrongRecipient, (await Links.DecideAsync(benReject, new DecisionLinkRequest { Action = "reject", Comment = "spam" }, null, Ct)).Check.State);
        Assert.Equal("AwaitingReview", (await TicketAsync(id)).GetProperty("status").GetString());
        Assert.Contains(await AuditAsync(AuditActions.DecisionLinkRefused), r => r.Detail["reason"]!.GetValue<string>() == "WrongRecipient");
    }

    [Fact]
    public async Task RejectLink_NeedsAComment_AndCannotApprove()
    {
        var (id, _, reject, _) = await TicketWithLinksAsync();
        var noComment = await Links.DecideAsync(reject, new DecisionLinkRequest { Action = "reject" }, null, Ct);
        Assert.False(noComment.Decided);
        Assert.True(noComment.Errors!.ContainsKey("comment"));
        var approve = await Links.DecideAsync(reject, new DecisionLinkRequest { Action = "approve" }, null, Ct);
        Assert.True(approve.Errors!.ContainsKey("action"));
        Assert.Equal("AwaitingReview", (await TicketAsync(id)).GetProperty("status").GetString());

        var done = await Links.DecideAsync(reject, new DecisionLinkRequest { Action = "reject", Comment = "advertising" }, null, Ct);
        Assert.True(done.Decided, done.Message);
        Assert.Equal("Rejected", (await TicketAsync(id)).GetProperty("status").GetString());
    }
}

/// <summary>With <c>Notifications:Links:RequireSignIn</c>, an account's link sends an anonymous visitor to the sign-in page, and back.</summary>
public sealed class DecisionLinkSignInTests : IAsyncLifetime
{
    private NotificationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await NotificationHost.StartAsync(f => f.Settings["Notifications:Links:RequireSignIn"] = "true");

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnonymousVisitor_IsSentToSignIn_WithTheLinkAsReturnAddress()
    {
        using var api = _host.Factory.CreateClient();
        var id = await _host.SubmitForReviewAsync(api);
        var mail = (await _host.Smtp.WaitForAsync(m => m.TicketId == id && m.To.Contains(NotificationHost.Ana))).Single();
        var path = new Uri(mail.Link("Approve")).PathAndQuery;

        using var anonymous = _host.Factory.CreateAnonymousClient();
        using var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?returnUrl=%2Fdecide%3Ft%3D", new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("AwaitingReview", (await api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", TestContext.Current.CancellationToken)).GetProperty("status").GetString());
    }
}
