using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Web.Api;

/// <summary><c>/api/instances</c> on a real host: list with filters, inspect, journal, retry a faulted instance, cancel.</summary>
public sealed class InstancesApiTests : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new()
    {
        Classifier = new KeywordClassifierSource(),
        TestServices = services => services.AddSingleton<ExecutionLog>().AddWorkflowActivity<FlakyActivity>(),
    };

    private HttpClient _operator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _operator = _factory.CreateClient("operator");
        var definitions = _factory.Services.GetRequiredService<WorkflowDefinitionStore>();
        Assert.True((await definitions.SaveAndPublishAsync(Line("api-fault", Node("f", "Flaky", new JsonObject { ["failures"] = 1 }, new RetryPolicySettings { MaximumAttempts = 1 })), "test", Ct)).Succeeded);
        Assert.True((await definitions.SaveAndPublishAsync(Line("api-wait", Node("w", "WaitForSignal", new JsonObject { ["kind"] = "go" })), "test", Ct)).Succeeded);
    }

    public async ValueTask DisposeAsync()
    {
        _operator.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task FaultedInstance_IsListedAndInspected_ThenRetriedToCompletion_ASecondRetryIs409()
    {
        var id = await StartAsync("api-fault", "fault-1");
        await WaitForStatusAsync(id, "Faulted");

        var faulted = await _operator.GetFromJsonAsync<JsonElement>("/api/instances?status=Faulted&definition=api-fault", Ct);
        var detail = await _operator.GetFromJsonAsync<JsonElement>($"/api/instances/{id}", Ct);
        var journal = await _operator.GetFromJsonAsync<JsonElement>($"/api/instances/{id}/journal", Ct);
        using var retried = await _operator.PostAsync($"/api/instances/{id}/retry", null, Ct);
        await WaitForStatusAsync(id, "Completed");
        using var again = await _operator.PostAsync($"/api/instances/{id}/retry", null, Ct);

        var item = Assert.Single(faulted.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal("f", item.GetProperty("faultedNodeId").GetString());
        Assert.False(item.TryGetProperty("variables", out _));
        Assert.Equal(1, faulted.GetProperty("total").GetInt32());
        Assert.Equal("Faulted", detail.GetProperty("instance").GetProperty("status").GetString());
        Assert.NotEmpty(detail.GetProperty("attempts").EnumerateArray());
        Assert.NotEmpty(detail.GetProperty("incidents").EnumerateArray());
        Assert.Equal(JournalTypes.Faulted, journal.EnumerateArray().Last().GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("only a faulted instance can be retried", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendedInstance_IsCancelled_ASecondCancelIs409_AndTheFiltersNarrowTheList()
    {
        var waiting = await StartAsync("api-wait", "wait-1");
        var other = await StartAsync("api-wait", "wait-2");
        await WaitForStatusAsync(waiting, "Suspended");
        await WaitForStatusAsync(other, "Suspended");

        using var cancelled = await _operator.PostAsJsonAsync($"/api/instances/{waiting}/cancel", new { reason = "not needed" }, Ct);
        using var again = await _operator.PostAsync($"/api/instances/{waiting}/cancel", null, Ct);
        var byKey = await _operator.GetFromJsonAsync<JsonElement>("/api/instances?businessKey=wait-2", Ct);
        var suspended = await _operator.GetFromJsonAsync<JsonElement>("/api/instances?status=suspended&definition=api-wait", Ct);
        var first = await _operator.GetFromJsonAsync<JsonElement>("/api/instances?definition=api-wait&pageSize=1&page=1", Ct);
        var paged = await _operator.GetFromJsonAsync<JsonElement>("/api/instances?definition=api-wait&pageSize=1&page=2", Ct);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(other, Assert.Single(byKey.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(other, Assert.Single(suspended.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        // One a page, each once: the two started within the same millisecond may list in either order.
        var pages = new[] { first, paged }.Select(p => Assert.Single(p.GetProperty("items").EnumerateArray()).GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { other, waiting }.Order(StringComparer.Ordinal), pages.Order(StringComparer.Ordinal));
        Assert.Equal(2, paged.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UnknownIds_Are404_BadParameters400_Reviewers403()
    {
        using var reviewer = _factory.CreateClient("reviewer");

        using var get = await _operator.GetAsync("/api/instances/wf_nope", Ct);
        using var journal = await _operator.GetAsync("/api/instances/wf_nope/journal", Ct);
        using var retry = await _operator.PostAsync("/api/instances/wf_nope/retry", null, Ct);
        using var cancel = await _operator.PostAsync("/api/instances/wf_nope/cancel", null, Ct);
        using var bad = await _operator.GetAsync("/api/instances?status=Sleeping&page=-1&pageSize=x", Ct);
        using var forbidden = await reviewer.GetAsync("/api/instances", Ct);

        Assert.All([get, journal, retry, cancel], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _) && errors.TryGetProperty("page", out _) && errors.TryGetProperty("pageSize", out _));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private async Task<string> StartAsync(string definitionId, string businessKey)
    {
        var runtime = _factory.Services.GetRequiredService<WorkflowRuntime>();
        return (await runtime.StartAsync(new StartWorkflowRequest { DefinitionId = definitionId, BusinessKey = businessKey }, Ct)).InstanceId;
    }

    private Task WaitForStatusAsync(string id, string status) =>
        Eventually.GetAsync(async () => (await _operator.GetFromJsonAsync<JsonElement>($"/api/instances/{id}", Ct)).GetProperty("instance").GetProperty("status").GetString(),
            now => now == status, $"instance {id} to be {status}");
}
