using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReviewDesk.Web.Api;

namespace ReviewDesk.Tests.Web.Api;

/// <summary><c>POST /api/tickets/batch</c>: per-item results, idempotent per item, bounded, problem JSON for a bad request.</summary>
public sealed class TicketBatchApiTests : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new() { Classifier = new KeywordClassifierSource() };
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task JsonArray_CreatesTheValid_ReportsTheInvalid_AndAnExistingExternalIdIsTheFirstTicket()
    {
        await ReviewTickets.PublishVariantAsync(_factory.Services);
        using var first = await _client.PostAsJsonAsync("/api/tickets", new { subject = "Earlier", body = "Submitted one by one", externalId = "B-1" }, Ct);
        var earlier = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var result = await PostJsonAsync(
            new { subject = "Again", body = "Same external id", externalId = "B-1" },
            new { subject = "", body = "No subject", externalId = "B-2" },
            // The review variant has no random audit sample, so this confident ticket is routed whatever its id.
            new { subject = "Parcel late", body = "My parcel has not arrived", externalId = "B-3", variant = ReviewTickets.Variant },
            new { subject = "Parcel late", body = "Sent twice in one batch", externalId = "B-3" });

        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["existing", "invalid", "created", "existing"], items.Select(i => i.GetProperty("outcome").GetString()));
        Assert.Equal(earlier, items[0].GetProperty("ticketId").GetString());
        Assert.True(items[1].GetProperty("errors").TryGetProperty("subject", out _));
        Assert.Equal(items[2].GetProperty("ticketId").GetString(), items[3].GetProperty("ticketId").GetString());
        Assert.Equal((1, 2, 1, 0), (result.GetProperty("created").GetInt32(), result.GetProperty("existing").GetInt32(),
            result.GetProperty("invalid").GetInt32(), result.GetProperty("failed").GetInt32()));
        // The created ticket runs its triage like any other.
        await ReviewTickets.WaitForStatusAsync(_client, items[2].GetProperty("ticketId").GetString()!, "Routed");
    }

    [Fact]
    public async Task NdJson_AMalformedLineIsInvalid_TheOthersAreCreated_AndSendingItAgainCreatesNothing()
    {
        const string body = """
            {"subject": "Invoice question", "body": "Why was I charged twice for billing?", "externalId": "N-1"}
            {"subject": "broken
            {"subject": "Password reset", "body": "I cannot sign in to my account", "externalId": "N-3"}
            """;

        var once = await PostNdJsonAsync(body);
        var again = await PostNdJsonAsync(body);

        Assert.Equal(["created", "invalid", "created"], Outcomes(once));
        Assert.Contains("line 2", once.GetProperty("items")[1].GetProperty("errors").GetProperty("item")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["existing", "invalid", "existing"], Outcomes(again));
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/tickets?pageSize=10", Ct);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AVariantWithNoPublishedVersion_FailsThatItemAlone()
    {
        var result = await PostJsonAsync(
            new { subject = "Fine", body = "Runs the default", externalId = "V-1" },
            new { subject = "Nowhere", body = "Asks for a variant that does not exist", externalId = "V-2", variant = "no-such-variant" });

        Assert.Equal(["created", "failed"], Outcomes(result));
        Assert.Contains("no-such-variant", result.GetProperty("items")[1].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", "hello", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "{\"subject\": \"not an array\"}", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "[{\"subject\": ", HttpStatusCode.BadRequest)]
    public async Task ABodyThatIsNoBatch_GetsProblemJson(string mediaType, string body, HttpStatusCode expected)
    {
        using var response = await _client.PostAsync("/api/tickets/batch", new StringContent(body, Encoding.UTF8, mediaType), Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task MoreItemsThanAllowed_Is400_AndNothingIsCreated()
    {
        var lines = string.Join('\n', Enumerable.Range(0, TicketBatchApi.MaxItems + 1).Select(i => $$"""{"subject":"s","body":"b","externalId":"M-{{i}}"}"""));

        using var response = await _client.PostAsync("/api/tickets/batch", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>("/api/tickets?pageSize=1", Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ABodyOverTheBatchLimit_Is413ProblemJson()
    {
        await using var factory = new ReviewDeskWebFactory { Classifier = new KeywordClassifierSource() };
        factory.Settings["Api:MaxBatchBodyBytes"] = "1000";
        using var client = factory.CreateClient();
        var body = new string('x', 2000);

        using var response = await client.PostAsync("/api/tickets/batch", new StringContent(body, Encoding.UTF8, "application/x-ndjson"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> PostJsonAsync(params object[] tickets)
    {
        using var response = await _client.PostAsJsonAsync("/api/tickets/batch", tickets, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<JsonElement> PostNdJsonAsync(string body)
    {
        using var response = await _client.PostAsync("/api/tickets/batch", new StringContent(body, Encoding.UTF8, "application/x-ndjson"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static List<string?> Outcomes(JsonElement result) => [.. result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("outcome").GetString())];
}
