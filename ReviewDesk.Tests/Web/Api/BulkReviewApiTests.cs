using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Web.Api;

/// <summary>
/// <c>POST /api/reviews/bulk</c> (issue 15, item 11): several tickets approved as suggested, assigned or escalated, each
/// through the single-ticket path, on a real web host and SQLite file.
/// </summary>
public sealed class BulkReviewApiTests : IAsyncLifetime
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
    public async Task Bug_15_BulkApprove_ApprovesEachWithTheAiLabels_OneAuditEntryPerTicketByTheCaller_AndARepeatChangesNothing()
    {
        var ids = await SubmitPendingAsync(3);

        using var response = await BulkAsync("alice", new { action = "approve", ticketIds = ids, requestId = "bulk-1" });
        var first = await ReadAsync(response);
        var after = await TicketsAsync(ids);
        using var repeat = await BulkAsync("alice", new { action = "approve", ticketIds = ids, requestId = "bulk-1" });
        var second = await ReadAsync(repeat);

        Assert.Equal(3, first.GetProperty("done").GetInt32());
        Assert.Equal(0, first.GetProperty("skipped").GetInt32());
        Assert.Equal(ids, first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("ticketId").GetString()));
        Assert.All(first.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Equal("done", i.GetProperty("outcome").GetString());
            Assert.Equal("Routed", i.GetProperty("status").GetString());
        });
        foreach (var ticket in after)
        {
            Assert.Equal("Routed", ticket.GetProperty("status").GetString());
            var decision = ticket.GetProperty("decision");
            Assert.Equal("approve", decision.GetProperty("action").GetString());
            Assert.Equal("apikey:alice", decision.GetProperty("reviewer").GetString());
            Assert.Equal(JsonValueKind.Null, decision.GetProperty("category").ValueKind);
            Assert.Equal(ticket.GetProperty("classification").GetProperty("category").GetString(), ticket.GetProperty("finalCategory").GetString());
            Assert.Equal($"bulk-1:approve:{ticket.GetProperty("id").GetString()}", decision.GetProperty("requestId").GetString());
        }

        Assert.Equal(3, second.GetProperty("done").GetInt32());
        Assert.Equal(after.Select(t => t.GetProperty("updatedAt").GetString()), (await TicketsAsync(ids)).Select(t => t.GetProperty("updatedAt").GetString()));
        foreach (var id in ids)
        {
            var approvals = await AuditAsync(id, "approve");
            var approval = Assert.Single(approvals);
            Assert.Equal("apikey:alice", approval.GetProperty("actor").GetString());
        }

        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>($"/api/reviews?variant={ReviewTickets.Variant}", Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Bug_15_BulkApprove_TicketClaimedByAnotherReviewer_IsSkippedAndNamed_UntilAnAdminTakesItOver()
    {
        var ids = await SubmitPendingAsync(2);
        using (var claim = await _client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{ids[1]}/claim"), Ct)) claim.EnsureSuccessStatusCode();

        var alice = await ReadAsync(await BulkAsync("alice", new { action = "approve", ticketIds = ids, requestId = "bulk-claims" }));
        var held = await TicketsAsync([ids[1]]);
        var approvalsBeforeAdmin = await AuditAsync(ids[1], "approve");
        var admin = await ReadAsync(await BulkAsync("admin", new { action = "approve", ticketIds = new[] { ids[1] }, requestId = "bulk-take", takeOver = true }));

        Assert.Equal(1, alice.GetProperty("done").GetInt32());
        Assert.Equal(1, alice.GetProperty("skipped").GetInt32());
        var items = alice.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("done", items[0].GetProperty("outcome").GetString());
        Assert.Equal("skipped", items[1].GetProperty("outcome").GetString());
        Assert.Equal("claimed", items[1].GetProperty("reason").GetString());
        Assert.Equal("apikey:bob", items[1].GetProperty("claimedBy").GetString());
        Assert.Contains("apikey:bob", items[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("AwaitingReview", held[0].GetProperty("status").GetString());
        Assert.Empty(approvalsBeforeAdmin);
        Assert.Equal(1, admin.GetProperty("done").GetInt32());
        Assert.Equal("apikey:admin", Assert.Single(await AuditAsync(ids[1], "approve")).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Bug_15_BulkEscalate_EscalatesEachOnce_AsTheSingleEscalateDoes_EvenWhenRepeated()
    {
        var ids = await SubmitPendingAsync(2);

        var first = await ReadAsync(await BulkAsync("carol", new { action = "escalate", ticketIds = ids, requestId = "bulk-esc" }));
        var repeat = await ReadAsync(await BulkAsync("carol", new { action = "escalate", ticketIds = ids, requestId = "bulk-esc" }));
        var tickets = await TicketsAsync(ids);

        Assert.Equal(2, first.GetProperty("done").GetInt32());
        Assert.Equal(2, repeat.GetProperty("done").GetInt32());
        Assert.All(tickets, t =>
        {
            Assert.Equal("Escalated", t.GetProperty("status").GetString());
            Assert.Equal(1, t.GetProperty("escalations").GetInt32());
        });
        foreach (var id in ids)
        {
            Assert.Equal("apikey:carol", Assert.Single(await AuditAsync(id, "escalate")).GetProperty("actor").GetString());
        }

        var queue = await _client.GetFromJsonAsync<JsonElement>($"/api/reviews?variant={ReviewTickets.Variant}", Ct);
        Assert.Equal(2, queue.GetProperty("total").GetInt32());
        Assert.All(queue.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("claimedBy").ValueKind));
    }

    [Fact]
    public async Task Bug_15_BulkAssign_AReviewerToThemself_AnAdminToAnyReviewer_AuditedByWhoAssigned_OthersRefused()
    {
        var ids = await SubmitPendingAsync(2);
        const string Erin = "erin@bulk.test";
        await CreateAccountAsync(Erin, ReviewDeskRoles.Reviewer);
        await CreateAccountAsync("olga@bulk.test", ReviewDeskRoles.Operator);

        var self = await ReadAsync(await BulkAsync("dave", new { action = "assign", ticketIds = new[] { ids[0] }, requestId = "assign-self" }));
        using var reviewerToOther = await BulkAsync("dave", new { action = "assign", ticketIds = new[] { ids[1] }, assignee = Erin, requestId = "assign-other" });
        using var toOperator = await BulkAsync("admin", new { action = "assign", ticketIds = new[] { ids[1] }, assignee = "olga@bulk.test", requestId = "assign-op" });
        var byAdmin = await ReadAsync(await BulkAsync("admin", new { action = "assign", ticketIds = ids, assignee = Erin, requestId = "assign-erin" }));
        var repeat = await ReadAsync(await BulkAsync("admin", new { action = "assign", ticketIds = ids, assignee = Erin, requestId = "assign-erin" }));
        var queue = await _client.GetFromJsonAsync<JsonElement>($"/api/reviews?variant={ReviewTickets.Variant}", Ct);

        Assert.Equal("done", self.GetProperty("items")[0].GetProperty("outcome").GetString());
        Assert.Equal("apikey:dave", self.GetProperty("items")[0].GetProperty("claimedBy").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, reviewerToOther.StatusCode);
        Assert.Equal("application/problem+json", reviewerToOther.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, toOperator.StatusCode);
        Assert.True((await toOperator.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("assignee", out _));
        // dave holds the first ticket: without a take-over the admin's assignment skips it and names him.
        var items = byAdmin.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(("skipped", "claimed", "apikey:dave"), (items[0].GetProperty("outcome").GetString(), items[0].GetProperty("reason").GetString(), items[0].GetProperty("claimedBy").GetString()));
        Assert.Equal(("done", Erin), (items[1].GetProperty("outcome").GetString(), items[1].GetProperty("claimedBy").GetString()));
        Assert.Equal(1, repeat.GetProperty("done").GetInt32());
        var claims = queue.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("claimedBy").GetString());
        Assert.Equal("apikey:dave", claims[ids[0]]);
        Assert.Equal(Erin, claims[ids[1]]);
        var selfAudit = Assert.Single(await AuditAsync(ids[0], "assign"));
        Assert.Equal("apikey:dave", selfAudit.GetProperty("actor").GetString());
        var assigned = Assert.Single(await AuditAsync(ids[1], "assign"));
        Assert.Equal("apikey:admin", assigned.GetProperty("actor").GetString());
        Assert.Equal(Erin, assigned.GetProperty("detail").GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task Bug_15_Bulk_InvalidBodies_Are400ProblemDetails_ATakeOverByAReviewerIs403_AndOperatorsMayNot()
    {
        using var anonymousClient = _factory.CreateAnonymousClient();
        var tooMany = Enumerable.Range(0, 201).Select(i => $"tk_{i}").ToArray();

        using var overLimit = await BulkAsync("alice", new { action = "approve", ticketIds = tooMany, requestId = "big" });
        using var noRequestId = await BulkAsync("alice", new { action = "approve", ticketIds = new[] { "tk_1" } });
        using var badAction = await BulkAsync("alice", new { action = "reject", ticketIds = new[] { "tk_1" }, requestId = "r" });
        using var empty = await BulkAsync("alice", new { action = "approve", ticketIds = Array.Empty<string>(), requestId = "r" });
        using var takeOver = await BulkAsync("alice", new { action = "approve", ticketIds = new[] { "tk_1" }, requestId = "r", takeOver = true });
        using var byOperator = await BulkAsync("operator", new { action = "approve", ticketIds = new[] { "tk_1" }, requestId = "r" });
        using var anonymous = await anonymousClient.PostAsJsonAsync("/api/reviews/bulk", new { action = "approve", ticketIds = new[] { "tk_1" }, requestId = "r" }, Ct);
        var unknown = await ReadAsync(await BulkAsync("alice", new { action = "approve", ticketIds = new[] { "tk_nope" }, requestId = "r" }));

        foreach (var (response, field) in new[] { (overLimit, "ticketIds"), (noRequestId, "requestId"), (badAction, "action"), (empty, "ticketIds") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        foreach (var refused in new[] { takeOver, byOperator })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(("skipped", "not_found"), (unknown.GetProperty("items")[0].GetProperty("outcome").GetString(), unknown.GetProperty("items")[0].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Bug_15_OpenApiDocument_DescribesTheBulkAction_ItsBody_PerItemResults_AndProblemAnswers()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var operation = document.GetProperty("paths").GetProperty("/api/reviews/bulk").GetProperty("post");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var body = Resolve(schemas, operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var result = Resolve(schemas, operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var item = Resolve(schemas, result.GetProperty("properties").GetProperty("items").GetProperty("items"));

        Assert.Equal(["action", "assignee", "requestId", "takeOver", "ticketIds"], body.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["claimedBy", "message", "outcome", "reason", "status", "ticketId"], item.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var status in new[] { "400", "401", "403" })
        {
            Assert.True(operation.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        }

        Assert.Contains("`requestId` is required", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference)) return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (!schema.TryGetProperty(combinator, out var parts)) continue;
            foreach (var part in parts.EnumerateArray().Where(p => p.TryGetProperty("$ref", out _))) return Resolve(schemas, part);
        }

        return schema;
    }

    private async Task<string[]> SubmitPendingAsync(int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++) ids[i] = await ReviewTickets.SubmitUnclearAsync(_client, $"Bulk {i}");
        foreach (var id in ids) await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");
        return ids;
    }

    private Task<HttpResponseMessage> BulkAsync(string caller, object body) =>
        _client.SendAsync(ReviewTickets.As(caller, HttpMethod.Post, "/api/reviews/bulk", body), Ct);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
            return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }
    }

    private async Task<List<JsonElement>> TicketsAsync(IEnumerable<string> ids)
    {
        var tickets = new List<JsonElement>();
        foreach (var id in ids) tickets.Add(await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct));
        return tickets;
    }

    private async Task<List<JsonElement>> AuditAsync(string ticketId, string action)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/audit?ticketId={ticketId}&action={action}", Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private async Task CreateAccountAsync(string email, string role)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Bulk-Test-Password-1")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }
}
