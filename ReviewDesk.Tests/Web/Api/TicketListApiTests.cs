using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReviewDesk.Tests.Web.Api;

/// <summary><c>GET /api/tickets</c> (list and search) and <c>POST /api/tickets/{id}/cancel</c> on a real host.</summary>
public sealed class TicketListApiTests : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new() { Classifier = new KeywordClassifierSource() };
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        await ReviewTickets.PublishVariantAsync(_factory.Services);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task List_FiltersBySearchStatusCategoryChannelVariantAndTime_NewestFirst_Paged()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var billing = await SubmitAsync("Invoice wrong", "my billing is off", channel: "Email", externalId: "EXT-100");
        var shipping = await SubmitAsync("Parcel late", "a shipping question", channel: "web");
        var unclear = await ReviewTickets.SubmitUnclearAsync(_client, "Odd 50%_off thing");
        await ReviewTickets.WaitForStatusAsync(_client, billing, "Routed");
        await ReviewTickets.WaitForStatusAsync(_client, shipping, "Routed");
        await ReviewTickets.WaitForStatusAsync(_client, unclear, "AwaitingReview");

        var all = await ListAsync("");
        Assert.Equal([unclear, shipping, billing], Ids(all));
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var first = all.GetProperty("items")[2];
        Assert.Equal("EXT-100", first.GetProperty("externalId").GetString());
        Assert.Equal("email", first.GetProperty("channel").GetString());
        Assert.Equal("billing", first.GetProperty("category").GetString());
        Assert.Equal("Routed", first.GetProperty("status").GetString());
        Assert.False(first.TryGetProperty("body", out _));

        Assert.Equal([billing], Ids(await ListAsync("?q=EXT-100")));
        Assert.Equal([shipping], Ids(await ListAsync($"?q={shipping}")));
        Assert.Equal([shipping], Ids(await ListAsync("?q=parcel")));
        // % and _ are matched literally, not as LIKE wildcards.
        Assert.Equal([unclear], Ids(await ListAsync("?q=50%25_off")));
        Assert.Empty(Ids(await ListAsync("?q=50_")));
        Assert.Empty(Ids(await ListAsync("?q=Odd%2550")));
        Assert.Equal([unclear], Ids(await ListAsync("?status=awaitingreview")));
        Assert.Equal([shipping, billing], Ids(await ListAsync("?status=Routed")));
        Assert.Equal([billing], Ids(await ListAsync("?category=billing")));
        Assert.Equal([unclear], Ids(await ListAsync("?category=general_inquiry")));
        Assert.Equal([billing], Ids(await ListAsync("?channel=EMAIL")));
        Assert.Equal([unclear, shipping, billing], Ids(await ListAsync($"?variant={ReviewTickets.Variant}")));
        Assert.Empty(Ids(await ListAsync("?variant=support-triage")));
        var queue = first.GetProperty("queue").GetString();
        Assert.Contains(billing, Ids(await ListAsync($"?queue={queue}")));
        Assert.Equal(3, Ids(await ListAsync($"?createdFrom={Uri.EscapeDataString(before.ToString("O"))}")).Count);
        Assert.Empty(Ids(await ListAsync($"?createdTo={Uri.EscapeDataString(before.ToString("O"))}")));

        var page2 = await ListAsync("?page=2&pageSize=2");
        Assert.Equal([billing], Ids(page2));
        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task List_BadParameters_Return400NamingEachParameter()
    {
        using var response = await _client.GetAsync(
            "/api/tickets?status=Lost&category=nope&createdFrom=yesterday&createdTo=2026-13-45&page=0&pageSize=1000&q=" + new string('x', 201), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "status", "category", "createdFrom", "createdTo", "page", "pageSize", "q" }, errors);
        using var numericStatus = await _client.GetAsync("/api/tickets?status=2", Ct);
        using var reversed = await _client.GetAsync("/api/tickets?createdFrom=2026-02-01&createdTo=2026-01-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, numericStatus.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
    }

    [Fact]
    public async Task Cancel_AsOperator_CancelsTheWorkflow_TicketLeavesTheQueue_SecondCancelIs409()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");
        using var operatorClient = _factory.CreateClient("operator");
        using var reviewerClient = _factory.CreateClient("reviewer");

        using var asReviewer = await reviewerClient.PostAsJsonAsync($"/api/tickets/{id}/cancel", new { reason = "no" }, Ct);
        using var cancelled = await operatorClient.PostAsJsonAsync($"/api/tickets/{id}/cancel", new { reason = "duplicate of another ticket" }, Ct);
        using var again = await operatorClient.PostAsync($"/api/tickets/{id}/cancel", null, Ct);
        using var unknown = await operatorClient.PostAsync("/api/tickets/tk_nope/cancel", null, Ct);
        using var tooLong = await operatorClient.PostAsJsonAsync($"/api/tickets/{id}/cancel", new { reason = new string('r', 501) }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already cancelled", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var queue = await _client.GetFromJsonAsync<JsonElement>("/api/reviews", Ct);
        Assert.DoesNotContain(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        var timeline = await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/timeline", Ct);
        var last = timeline.EnumerateArray().Last();
        Assert.Equal(ReviewDesk.Engine.Runtime.JournalTypes.Cancelled, last.GetProperty("type").GetString());
        Assert.Equal(TestApiKeys.PrincipalName("operator"), last.GetProperty("actor").GetString());
        Assert.Equal("duplicate of another ticket", last.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cancel_RoutedTicket_Is409()
    {
        var id = await SubmitAsync("Refund", "a billing refund please");
        await ReviewTickets.WaitForStatusAsync(_client, id, "Routed");

        using var response = await _client.PostAsync($"/api/tickets/{id}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("completed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await ReviewTickets.WaitForStatusAsync(_client, id, "Routed");
    }

    private async Task<string> SubmitAsync(string subject, string body, string? channel = null, string? externalId = null)
    {
        using var response = await _client.PostAsJsonAsync("/api/tickets", new { subject, body, channel, externalId, variant = ReviewTickets.Variant }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> ListAsync(string query)
    {
        using var response = await _client.GetAsync("/api/tickets" + query, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
}
