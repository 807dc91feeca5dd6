using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReviewDesk.Tests.Web.Api;

/// <summary>A reviewer's escalation and comments through the HTTP API, on a real web host and SQLite file.</summary>
public sealed class EscalateAndCommentApiTests : IAsyncLifetime
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
    public async Task Escalate_RaisesThePriority_ReleasesTheClaim_KeepsItInTheQueue_AndKeepsTheComment()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");
        var before = await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        var priorityBefore = before.GetProperty("classification").GetProperty("priority").GetString()!;
        using (var claim = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/claim"), Ct)) claim.EnsureSuccessStatusCode();

        using var response = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/decision",
            new { action = "escalate", comment = "Needs the billing lead", requestId = "esc-1" }), Ct);
        using var repeat = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/decision",
            new { action = "escalate", comment = "Needs the billing lead", requestId = "esc-1" }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var ticket = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Escalated", ticket.GetProperty("status").GetString());
        Assert.Equal(1, ticket.GetProperty("escalations").GetInt32());
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("decision").ValueKind);
        var queue = await _client.GetFromJsonAsync<JsonElement>($"/api/reviews?variant={ReviewTickets.Variant}", Ct);
        var item = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal(ReviewDesk.Workflows.Triage.Activities.ReviewGateActivity.Raise(priorityBefore), item.GetProperty("priority").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("claimedBy").ValueKind);
        var comments = await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/comments", Ct);
        var comment = Assert.Single(comments.EnumerateArray());
        Assert.Equal("escalate", comment.GetProperty("kind").GetString());
        Assert.Equal("apikey:bob", comment.GetProperty("author").GetString());
        Assert.Equal("Needs the billing lead", comment.GetProperty("text").GetString());
        var timeline = await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/timeline", Ct);
        var escalated = Assert.Single(timeline.EnumerateArray(), e => e.GetProperty("type").GetString() == "Escalated");
        Assert.StartsWith("escalated by apikey:bob", escalated.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("billing lead", escalated.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalate_ThenApprove_RoutesTheTicketWithTheRaisedPriority()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");
        using (var escalate = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "escalate" }), Ct))
        {
            Assert.True(escalate.IsSuccessStatusCode, await escalate.Content.ReadAsStringAsync(Ct));
        }

        var escalatedTicket = await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        using var approve = await _client.SendAsync(ReviewTickets.As("carol", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "approve" }), Ct);

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var routed = await approve.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Routed", routed.GetProperty("status").GetString());
        var queue = await _client.GetFromJsonAsync<JsonElement>($"/api/reviews?variant={ReviewTickets.Variant}", Ct);
        Assert.Equal(0, queue.GetProperty("total").GetInt32());
        Assert.Equal(1, escalatedTicket.GetProperty("escalations").GetInt32());
        Assert.Equal("apikey:carol", routed.GetProperty("decision").GetProperty("reviewer").GetString());
    }

    [Fact]
    public async Task Escalate_WithEditedLabels_Is400()
    {
        using var response = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, "/api/reviews/tk_any/decision", new { action = "escalate", category = "billing" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("action", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Comment_IsAddedOnce_PerRequestId_AndListedInOrder()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);

        using var first = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/tickets/{id}/comments", new { text = "  Customer called twice  ", requestId = "c-1" }), Ct);
        using var again = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/tickets/{id}/comments", new { text = "Customer called twice", requestId = "c-1" }), Ct);
        using var second = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/tickets/{id}/comments", new { text = "Looking into it" }), Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        Assert.Equal(firstId, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64());
        var comments = (await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/comments", Ct)).EnumerateArray().ToList();
        Assert.Equal(["Customer called twice", "Looking into it"], comments.Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(["apikey:alice", "apikey:bob"], comments.Select(c => c.GetProperty("author").GetString()));
        Assert.All(comments, c => Assert.Equal("comment", c.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Comment_EmptyTooLongAnonymousOrUnknownTicket_Is400Or401Or404ProblemDetails()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        using var anonymousClient = _factory.CreateAnonymousClient();

        using var empty = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/tickets/{id}/comments", new { text = "   " }), Ct);
        using var tooLong = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, $"/api/tickets/{id}/comments", new { text = new string('x', 4001) }), Ct);
        using var anonymous = await anonymousClient.PostAsJsonAsync($"/api/tickets/{id}/comments", new { text = "hi" }, Ct);
        using var unknown = await _client.SendAsync(ReviewTickets.As("alice", HttpMethod.Post, "/api/tickets/tk_nope/comments", new { text = "hi" }), Ct);
        using var unknownList = await _client.GetAsync("/api/tickets/tk_nope/comments", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("text", (await empty.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownList.StatusCode);
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/comments", Ct)).EnumerateArray());
    }
}
