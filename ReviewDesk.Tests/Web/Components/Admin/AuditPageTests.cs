using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Web.Components.Review;
using ReviewDesk.Web.Components.Admin;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Tests.Web.Components.Admin;

/// <summary>The audit page over the real audit log (SQLite): filters from the URL and the filter bar, paged in the database.</summary>
public sealed class AuditPageTests : ReviewTestContext
{
    private AuditLog Audit => Host.Services.GetRequiredService<AuditLog>();

    private async Task SeedAsync()
    {
        SignIn("admin", admin: true);
        await Audit.AppendAsync(new AuditEvent("alice", AuditActions.Claim, "tk_one"), Ct);
        await Audit.AppendAsync(new AuditEvent("bob", AuditActions.Claim, "tk_two"), Ct);
        await Audit.AppendAsync(new AuditEvent("bob", AuditActions.RevealPii, "tk_two", Detail: new() { ["types"] = new System.Text.Json.Nodes.JsonArray("EMAIL_ADDRESS") }), Ct);
    }

    private static IEnumerable<(string? Action, string? Actor)> Rows(IRenderedComponent<AuditPage> cut) =>
        cut.FindAll("[data-testid=audit-row]").Select(r => (r.GetAttribute("data-action"), r.GetAttribute("data-actor")));

    [Fact]
    public async Task Render_ListsEntriesNewestFirst_WithAnExportLink()
    {
        await SeedAsync();

        var cut = Render<AuditPage>();

        // The shipped and the test variant's publishes are in the trail too (actor system / test).
        await cut.WaitForAssertionAsync(() => Assert.Contains(("reveal_pii", "bob"), Rows(cut)));
        var rows = Rows(cut).ToList();
        Assert.Equal(("reveal_pii", "bob"), rows[0]);
        Assert.Equal(("claim", "bob"), rows[1]);
        Assert.Equal(("claim", "alice"), rows[2]);
        Assert.Contains(AuditActions.PublishDefinition, rows.Select(r => r.Action));
        Assert.Equal("/api/audit/export", cut.Find("[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_FirstLoad_CountsTheEntriesItLists_AndShowsDetailsReadably()
    {
        await Audit.AppendAsync(new AuditEvent("alice", AuditActions.Claim, "tk_one", Detail: new() { ["until"] = "2026-12-03T14:56:53+00:00", ["note"] = "café" }), Ct);

        var cut = Render<AuditPage>();

        // Before the fix the count said "0 entries" above the rows, and the detail was JSON with \u002B00:00.
        await cut.WaitForAssertionAsync(() => Assert.Contains(("claim", "alice"), Rows(cut)));
        var total = (await Audit.QueryAsync(new AuditQuery(), Ct)).Total;
        await cut.WaitForAssertionAsync(() => Assert.Equal($"{total} entries", cut.Find("[data-testid=audit-total]").TextContent.Trim()));
        Assert.Contains("until: 2026-12-03T14:56:53+00:00; note: café", cut.FindAll("code.audit-detail").Select(c => c.TextContent));
    }

    [Fact]
    public async Task QueryString_FiltersByActionActorTicketAndDates_InTheDatabase()
    {
        await SeedAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        navigation.NavigateTo("/audit?action=claim");
        var cut = Render<AuditPage>();
        await cut.WaitForAssertionAsync(() => Assert.Equal([("claim", "bob"), ("claim", "alice")], Rows(cut)));
        Assert.Equal("/api/audit/export?action=claim", cut.Find("[data-testid=audit-export]").GetAttribute("href"));

        navigation.NavigateTo("/audit?actor=BO");
        await cut.WaitForAssertionAsync(() => Assert.Equal([("reveal_pii", "bob"), ("claim", "bob")], Rows(cut)));

        navigation.NavigateTo("/audit?ticketId=tk_one");
        await cut.WaitForAssertionAsync(() => Assert.Equal([("claim", "alice")], Rows(cut)));

        navigation.NavigateTo($"/audit?action=claim&from={today}&to={today}");
        await cut.WaitForAssertionAsync(() => Assert.Equal(2, Rows(cut).Count()));

        navigation.NavigateTo($"/audit?from={tomorrow}");
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=audit-empty]"));
        Assert.Contains("0 entries", cut.Find("[data-testid=audit-total]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterBar_Apply_PutsTheFiltersInTheUrl_AndBadDatesAreNamed()
    {
        await SeedAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();
        await cut.WaitForAssertionAsync(() => Assert.Contains(("claim", "alice"), Rows(cut)));

        await cut.Find("input[data-testid=audit-filter-actor], [data-testid=audit-filter-actor] input").ChangeAsync(new ChangeEventArgs { Value = "alice" });
        await cut.Find("[data-testid=audit-apply]").ClickAsync(new());

        Assert.EndsWith("/audit?actor=alice", navigation.Uri, StringComparison.Ordinal);
        await cut.WaitForAssertionAsync(() => Assert.Equal([("claim", "alice")], Rows(cut)));

        navigation.NavigateTo("/audit?from=yesterday");
        await cut.WaitForAssertionAsync(() => Assert.Contains("from", cut.Find("[data-testid=audit-filter-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Rows(cut));
    }
}
