using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReviewDesk.Tests.Web.Telemetry;

/// <summary>The Prometheus scrape endpoint: off by default, and when on, for the Operate role only (an operator's or admin's API key).</summary>
public sealed class PrometheusEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_NeedsTheOperateRole_AndAfterATicketServesTheEngineAndTriageMetrics()
    {
        await using var factory = new ReviewDeskWebFactory { Classifier = new KeywordClassifierSource() };
        factory.Settings["Telemetry:Prometheus"] = "true";
        using var anonymous = factory.CreateAnonymousClient();
        using var reviewer = factory.CreateClient("reviewer");
        using var scraper = factory.CreateClient("operator");

        var unauthenticated = await anonymous.GetAsync("/metrics", Ct);
        var forbidden = await reviewer.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("application/problem+json", unauthenticated.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);

        using var submitter = factory.CreateClient();
        var submitted = await submitter.PostAsJsonAsync("/api/tickets", new { subject = "Charged twice for billing", body = "My billing shows two charges." }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        await Eventually.GetAsync(async () => (await submitter.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct)).GetProperty("status").GetString(),
            s => s is "Routed" or "AwaitingReview", $"ticket {id} to settle");

        // The exporter caches a scrape briefly: read until the finished ticket's step shows.
        var text = await Eventually.GetAsync(() => scraper.GetStringAsync("/metrics", Ct),
            t => t.Split('\n').Any(l => l.StartsWith("reviewdesk_step_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains("activity_type=\"Classify\"", StringComparison.Ordinal)), "the Classify step in the scrape");
        Assert.Contains("reviewdesk_workflow_started_total{", text, StringComparison.Ordinal);
        Assert.Contains("reviewdesk_commit_batch_size_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("reviewdesk_commit_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("reviewdesk_work_items_due", text, StringComparison.Ordinal);
        Assert.Contains("reviewdesk_review_backlog", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE reviewdesk_step_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.DoesNotContain(id!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_IsNotServedByDefault()
    {
        await using var factory = new ReviewDeskWebFactory { Classifier = new KeywordClassifierSource() };
        using var scraper = factory.CreateClient("operator");

        var response = await scraper.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
