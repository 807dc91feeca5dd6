using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReviewDesk.Tests.Web.Telemetry;

/// <summary>
/// <c>Telemetry:DiscardSpans</c>, the switch behind <c>bench --tracing true</c>: the tracing pipeline runs and its
/// discarding exporter receives the spans of a triaged ticket (its running count, logged, grows), while metrics stay off.
/// </summary>
public sealed partial class DiscardSpansTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DiscardSpans_ATicketIsTriaged_TheExporterReceivesItsSpansAndNoMetricsEndpointExists()
    {
        await using var factory = new ReviewDeskWebFactory { Classifier = new KeywordClassifierSource() };
        factory.Settings["Telemetry:DiscardSpans"] = "true";
        using var client = factory.CreateClient();

        var submitted = await client.PostAsJsonAsync("/api/tickets", new { subject = "Charged twice for billing", body = "My billing shows two charges." }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        await Eventually.GetAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct)).GetProperty("status").GetString(),
            s => s is "Routed" or "AwaitingReview", $"ticket {id} to settle");

        // The submission, the workflow start and at least its scrub, classify and decide steps. The exporter logs its count
        // at most every 2 s and only when it is given spans: each poll's request makes one more.
        await Eventually.HoldsAsync(async () =>
        {
            using var health = await client.GetAsync("/healthz", Ct);
            return Counts(factory).Any(n => n >= 5);
        }, "the discarding exporter to count the ticket's spans");
        var metrics = await client.GetAsync("/metrics", Ct);
        Assert.NotEqual(HttpStatusCode.OK, metrics.StatusCode);
    }

    private static IEnumerable<long> Counts(ReviewDeskWebFactory factory) =>
        factory.Logs.Lines.Select(l => SpansRecorded().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Discarding span exporter: (\d+) spans recorded")]
    private static partial Regex SpansRecorded();
}
