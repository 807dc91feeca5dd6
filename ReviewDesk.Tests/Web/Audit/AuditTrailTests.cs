using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Tests.Web.Audit;

/// <summary>An audit entry for each auditable action, through the real web host on its SQLite file, read back through <c>/api/audit</c>.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ReviewDeskWebFactory _factory;
    private HttpClient _client = null!;

    public AuditTrailTests() => _factory = new() { Classifier = new KeywordClassifierSource(), Time = _time };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient("admin");
        await ReviewTickets.PublishVariantAsync(_factory.Services);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<string> PendingTicketAsync()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(_client);
        await ReviewTickets.WaitForStatusAsync(_client, id, "AwaitingReview");
        return id;
    }

    private async Task<List<JsonElement>> EntriesAsync(string query)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/audit?pageSize=200&" + query, Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private async Task<JsonElement> WaitForEntryAsync(string query) =>
        (await Eventually.GetAsync(() => EntriesAsync(query), e => e.Count > 0, $"an audit entry for {query}"))[0];

    private async Task<HttpResponseMessage> SendAsync(string principal, HttpMethod method, string path, object? body = null) =>
        await _client.SendAsync(ReviewTickets.As(principal, method, path, body), Ct);

    [Fact]
    public async Task Approve_WithEditedLabels_IsAuditedOnce_WithLabelsBeforeAndAfterCommentModelAndConfidence()
    {
        var id = await PendingTicketAsync();
        var decision = new { action = "approve", category = "billing", priority = "P2", comment = "Spoke to Jane Doe on +44 20 7946 0958", requestId = "r-approve" };

        using (var first = await SendAsync("alice", HttpMethod.Post, $"/api/reviews/{id}/decision", decision)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var repeat = await SendAsync("alice", HttpMethod.Post, $"/api/reviews/{id}/decision", decision)) Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);

        var entries = await EntriesAsync($"ticketId={id}");
        Assert.Equal(["approve", "claim"], entries.Select(e => e.GetProperty("action").GetString()));
        var approve = entries[0];
        Assert.Equal("apikey:alice", approve.GetProperty("actor").GetString());
        var detail = approve.GetProperty("detail");
        Assert.Equal("billing", detail.GetProperty("after").GetProperty("category").GetString());
        Assert.Equal("P2", detail.GetProperty("after").GetProperty("priority").GetString());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("before").GetProperty("category").GetString()));
        Assert.True(detail.GetProperty("edited").GetBoolean());
        Assert.True(detail.GetProperty("confidence").GetDouble() < 0.8);
        Assert.Equal("local", detail.GetProperty("model").GetProperty("provider").GetString());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("model").GetProperty("model").GetString()));
        Assert.Equal(ReviewTickets.Variant, detail.GetProperty("workflow").GetProperty("definitionId").GetString());
        Assert.Equal(1, detail.GetProperty("workflow").GetProperty("version").GetInt32());
        Assert.Equal("r-approve", detail.GetProperty("requestId").GetString());
        // The comment is kept with its PII replaced: the trail never holds PII values.
        var comment = detail.GetProperty("comment").GetString()!;
        Assert.Contains("<PHONE_NUMBER_1>", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_IsAuditedWithTheLabelsItRejected()
    {
        var id = await PendingTicketAsync();

        using (var response = await SendAsync("alice", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "reject", comment = "spam" })) Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var reject = await WaitForEntryAsync($"ticketId={id}&action=reject");
        Assert.Equal("apikey:alice", reject.GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.Null, reject.GetProperty("detail").GetProperty("after").ValueKind);
        Assert.Equal("spam", reject.GetProperty("detail").GetProperty("comment").GetString());
    }

    [Fact]
    public async Task ClaimTakeOverAndRelease_AreAudited_ButARenewalIsNot()
    {
        var id = await PendingTicketAsync();

        using (var claim = await SendAsync("alice", HttpMethod.Post, $"/api/reviews/{id}/claim")) Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        using (var renew = await SendAsync("alice", HttpMethod.Post, $"/api/reviews/{id}/claim")) Assert.Equal(HttpStatusCode.OK, renew.StatusCode);
        using (var takeOver = await SendAsync("admin", HttpMethod.Post, $"/api/reviews/{id}/claim?takeOver=true")) Assert.Equal(HttpStatusCode.OK, takeOver.StatusCode);
        using (var release = await SendAsync("admin", HttpMethod.Post, $"/api/reviews/{id}/release")) Assert.Equal(HttpStatusCode.OK, release.StatusCode);

        var entries = await EntriesAsync($"ticketId={id}");
        Assert.Equal(
            [("release", "apikey:admin"), ("take_over", "apikey:admin"), ("claim", "apikey:alice")],
            entries.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())));
        Assert.Equal("apikey:alice", entries[1].GetProperty("detail").GetProperty("from").GetString());
        Assert.Equal("apikey:admin", entries[0].GetProperty("detail").GetProperty("holder").GetString());
    }

    [Fact]
    public async Task Escalations_ByAReviewerAndByTheDeadline_AreAudited()
    {
        var id = await PendingTicketAsync();

        using (var response = await SendAsync("alice", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "escalate", comment = "above me" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var byReviewer = await WaitForEntryAsync($"ticketId={id}&action=escalate");
        Assert.Equal("apikey:alice", byReviewer.GetProperty("actor").GetString());
        Assert.Equal("reviewer", byReviewer.GetProperty("detail").GetProperty("cause").GetString());
        Assert.Equal("above me", byReviewer.GetProperty("detail").GetProperty("comment").GetString());

        _time.Advance(TimeSpan.FromHours(24));
        var byDeadline = await WaitForEntryAsync($"ticketId={id}&action=escalate&actor=system");
        Assert.Equal("deadline", byDeadline.GetProperty("detail").GetProperty("cause").GetString());
        var before = byDeadline.GetProperty("detail").GetProperty("before").GetProperty("priority").GetString();
        var after = byDeadline.GetProperty("detail").GetProperty("after").GetProperty("priority").GetString();
        Assert.Equal(ReviewDesk.Workflows.Triage.Activities.ReviewGateActivity.Raise(before!), after);
        Assert.Equal(2, (await EntriesAsync($"ticketId={id}&action=escalate")).Count);
    }

    [Fact]
    public async Task DefinitionPublishAndRetract_AreAudited()
    {
        var definitions = _factory.Services.GetRequiredService<WorkflowDefinitionStore>();

        Assert.True(await definitions.RetractAsync(ReviewTickets.Variant, 1, "apikey:admin", Ct));

        var published = await WaitForEntryAsync($"action=publish_definition&actor=test");
        Assert.Equal(AuditedWorkflowChanges.Target(ReviewTickets.Variant, 1), published.GetProperty("target").GetString());
        await WaitForEntryAsync($"action=publish_definition&actor=system");
        // Both shipped variants and the deadline notice are installed at first start, by the system.
        var installed = (await EntriesAsync("action=publish_definition&actor=system")).Select(e => e.GetProperty("detail").GetProperty("definitionId").GetString());
        Assert.Equal(["review-deadline-notice", "support-triage", "vip-triage"], installed.Order(StringComparer.Ordinal));
        var retracted = await WaitForEntryAsync("action=retract_definition");
        Assert.Equal("apikey:admin", retracted.GetProperty("actor").GetString());
        Assert.Equal(AuditedWorkflowChanges.Target(ReviewTickets.Variant, 1), retracted.GetProperty("target").GetString());
    }

    [Fact]
    public async Task TicketCancelledThroughTheApi_IsAuditedWithTheCallerAndTheReason()
    {
        var id = await PendingTicketAsync();

        using var cancelled = await SendAsync("operator", HttpMethod.Post, $"/api/tickets/{id}/cancel", new { reason = "duplicate of another" });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var entry = await WaitForEntryAsync($"ticketId={id}&action=cancel_instance");
        Assert.Equal(TestApiKeys.PrincipalName("operator"), entry.GetProperty("actor").GetString());
        Assert.StartsWith("instance:", entry.GetProperty("target").GetString(), StringComparison.Ordinal);
        Assert.Equal("duplicate of another", entry.GetProperty("detail").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task DraftDeletedAndDefinitionReverted_InTheDesigner_AreAuditedWithTheAuthor()
    {
        var designer = _factory.Services.GetRequiredService<ReviewDesk.Engine.Designer.WorkflowDesigner>();
        var definitions = _factory.Services.GetRequiredService<WorkflowDefinitionStore>();
        var published = (await definitions.GetLatestPublishedAsync(ReviewTickets.Variant, Ct))!;
        var draft = await definitions.SaveDraftAsync(published with { Name = "to be deleted" }, "admin@example.com", Ct);

        Assert.True(await designer.DeleteDraftAsync(ReviewTickets.Variant, draft.Version, "admin@example.com", Ct));
        var reverted = await designer.RevertAsync(ReviewTickets.Variant, published.Version, "admin@example.com", Ct);

        Assert.True(reverted.Succeeded);
        var deleted = await WaitForEntryAsync("action=delete_draft");
        Assert.Equal(("admin@example.com", AuditedWorkflowChanges.Target(ReviewTickets.Variant, draft.Version)), (deleted.GetProperty("actor").GetString(), deleted.GetProperty("target").GetString()));
        var revert = await WaitForEntryAsync("action=revert_definition");
        Assert.Equal("admin@example.com", revert.GetProperty("actor").GetString());
        Assert.Equal(AuditedWorkflowChanges.Target(ReviewTickets.Variant, reverted.Version!.Version), revert.GetProperty("target").GetString());
        Assert.Equal(published.Version, revert.GetProperty("detail").GetProperty("revertedFrom").GetInt32());
    }

    [Fact]
    public async Task ApiKeyCreateAndRevoke_AreAudited_WithoutTheKey()
    {
        var keys = _factory.Services.GetRequiredService<ApiKeyService>();

        var created = await keys.CreateAsync("importer", [ReviewDeskRoles.Operator], "admin@example.com", Ct);
        Assert.True(await keys.RevokeAsync(created.Key.Id, "admin@example.com", Ct));

        var target = ApiKeyService.AuditTarget(created.Key.Id);
        var entries = (await EntriesAsync("actor=admin@example.com")).Where(e => e.GetProperty("target").GetString() == target).ToList();
        Assert.Equal(["revoke_api_key", "create_api_key"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("importer", entries[1].GetProperty("detail").GetProperty("name").GetString());
        Assert.Equal(["Operator"], entries[1].GetProperty("detail").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(created.Secret, string.Join('\n', entries.Select(e => e.GetRawText())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTrail_IsAppendOnly_InTheStoreAndInTheDatabase()
    {
        var declared = typeof(AuditLog).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["Append", "AppendAsync", "QueryAsync", "ReadAllAsync"], declared);

        await WaitForEntryAsync("action=publish_definition");
        await using var connection = await _factory.OpenDatabaseAsync(Ct);
        foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory'", "DELETE FROM \"AuditEntries\"" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_BadQueryValues_Return400NamingEachParameter_AndOthersRoles403()
    {
        using var bad = await _client.GetAsync("/api/audit?action=dance&pageSize=0&from=soon&page=x", Ct);
        using var asReviewer = await SendAsync("alice", HttpMethod.Get, "/api/audit");
        using var exportAsOperator = await SendAsync("operator", HttpMethod.Get, "/api/audit/export");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["action", "from", "page", "pageSize"], errors);
        Assert.Equal(HttpStatusCode.Forbidden, asReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, exportAsOperator.StatusCode);
    }
}
