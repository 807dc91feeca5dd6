using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Tests.Support.Web;
using ReviewDesk.Tests.Support;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

using ReviewDesk.Tests.Support;
using ReviewDesk.Tests.Support.Web;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>A reviewer's e-mail, received by a real SMTP server, and its approve link followed in chromium through the confirmation page to a routed ticket.</summary>
public sealed class NotificationLinkTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private TestSmtpServer _smtp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
        await EnsureUserAsync(ReviewDeskRoles.Reviewer);
    }

    protected override void ConfigureFactory(ReviewDeskWebFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Notifications:Email:Host"] = "127.0.0.1";
        factory.Settings["Notifications:Email:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Email:Security"] = "None";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ApproveLinkFromTheEmail_ConfirmedInTheBrowser_RoutesTheTicket_AndCannotBeUsedAgain()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Parcel late and invoice wrong");
        var mail = (await _smtp.WaitForAsync(m => m.TicketId == id && m.To.Contains(TestEmail(ReviewDeskRoles.Reviewer)))).Single();
        var link = mail.Link("Approve");
        Assert.StartsWith(new Uri(BaseAddress, "/decide?t=").ToString(), link, StringComparison.Ordinal);

        // Nobody signed in: the signed link is the guard.
        var page = await NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByTestId("decide-ticket")).ToContainTextAsync(id);
        await Expect(page.GetByTestId("reject-form")).ToHaveCountAsync(0);
        Assert.Equal("AwaitingReview", (await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct)).GetProperty("status").GetString());
        await SaveScreenshotAsync(page, "confirmation");

        await page.GetByTestId("approve-category").SelectOptionAsync("shipping");
        await page.GetByTestId("approve-submit").ClickAsync();
        await Expect(page.GetByTestId("decide-done")).ToContainTextAsync("Approved");
        await Expect(page.GetByTestId("decide-ticket-status")).ToContainTextAsync("Routed");
        await SaveScreenshotAsync(page, "approved");

        var ticket = await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.Equal("Routed", ticket.GetProperty("status").GetString());
        Assert.Equal("shipping", ticket.GetProperty("finalCategory").GetString());
        Assert.Equal("logistics", ticket.GetProperty("queue").GetString());
        Assert.Equal(TestEmail(ReviewDeskRoles.Reviewer), ticket.GetProperty("decision").GetProperty("reviewer").GetString());

        await page.GotoAsync(link);
        await Expect(page.GetByTestId("decide-refused")).ToContainTextAsync("used already");
        await SaveScreenshotAsync(page, "used");
        Assert.Empty(ConsoleErrors);
    }
}
