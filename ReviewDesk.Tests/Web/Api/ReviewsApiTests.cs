using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReviewDesk.Tests.Web.Api;

/// <summary>The review queue and claims through the HTTP API, on a real web host and SQLite file.</summary>
public sealed class ReviewsApiTests : IAsyncLifetime
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
    public async Task List_TicketNeedingReview_IsListedWithItsLabelsAndFilters()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");

        var page = await _client.GetFromJsonAsync<JsonElement>("/api/reviews?reason=low_confidence&sort=confidence&page=1&pageSize=10", Ct);
        var otherReason = await _client.GetFromJsonAsync<JsonElement>("/api/reviews?reason=security_category", Ct);
        var otherVariant = await _client.GetFromJsonAsync<JsonElement>("/api/reviews?variant=support-triage", Ct);

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal("AwaitingReview", item.GetProperty("status").GetString());
        Assert.Equal("Hmm", item.GetProperty("subject").GetString());
        Assert.Equal(ReviewTickets.Variant, item.GetProperty("variant").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("category").GetString()));
        Assert.False(string.IsNullOrEmpty(item.GetProperty("priority").GetString()));
        Assert.True(item.GetProperty("confidence").GetDouble() < 0.8);
        Assert.Contains("low_confidence", item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("deadline").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("timeLeft").ValueKind);
        Assert.Equal(0, otherReason.GetProperty("total").GetInt32());
        Assert.Equal(0, otherVariant.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_BadQueryValues_Return400ProblemDetailsNamingEachParameter()
    {
        using var response = await _client.GetAsync("/api/reviews?sort=sideways&pageSize=0&page=x&minConfidence=abc&maxConfidence=2&category=nope&piiType=SECRET", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["category", "maxConfidence", "minConfidence", "page", "pageSize", "piiType", "sort"], errors);
    }

    [Fact]
    public async Task ClaimAndRelease_UnknownTicketOrNoCredentials_Return404And401()
    {
        using var anonymousClient = _factory.CreateAnonymousClient();
        using var unknownClaim = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, "/api/reviews/tk_nope/claim"), Ct);
        using var unknownRelease = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, "/api/reviews/tk_nope/release"), Ct);
        using var anonymous = await anonymousClient.PostAsync("/api/reviews/tk_nope/claim", null, Ct);
        using var badFlag = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, "/api/reviews/tk_nope/claim?takeOver=maybe"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknownClaim.StatusCode);
        Assert.Equal("application/problem+json", unknownClaim.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownRelease.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badFlag.StatusCode);
    }

    [Fact]
    public async Task Claim_HeldByAnother_ClaimReleaseAndDecisionAre409NamingTheHolder_UntilTakeOver()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");

        using var alice = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/reviews/{id}/claim"), Ct);
        using var aliceRenews = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/reviews/{id}/claim"), Ct);
        var listed = await _client.GetFromJsonAsync<JsonElement>("/api/reviews", Ct);
        using var bobClaim = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/claim"), Ct);
        using var bobRelease = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/release"), Ct);
        using var bobDecides = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "approve" }), Ct);
        using var adminDecides = await _client.SendAsync(ReviewTickets.As("admin", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "approve", takeOver = true }), Ct);
        using var claimDecided = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/reviews/{id}/claim"), Ct);
        var after = await _client.GetFromJsonAsync<JsonElement>("/api/reviews", Ct);

        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        var claim = await alice.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Claimed", claim.GetProperty("outcome").GetString());
        Assert.Equal("apikey:alice", claim.GetProperty("claimedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, aliceRenews.StatusCode);
        Assert.Equal("apikey:alice", listed.GetProperty("items")[0].GetProperty("claimedBy").GetString());
        foreach (var refused in new[] { bobClaim, bobRelease, bobDecides })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("claimed by apikey:alice", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.True(adminDecides.StatusCode == HttpStatusCode.OK, await adminDecides.Content.ReadAsStringAsync(Ct));
        var decided = await adminDecides.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Routed", decided.GetProperty("status").GetString());
        Assert.Equal("apikey:admin", decided.GetProperty("decision").GetProperty("reviewer").GetString());
        Assert.Equal(HttpStatusCode.Conflict, claimDecided.StatusCode);
        Assert.Equal(0, after.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TakeOver_ByAReviewer_Is403_ByAnAdminTakesTheClaim()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");
        using (var alice = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/reviews/{id}/claim"), Ct)) alice.EnsureSuccessStatusCode();

        using var bobClaims = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/claim?takeOver=true"), Ct);
        using var bobReleases = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/release?takeOver=true"), Ct);
        using var bobDecides = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "approve", takeOver = true }), Ct);
        using var adminClaims = await _client.SendAsync(ReviewTickets.As("admin", HttpMethod.Post, $"/api/reviews/{id}/claim?takeOver=true"), Ct);

        foreach (var refused in new[] { bobClaims, bobReleases, bobDecides })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.OK, adminClaims.StatusCode);
        Assert.Equal("apikey:admin", (await adminClaims.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("claimedBy").GetString());
    }
}
