using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>Tickets that need review on a running web host: a variant without the audit sample, submit, wait.</summary>
public static class ReviewTickets
{
    public const string Variant = "test-review";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The shipped definition with no audit sample, so which tickets get reviewed does not depend on random ids.</summary>
    public static async Task PublishVariantAsync(IServiceProvider services)
    {
        var definitions = services.GetRequiredService<WorkflowDefinitionStore>();
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        var nodes = shipped.Nodes.Select(n => n.Id == "decide" ? n with { Settings = new JsonObject { ["threshold"] = 0.8, ["auditPercent"] = 0 } } : n).ToList();
        var published = await definitions.SaveAndPublishAsync(shipped with { Id = Variant, Name = "Test review", Nodes = nodes }, "test", Ct);
        Assert.True(published.Succeeded);
    }

    /// <summary>Submits a ticket the keyword classifier is unsure about (low confidence: it needs review); returns its id.</summary>
    public static async Task<string> SubmitUnclearAsync(HttpClient client, string subject = "Hmm")
    {
        using var response = await client.PostAsJsonAsync("/api/tickets", new { subject, body = "not sure where this goes", variant = Variant }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    public static Task WaitForStatusAsync(HttpClient client, string id, string status) =>
        Eventually.GetAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct), t => t.GetProperty("status").GetString() == status,
            $"ticket {id} to be {status}");

    /// <summary>A request made as the test principal <paramref name="reviewer"/> (its own API key: the server sees <c>apikey:{reviewer}</c>).</summary>
    public static HttpRequestMessage As(string reviewer, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(TestApiKeys.Header, TestApiKeys.For(reviewer));
        return request;
    }
}
