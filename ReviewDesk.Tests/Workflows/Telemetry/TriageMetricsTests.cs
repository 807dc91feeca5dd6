using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Telemetry;

/// <summary>
/// The triage metrics after a known workload: one ticket routed with no human, one reviewed and approved five minutes
/// after its submission; each classified by the scripted LLM (120 input and 30 output tokens at 0.5 and 1.5 per 1,000).
/// </summary>
public sealed class TriageMetricsTests() : TriageTestBase(Time, auditSample: false,
    services: s => s.Configure<WorkflowRuntimeOptions>(o => o.Metrics.GaugeRefreshInterval = TimeSpan.Zero))
{
    private static FakeTimeProvider Time => new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ARoutedAndAReviewedTicket_CountRoutesByPath_TimeToDecision_Backlog_AndTokensAndCostPerModel()
    {
        var time = (FakeTimeProvider)Host.Services.GetRequiredService<TimeProvider>();
        using var capture = new MetricCapture(Host.Services.GetRequiredService<TriageMetrics>().Meter);
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "shipping", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.97, rationale = "scripted" }));
        Server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "billing", priority = "P3", language = "en", sentiment = "neutral", confidence = 0.4, rationale = "scripted" }));

        var routed = await Host.SubmitAsync("Where is my parcel?", "It is a week late.");
        await Host.WaitForStatusAsync(routed.Id, TicketStatus.Routed);
        var reviewed = await Host.SubmitAsync("Unsure", "Something about my bill");
        await Host.WaitForStatusAsync(reviewed.Id, TicketStatus.AwaitingReview);
        Assert.Equal(1, capture.Observe(TriageMetrics.ReviewBacklog));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(300, capture.Observe(TriageMetrics.ReviewBacklogOldestAge));

        var decided = await Host.Tickets.DecideAsync(reviewed.Id, new ReviewDecision { Action = "approve" }, "alice", Ct);
        Assert.Equal(TicketStatus.Routed, decided.Ticket!.Status);
        await Eventually.HoldsAsync(() => capture.Sum(TriageMetrics.TicketsRouted) == 2, "both routes to be counted");

        Assert.Equal(1, capture.Sum(TriageMetrics.TicketsRouted, (TriageMetrics.PathTag, "automatic")));
        Assert.Equal(1, capture.Sum(TriageMetrics.TicketsRouted, (TriageMetrics.PathTag, "reviewed")));
        var decision = Assert.Single(capture.Of(TriageMetrics.TimeToDecision));
        Assert.Equal((300d, "approve"), (decision.Value, (string)decision.Tags[TriageMetrics.ActionTag]!));
        Assert.Equal(0, capture.Observe(TriageMetrics.ReviewBacklog));
        Assert.Equal(0, capture.Observe(TriageMetrics.ReviewBacklogOldestAge));

        var model = (TriageMetrics.ModelTag, "scripted-model");
        Assert.Equal(240, capture.Sum(TriageMetrics.LlmTokens, model, (TriageMetrics.TokenTypeTag, "input")));
        Assert.Equal(60, capture.Sum(TriageMetrics.LlmTokens, model, (TriageMetrics.TokenTypeTag, "output")));
        Assert.Equal(0.21, capture.Sum(TriageMetrics.LlmCost, model), precision: 6);
        Assert.All(capture.Of(TriageMetrics.LlmTokens), m => Assert.False(string.IsNullOrEmpty((string?)m.Tags[TriageMetrics.ProviderTag])));

        Assert.Equal(
            [("reviewdesk.llm.cost", "{cost}"), ("reviewdesk.llm.token.usage", "{token}"), ("reviewdesk.review.backlog", "{ticket}"),
             ("reviewdesk.review.backlog.oldest_age", "s"), ("reviewdesk.review.time_to_decision", "s"), ("reviewdesk.ticket.routed", "{ticket}")],
            capture.Instruments.Values.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => (i.Name, i.Unit)));
        // Labels only: no ticket id or text in any tag.
        foreach (var tag in capture.Instruments.Keys.SelectMany(n => capture.Of(n)).SelectMany(m => m.Tags.Values))
        {
            Assert.DoesNotContain("tk_", tag?.ToString() ?? "", StringComparison.Ordinal);
        }
    }
}
