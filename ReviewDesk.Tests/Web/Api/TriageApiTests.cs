using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Api;

/// <summary>The triage workflow through the HTTP API, on a real web host and SQLite file.</summary>
public sealed class TriageApiTests : IAsyncLifetime
{
    private const string Variant = "test-triage";
    private readonly ReviewDeskWebFactory _factory = new() { Classifier = new KeywordClassifierSource() };
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        // The shipped definition with no audit sample, so that which tickets get reviewed does not depend on random ids.
        var definitions = _factory.Services.GetRequiredService<WorkflowDefinitionStore>();
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        var nodes = shipped.Nodes.Select(n => n.Id == "decide" ? n with { Settings = new JsonObject { ["threshold"] = 0.8, ["auditPercent"] = 0 } } : n).ToList();
        var published = await definitions.SaveAndPublishAsync(shipped with { Id = Variant, Name = "Test triage", Nodes = nodes }, "test", Ct);
        Assert.True(published.Succeeded);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_ConfidentBillingTicket_IsScrubbedClassifiedAndRoutedWithoutReview()
    {
        var submitted = await SubmitAsync(new
        {
            subject = "Charged twice for billing",
            body = "Hi, my billing shows two charges. Reach me at jane.doe@example.com or +44 20 7946 0958.",
            customer = new { name = "Jane Doe", email = "jane.doe@example.com" },
            channel = "email",
            variant = Variant,
        });

        var ticket = await WaitForStatusAsync(submitted.Id, "Routed");

        Assert.Equal("finance", ticket.GetProperty("queue").GetString());
        Assert.Equal("billing", ticket.GetProperty("finalCategory").GetString());
        Assert.False(ticket.GetProperty("reviewRequired").GetBoolean());
        var body = ticket.GetProperty("body").GetString()!;
        Assert.Contains("<EMAIL_ADDRESS_1>", body, StringComparison.Ordinal);
        Assert.Contains("<PHONE_NUMBER_1>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", body, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", ticket.GetProperty("piiSpans").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("billing", ticket.GetProperty("classification").GetProperty("category").GetString());
        Assert.Equal(Variant, ticket.GetProperty("workflowDefinition").GetString());
        Assert.Equal(1, ticket.GetProperty("workflowVersion").GetInt32());
    }

    [Fact]
    public async Task Decide_EditAndApprove_RoutesWithTheEditedCategoryAndJournalsTheChange()
    {
        var submitted = await SubmitAsync(new { subject = "Question", body = "I am not sure what this is about, maybe billing?", variant = Variant });
        var waiting = await WaitForStatusAsync(submitted.Id, "AwaitingReview");

        using var response = await _client.PostAsJsonAsync($"/api/reviews/{submitted.Id}/decision",
            new { action = "approve", category = "refund", priority = "P2", comment = "customer wants money back", requestId = "d-1" }, Ct);
        var decided = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var timeline = await _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{submitted.Id}/timeline", Ct);

        Assert.Contains("low_confidence", waiting.GetProperty("reviewReasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Routed", decided.GetProperty("status").GetString());
        Assert.Equal("refund", decided.GetProperty("finalCategory").GetString());
        Assert.Equal("P2", decided.GetProperty("finalPriority").GetString());
        Assert.Equal("finance", decided.GetProperty("queue").GetString());
        Assert.Equal("billing", decided.GetProperty("classification").GetProperty("category").GetString());
        var types = timeline.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("Resumed", types);
        Assert.Contains("LabelsEdited", types);
        Assert.Equal(types.Count, timeline.EnumerateArray().Select(e => e.GetProperty("seq").GetInt32()).Distinct().Count());
        // Every event about a node names its activity type too (scheduled, resumed and retried ones included).
        Assert.All(timeline.EnumerateArray().Where(e => e.GetProperty("node").ValueKind == JsonValueKind.String),
            e => Assert.False(string.IsNullOrEmpty(e.GetProperty("activity").GetString()), e.GetRawText()));
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("type").GetString() == "ActivityScheduled" && e.GetProperty("activity").GetString() == "Route");
    }

    [Fact]
    public async Task Decide_Twice_SecondIsAConflict_AndARepeatedRequestIdIsOk()
    {
        var submitted = await SubmitAsync(new { subject = "Hmm", body = "not sure where this goes", variant = Variant });
        await WaitForStatusAsync(submitted.Id, "AwaitingReview");

        using var first = await _client.PostAsJsonAsync($"/api/reviews/{submitted.Id}/decision", new { action = "reject", comment = "spam", requestId = "r-1" }, Ct);
        using var repeat = await _client.PostAsJsonAsync($"/api/reviews/{submitted.Id}/decision", new { action = "reject", comment = "spam", requestId = "r-1" }, Ct);
        using var other = await _client.PostAsJsonAsync($"/api/reviews/{submitted.Id}/decision", new { action = "approve", requestId = "r-2" }, Ct);

        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Rejected", (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already decided", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_UnknownTicketOrBadInput_Returns404And400ProblemDetails()
    {
        using var unknown = await _client.PostAsJsonAsync("/api/reviews/tk_nope/decision", new { action = "approve" }, Ct);
        using var badAction = await _client.PostAsJsonAsync("/api/reviews/tk_nope/decision", new { action = "maybe" }, Ct);
        using var rejectWithoutComment = await _client.PostAsJsonAsync("/api/reviews/tk_nope/decision", new { action = "reject" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.Contains("action", (await badAction.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutComment.StatusCode);
    }

    [Fact]
    public async Task Submit_RepeatedExternalIdOrIdempotencyKey_ReturnsTheSameTicket()
    {
        var first = await SubmitAsync(new { subject = "s", body = "shipping question", externalId = "EXT-1", variant = Variant });
        using var again = await _client.PostAsJsonAsync("/api/tickets", new { subject = "other", body = "other", externalId = "EXT-1", variant = Variant }, Ct);

        using var keyed1 = Keyed(new { subject = "s", body = "b", variant = Variant }, "key-1");
        using var keyedResponse1 = await _client.SendAsync(keyed1, Ct);
        using var keyed2 = Keyed(new { subject = "s", body = "b", variant = Variant }, "key-1");
        using var keyedResponse2 = await _client.SendAsync(keyed2, Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Id, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Accepted, keyedResponse1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyedResponse2.StatusCode);
        Assert.Equal((await keyedResponse1.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString(),
            (await keyedResponse2.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Submit_BadInput_Returns400ProblemDetails_AndUnknownVariant422()
    {
        using var missing = await _client.PostAsJsonAsync("/api/tickets", new { body = "no subject" }, Ct);
        using var malformed = await _client.PostAsync("/api/tickets", new StringContent("{\"subject\": ", Encoding.UTF8, "application/json"), Ct);
        using var wrongType = await _client.PostAsync("/api/tickets", new StringContent("{\"subject\": 5, \"body\": []}", Encoding.UTF8, "application/json"), Ct);
        using var badEmail = await _client.PostAsJsonAsync("/api/tickets", new { subject = "s", body = "b", customer = new { email = "not-an-address" } }, Ct);
        using var variant = await _client.PostAsJsonAsync("/api/tickets", new { subject = "s", body = "b", variant = "nope" }, Ct);
        using var unknown = await _client.GetAsync("/api/tickets/tk_nope", Ct);
        using var unknownTimeline = await _client.GetAsync("/api/tickets/tk_nope/timeline", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("subject", (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, variant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownTimeline.StatusCode);
    }

    [Fact]
    public async Task Submit_BodyOverTheLimit_Returns413ProblemDetails_AndLosesNothingElse()
    {
        var huge = new string('x', 70 * 1024);

        using var tooLarge = await _client.PostAsJsonAsync("/api/tickets", new { subject = "big", body = huge, variant = Variant }, Ct);
        using var fine = await _client.PostAsJsonAsync("/api/tickets", new { subject = "small", body = "billing question", variant = Variant }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Contains("the limit is 65536 bytes", await tooLarge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, fine.StatusCode);
    }

    [Fact]
    public async Task RawPii_NeverReachesTheDatabaseOrTheLogsInClearText()
    {
        var submitted = await SubmitAsync(new
        {
            subject = "Card problem for account_access",
            body = "My card 4111 1111 1111 1111 was declined, email me at raw.secret@example.org",
            customer = new { name = "Zed Zebulon", email = "raw.secret@example.org" },
            variant = Variant,
        });
        await WaitForStatusAsync(submitted.Id, "AwaitingReview");

        var stored = new StringBuilder();
        if (_factory.Provider == ReviewDesk.Engine.Persistence.DatabaseProvider.Postgres)
        {
            // No file to read: every row of every table, as text.
            await using var connection = await _factory.OpenDatabaseAsync(Ct);
            var tables = new List<string>();
            await using (var list = _factory.Dialect.CreateCommand(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
            await using (var names = await list.ExecuteReaderAsync(Ct))
            {
                while (await names.ReadAsync(Ct)) tables.Add(names.GetString(0));
            }

            foreach (var table in tables)
            {
                await using var dump = _factory.Dialect.CreateCommand(connection, $"SELECT row_to_json(t)::text FROM \"{table}\" t");
                await using var rows = await dump.ExecuteReaderAsync(Ct);
                while (await rows.ReadAsync(Ct)) stored.Append(rows.GetString(0));
            }
        }
        else
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_factory.DatabasePath)!, "reviewdesk.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.Latin1);
                stored.Append(await reader.ReadToEndAsync(Ct));
            }
        }

        Assert.DoesNotContain("raw.secret@example.org", stored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", stored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Zebulon", stored.ToString(), StringComparison.Ordinal);
        Assert.Contains("<CREDIT_CARD_1>", stored.ToString(), StringComparison.Ordinal);
        var logs = string.Join('\n', _factory.Logs.Lines);
        Assert.Contains(submitted.Id, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("raw.secret", logs, StringComparison.Ordinal);
        // Not "4111" alone: the worker id in the logs carries the process id, which may contain it.
        Assert.DoesNotContain("4111 1111", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebulon", logs, StringComparison.Ordinal);
    }

    private async Task<(string Id, string WorkflowInstanceId)> SubmitAsync(object body)
    {
        using var response = await _client.PostAsJsonAsync("/api/tickets", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ticket = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"/api/tickets/{ticket.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return (ticket.GetProperty("id").GetString()!, ticket.GetProperty("workflowInstanceId").GetString()!);
    }

    private Task<JsonElement> WaitForStatusAsync(string id, string status) =>
        Eventually.GetAsync(() => _client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct), t => t.GetProperty("status").GetString() == status,
            $"ticket {id} to be {status}");

    private static HttpRequestMessage Keyed(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}

/// <summary>The product as shipped: the real local ML.NET model behind the API, no API key anywhere.</summary>
public sealed class LocalModelTriageApiTests
{
    [Fact]
    public async Task Submit_WithTheDefaultLocalProvider_ClassifiesOfflineAndJournalsTheModel()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new ReviewDeskWebFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/tickets",
            new { subject = "Parcel never arrived", body = "My parcel was marked delivered but never arrived. Tracking 1Z999AA10123456784." }, ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
        // The first ticket waits for the local model to train.
        var ticket = await Eventually.GetAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", ct),
            t => t.GetProperty("status").GetString() is not ("Received" or "Triaging"), "the ticket to be triaged", TimeSpan.FromSeconds(90));

        var classification = ticket.GetProperty("classification");
        Assert.Equal("shipping", classification.GetProperty("category").GetString());
        Assert.Equal("local", classification.GetProperty("provider").GetString());
        Assert.StartsWith("mlnet", classification.GetProperty("model").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(classification.GetProperty("rationale").GetString()));
        Assert.Contains(ticket.GetProperty("status").GetString(), new[] { "Routed", "AwaitingReview" });
    }
}
