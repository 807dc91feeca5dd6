using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Pii;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Telemetry;

/// <summary>
/// Every demo ticket through the real app, every log line captured at Trace level (Debug for ReviewDesk's own), and
/// not one of them holds an original PII value of those tickets; the lines written inside a span carry its ids.
/// </summary>
public sealed class LogPrivacyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDemoTickets_TriagedAndDecided_LeaveNoPiiValueInAnyLogLine_AndLogsCarryTraceIds()
    {
        await using var factory = new ReviewDeskWebFactory { Classifier = new KeywordClassifierSource(), SeedDemo = true };
        factory.Settings["Logging:LogLevel:Default"] = "Trace";
        factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        factory.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace";
        using var client = factory.CreateClient();
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        var demo = DemoTickets.Load();

        var tickets = await Eventually.GetAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(Ct);
            return await db.Tickets.AsNoTracking().ToListAsync(Ct);
        }, t => t.Count >= demo.Count && t.All(r => r.Status is TicketStatus.Routed or TicketStatus.AwaitingReview or TicketStatus.Escalated),
            $"{demo.Count} demo tickets triaged", TimeSpan.FromSeconds(120));
        // A reviewer decides every ticket that waits, through the API: the decision path logs too.
        foreach (var waiting in tickets.Where(t => t.Status is TicketStatus.AwaitingReview or TicketStatus.Escalated))
        {
            var decided = await client.PostAsJsonAsync($"/api/reviews/{waiting.Id}/decision", new { action = "approve" }, Ct);
            Assert.True(decided.IsSuccessStatusCode, $"{waiting.Id}: {(int)decided.StatusCode} {await decided.Content.ReadAsStringAsync(Ct)}");
        }

        // The original values: what the analyzer finds in each demo ticket, and the customer's name and e-mail.
        var analyzer = factory.Services.GetRequiredService<PiiAnalyzer>();
        var values = demo.SelectMany(t => analyzer.Analyze(t.Subject!).Concat(analyzer.Analyze(t.Body!)).Select(e => e.Text)
                .Concat([t.Customer?.Name, t.Customer?.Email]))
            .OfType<string>().Select(v => v.Trim()).Where(v => v.Length >= 4).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(values.Count > 50, $"only {values.Count} PII values found in the demo tickets");
        Assert.Contains("olivia.bennett@example.com", values);

        var lines = factory.Logs.Lines.ToList();
        Assert.True(lines.Count > 100, $"only {lines.Count} log lines captured");
        Assert.Contains(lines, l => l.StartsWith("Trace ", StringComparison.Ordinal) || l.StartsWith("Debug ", StringComparison.Ordinal));
        var leaks = (from line in lines from value in values where line.Contains(value, StringComparison.OrdinalIgnoreCase) select $"{value} in: {line}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));

        // Lines written while handling a request carry the request's span ids.
        var traced = factory.Logs.Scopes.Where(s => s.Scope.ContainsKey("TraceId") && s.Scope.ContainsKey("SpanId")).ToList();
        Assert.NotEmpty(traced);
        Assert.All(traced, s => Assert.Matches("^[0-9a-f]{32}$", s.Scope["TraceId"]!));
        Assert.All(traced.Select(s => s.Scope).SelectMany(s => s.Values), v => Assert.DoesNotContain("olivia.bennett", v ?? "", StringComparison.OrdinalIgnoreCase));
    }
}
