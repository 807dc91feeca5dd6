using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewDesk.Tests.Web.Identity;

namespace ReviewDesk.Tests.Web.Api;

/// <summary>The OpenAPI document tells the truth about the app's own /api endpoints, and the reference UI serves for any role.</summary>
public sealed class OpenApiDocumentTests(ReviewDeskWebFactory factory) : IClassFixture<ReviewDeskWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_ListsEveryApiRouteOfTheApp_AndNothingElse_EachWithASummary()
    {
        using var client = factory.CreateClient("reviewer");
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        // "GET /api/tickets/{id}" from the endpoint list; route constraints ({version:int}) are not part of a path.
        var routes = EndpointInventory.Read(factory.Services).Select(e => e.Key).Where(k => k.Contains(" /api/", StringComparison.Ordinal))
            .Select(k => System.Text.RegularExpressions.Regex.Replace(k, @"\{(\w+):\w+\}", "{$1}").TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var documented = new HashSet<string>(StringComparer.Ordinal);
        var withoutSummary = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var key = $"{operation.Name.ToUpperInvariant()} {path.Name.TrimEnd('/')}";
                documented.Add(key);
                if (!operation.Value.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) withoutSummary.Add(key);
            }
        }

        Assert.NotEmpty(routes);
        Assert.Equal(routes.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        Assert.Empty(withoutSummary);
    }

    [Fact]
    public async Task Document_DescribesTheApiKeyScheme_AndTheProblemAnswers()
    {
        using var client = factory.CreateClient("operator");
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("ApiKey", out _));

        var cancel = document.GetProperty("paths").GetProperty("/api/tickets/{id}/cancel").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "200", "400", "401", "403", "404", "409", "413" }) Assert.True(cancel.TryGetProperty(status, out _), $"cancel lacks {status}");
        Assert.True(cancel.GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var publish = document.GetProperty("paths").GetProperty("/api/workflows/{id}/versions/{version}/publish").GetProperty("post").GetProperty("responses");
        Assert.True(publish.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var list = document.GetProperty("paths").GetProperty("/api/tickets").GetProperty("get");
        Assert.Contains(list.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "q");
        Assert.Contains("TicketListPage", list.GetProperty("responses").GetProperty("200").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentAndReference_NeedASignIn_ThenServeAnyRole_WithTheReferencesScriptsAllowedByNonce()
    {
        using var anonymous = factory.CreateAnonymousClient();
        using var reviewer = factory.CreateClient("reviewer");

        using var anonymousDocument = await anonymous.GetAsync("/openapi/v1.json", Ct);
        using var anonymousReference = await anonymous.GetAsync("/scalar", Ct);
        using var reference = await reviewer.GetAsync("/scalar", Ct);
        var html = await reference.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousDocument.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymousReference.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var csp = string.Join(";", reference.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(nonce), csp);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        // Scalar resolves the document's address from the application's root: /openapi/v1.json.
        Assert.True(html.Contains("\"url\":\"openapi/v1.json\"", StringComparison.Ordinal), html);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html.Replace("https://github.com", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
    [Fact]
    public async Task Document_TypesATicketsClassificationAndDecision_AsRecordsWithTheirFields()
    {
        using var client = factory.CreateClient("reviewer");
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var ticket = Resolve(schemas, document.GetProperty("paths").GetProperty("/api/tickets/{id}").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var classification = Resolve(schemas, ticket.GetProperty("properties").GetProperty("classification"));
        var decision = Resolve(schemas, ticket.GetProperty("properties").GetProperty("decision"));

        string[] classificationFields = ["category", "priority", "language", "sentiment", "confidence", "rationale", "provider", "model", "modelVersion", "promptVersion"];
        Assert.Equal(classificationFields.Order(StringComparer.Ordinal), classification.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("number", TypeOf(classification.GetProperty("properties").GetProperty("confidence")));
        string[] decisionFields = ["action", "category", "priority", "comment", "reviewer", "requestId", "decidedAt"];
        Assert.Equal(decisionFields.Order(StringComparer.Ordinal), decision.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("date-time", decision.GetProperty("properties").GetProperty("decidedAt").GetProperty("format").GetString());
    }

    // A property's schema: a $ref, or a oneOf/anyOf/allOf of a $ref and null, or the schema itself.
    private static JsonElement Resolve(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference)) return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (!schema.TryGetProperty(combinator, out var parts)) continue;
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("$ref", out _)) return Resolve(schemas, part);
            }
        }

        Assert.True(schema.TryGetProperty("properties", out _), $"an object schema, not {schema}");
        return schema;
    }

    private static IEnumerable<string> TypeOf(JsonElement schema) => schema.GetProperty("type") switch
    {
        { ValueKind: JsonValueKind.Array } types => types.EnumerateArray().Select(t => t.GetString()!),
        var type => [type.GetString()!],
    };
}
