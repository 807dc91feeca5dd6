using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Web.Audit;

/// <summary><c>POST /api/tickets/{id}/reveal</c>: who may reveal, what is audited (types, never values) and that values never reach the logs.</summary>
public sealed class PiiRevealApiTests : IAsyncLifetime
{
    private const string Email = "jane.doe@example.com";
    private const string Phone = "+1 415 555 0100";
    private readonly ReviewDeskWebFactory _factory = new() { Classifier = new KeywordClassifierSource() };
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = _factory.CreateClient("admin");
        await ReviewTickets.PublishVariantAsync(_factory.Services);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<string> TicketWithPiiAsync()
    {
        using var response = await _admin.PostAsJsonAsync("/api/tickets",
            new { subject = "Refund", body = $"not sure: mail me at {Email} or call {Phone}", variant = ReviewTickets.Variant }, Ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await ReviewTickets.WaitForStatusAsync(_admin, id, "AwaitingReview");
        return id;
    }

    [Fact]
    public async Task Reveal_AsAdmin_ReturnsTheOriginalsByPlaceholder_AndAuditsTheTypesOnly()
    {
        var id = await TicketWithPiiAsync();

        using var response = await _admin.PostAsync($"/api/tickets/{id}/reveal", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reveal = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(Email, reveal.GetProperty("values").GetProperty("<EMAIL_ADDRESS_1>").GetString());
        Assert.Equal(["EMAIL_ADDRESS", "PHONE_NUMBER"], reveal.GetProperty("types").EnumerateArray().Select(t => t.GetString()));

        var entry = Assert.Single((await _admin.GetFromJsonAsync<JsonElement>($"/api/audit?action=reveal_pii&ticketId={id}", Ct)).GetProperty("items").EnumerateArray());
        Assert.Equal("apikey:admin", entry.GetProperty("actor").GetString());
        Assert.Equal(["EMAIL_ADDRESS", "PHONE_NUMBER"], entry.GetProperty("detail").GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain("jane.doe", entry.GetRawText(), StringComparison.Ordinal);
        // The phone number as written and as digits (not a bare "555": a random ticket id in the entry may hold that).
        Assert.DoesNotContain("555 0100", entry.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("4155550100", entry.GetRawText(), StringComparison.Ordinal);
        // Never logged: not the values, whoever asked.
        var logs = string.Join('\n', _factory.Logs.Lines);
        Assert.Contains($"PII of ticket {id} revealed", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("555 0100", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reveal_AsAReviewerWithoutTheGrant_Is403_AndNothingIsAudited()
    {
        var id = await TicketWithPiiAsync();

        using var reviewer = await _admin.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/tickets/{id}/reveal"), Ct);
        using var operatorCall = await _admin.SendAsync(ReviewTickets.As("operator", HttpMethod.Post, $"/api/tickets/{id}/reveal"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorCall.StatusCode);
        Assert.DoesNotContain("jane.doe", await reviewer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>("/api/audit?action=reveal_pii", Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Reveal_WithThePiiRevealerGrant_IsAllowedToAReviewerKey()
    {
        var id = await TicketWithPiiAsync();
        var keys = _factory.Services.GetRequiredService<ApiKeyService>();
        var key = await keys.CreateAsync("trusted-reviewer", [ReviewDeskRoles.Reviewer, ReviewDeskRoles.PiiRevealer], "tests", Ct);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{id}/reveal");
        request.Headers.Add(TestApiKeys.Header, key.Secret);
        using var response = await _factory.CreateAnonymousClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single((await _admin.GetFromJsonAsync<JsonElement>("/api/audit?action=reveal_pii", Ct)).GetProperty("items").EnumerateArray());
        Assert.Equal("apikey:trusted-reviewer", entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Reveal_UnknownTicket_Is404()
    {
        using var response = await _admin.PostAsync("/api/tickets/tk_nope/reveal", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
