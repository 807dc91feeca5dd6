using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Api;

/// <summary><c>/api/workflows</c> on a real host: list, get, drafts, validation by node, publish, retract, export and import.</summary>
public sealed class WorkflowsApiTests : IAsyncLifetime
{
    // The keyword classifier, so the tickets a test submits never train the local model.
    private readonly ReviewDeskWebFactory _factory = new() { Classifier = new KeywordClassifierSource() };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_ShowsTheShippedDefinitionPublished_AndGetReadsItsJson()
    {
        using var client = _factory.CreateClient("operator");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/workflows", Ct);
        var shipped = list.EnumerateArray().Single(w => w.GetProperty("id").GetString() == TriageDefinitions.DefaultDefinitionId);
        var version = shipped.GetProperty("publishedVersion").GetInt32();
        var latest = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{TriageDefinitions.DefaultDefinitionId}", Ct);
        var exact = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{TriageDefinitions.DefaultDefinitionId}?version={version}", Ct);
        using var noVersion = await client.GetAsync($"/api/workflows/{TriageDefinitions.DefaultDefinitionId}?version=999", Ct);
        using var badVersion = await client.GetAsync($"/api/workflows/{TriageDefinitions.DefaultDefinitionId}?version=first", Ct);
        using var unknown = await client.GetAsync("/api/workflows/nope", Ct);

        Assert.Equal("Published", shipped.GetProperty("versions")[0].GetProperty("status").GetString());
        Assert.Equal(TriageDefinitions.DefaultDefinitionId, latest.GetProperty("definition").GetProperty("id").GetString());
        Assert.NotEmpty(exact.GetProperty("definition").GetProperty("nodes").EnumerateArray());
        Assert.Equal("Published", exact.GetProperty("info").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Draft_Validate_Publish_Retract_TheWholeLifecycle()
    {
        using var admin = _factory.CreateClient("admin");
        var definition = await ShippedAsync(admin, "api-lifecycle");

        using var created = await admin.PostAsync("/api/workflows", Json(definition), Ct);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var valid = await admin.PostAsync("/api/workflows/validate", Json(definition), Ct);
        using var published = await admin.PostAsync("/api/workflows/api-lifecycle/versions/1/publish", null, Ct);
        using var publishedAgain = await admin.PostAsync("/api/workflows/api-lifecycle/versions/1/publish", null, Ct);
        using var ticket = await admin.PostAsJsonAsync("/api/tickets", new { subject = "s", body = "billing", variant = "api-lifecycle" }, Ct);
        using var retracted = await admin.PostAsync("/api/workflows/api-lifecycle/versions/1/retract", null, Ct);
        using var retractedAgain = await admin.PostAsync("/api/workflows/api-lifecycle/versions/1/retract", null, Ct);
        using var afterRetract = await admin.PostAsJsonAsync("/api/tickets", new { subject = "s", body = "billing", variant = "api-lifecycle" }, Ct);
        using var unknownVersion = await admin.PostAsync("/api/workflows/api-lifecycle/versions/7/publish", null, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/workflows/api-lifecycle?version=1", created.Headers.Location?.OriginalString);
        Assert.Equal("Draft", draft.GetProperty("info").GetProperty("status").GetString());
        Assert.Empty(draft.GetProperty("problems").EnumerateObject());
        Assert.Equal(TestApiKeys.PrincipalName("admin"), draft.GetProperty("info").GetProperty("author").GetString());
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Published", (await published.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, publishedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, ticket.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Equal("Retracted", (await retracted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, retractedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, afterRetract.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
    }

    [Fact]
    public async Task InvalidDefinition_ValidateAndPublishAnswerAValidationProblemNamingTheNodes_TheDraftIsStillSaved()
    {
        using var admin = _factory.CreateClient("admin");
        var definition = await ShippedAsync(admin, "api-invalid");
        var nodes = definition["nodes"]!.AsArray();
        nodes.Add(new JsonObject { ["id"] = "mystery", ["type"] = "NoSuchActivity" });
        definition["connections"]!.AsArray().Add(new JsonObject { ["from"] = "route", ["outcome"] = "Done", ["to"] = "nowhere" });

        using var validate = await admin.PostAsync("/api/workflows/validate", Json(definition), Ct);
        using var created = await admin.PostAsync("/api/workflows", Json(definition), Ct);
        using var publish = await admin.PostAsync("/api/workflows/api-invalid/versions/1/publish", null, Ct);
        var draft = await admin.GetFromJsonAsync<JsonElement>("/api/workflows/api-invalid", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, validate.StatusCode);
        Assert.Equal("application/problem+json", validate.Content.Headers.ContentType?.MediaType);
        var errors = (await validate.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("unknown activity type 'NoSuchActivity'", errors.GetProperty("mystery")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'nowhere'", errors.GetProperty("route")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").TryGetProperty("mystery", out _));
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        Assert.True((await publish.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("mystery", out _));
        Assert.Equal("Draft", draft.GetProperty("info").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ExportThenImport_RoundTripsTheDefinitionAsANewDraft()
    {
        using var admin = _factory.CreateClient("admin");
        var definition = await ShippedAsync(admin, "api-export");
        using (var created = await admin.PostAsync("/api/workflows", Json(definition), Ct)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var published = await admin.PostAsync("/api/workflows/api-export/versions/1/publish", null, Ct)) Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        using var export = await admin.GetAsync("/api/workflows/api-export/export", Ct);
        var file = await export.Content.ReadAsStringAsync(Ct);
        using var imported = await admin.PostAsync("/api/workflows/import", new StringContent(file, Encoding.UTF8, "application/json"), Ct);
        var info = (await imported.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("info");
        var second = await admin.GetFromJsonAsync<JsonElement>("/api/workflows/api-export?version=2", Ct);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("api-export-v1.json", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\n", file, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(2, info.GetProperty("version").GetInt32());
        Assert.Equal("Draft", info.GetProperty("status").GetString());
        Assert.Equal(
            DefinitionJson.Serialize(DefinitionJson.Parse(file) with { Version = 0 }),
            DefinitionJson.Serialize(DefinitionJson.Parse(second.GetProperty("definition").GetRawText()) with { Version = 0 }));
    }

    [Fact]
    public async Task Writes_NeedAdmin_ReadsNeedOperatorOrAdmin()
    {
        using var op = _factory.CreateClient("operator");
        using var reviewer = _factory.CreateClient("reviewer");
        var definition = await ShippedAsync(op, "api-roles");

        using var operatorWrite = await op.PostAsync("/api/workflows", Json(definition), Ct);
        using var operatorPublish = await op.PostAsync($"/api/workflows/{TriageDefinitions.DefaultDefinitionId}/versions/1/retract", null, Ct);
        using var reviewerRead = await reviewer.GetAsync("/api/workflows", Ct);
        using var operatorExport = await op.GetAsync($"/api/workflows/{TriageDefinitions.DefaultDefinitionId}/export", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, operatorWrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorPublish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, operatorExport.StatusCode);
    }

    [Fact]
    public async Task MalformedDefinitions_Are400_NeverA500()
    {
        using var admin = _factory.CreateClient("admin");
        string[] bodies =
        [
            "{",
            "[]",
            "null",
            "42",
            """{"name":"no id"}""",
            """{"id":"bad id!","name":"x"}""",
            """{"id":"ok","name":""}""",
            """{"id":"ok","name":"x","nodes":[null]}""",
            """{"id":"ok","name":"x","nodes":[{"id":"a","type":null}]}""",
            """{"id":"ok","name":"x","nodes":[{"id":"a","type":"NoOp","settings":null}],"connections":[null]}""",
            """{"id":"ok","name":"x","nodes":[{"id":"a","type":"NoOp","settings":5}]}""",
            """{"id":"ok","name":"x","nodes":[{"id":"a","type":"NoOp","retry":{"maximumAttempts":"many"}}]}""",
            """{"id":"ok","name":"x","nodes":"abc"}""",
        ];

        foreach (var path in new[] { "/api/workflows", "/api/workflows/import", "/api/workflows/validate" })
        {
            foreach (var body in bodies)
            {
                using var response = await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }
    }

    /// <summary>The shipped definition under another id, as JSON.</summary>
    private static async Task<JsonObject> ShippedAsync(HttpClient client, string id)
    {
        var shipped = await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{TriageDefinitions.DefaultDefinitionId}", Ct);
        var definition = JsonNode.Parse(shipped.GetProperty("definition").GetRawText())!.AsObject();
        definition["id"] = id;
        definition["name"] = $"Copy {id}";
        return definition;
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");
}
