using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 9, in chromium with the real local model (not the keyword stand-in): the AI card's rationale cites
/// words that tell a reviewer something, never stop words such as "two", "he" or "sure", and names the category as the
/// console does ("account access", not "account_access").
/// </summary>
public sealed class ClassifierRationaleTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The local model trains into the shared model folder on its first use in a test run.
    protected override void ConfigureFactory(ReviewDeskWebFactory factory) => factory.Classifier = null;

    [Fact]
    public async Task Bug_15_TicketPageRationale_CitesNoStopWords_AndSaysAccountAccess()
    {
        using var submitted = await Api.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Forgot password, he is sure",
            body = "I forgot my password and the reset email never arrives. I cannot log in to my account. He said it two times, sure. Thanks.",
        }, Ct);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var ticket = await Eventually.GetAsync(() => Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct),
            t => t.GetProperty("classification").ValueKind == JsonValueKind.Object, $"ticket {id} classified", TimeSpan.FromMinutes(3));
        Assert.Equal("account_access", ticket.GetProperty("classification").GetProperty("category").GetString());

        var page = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer, $"/tickets/{id}");

        var rationale = page.GetByTestId("ai-rationale");
        await Expect(rationale).ToContainTextAsync("account access");
        await Expect(rationale).Not.ToContainTextAsync("account_access");
        var text = await rationale.InnerTextAsync();
        var cited = System.Text.RegularExpressions.Regex.Matches(text, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, phrase => Assert.DoesNotContain(phrase.Split(' '), w => w is "two" or "he" or "sure" or "said" or "thanks"));
        Assert.Empty(ConsoleErrors);
    }
}
