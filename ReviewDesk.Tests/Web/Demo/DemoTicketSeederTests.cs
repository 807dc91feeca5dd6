using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Demo;

public sealed class DemoTicketSeederTests
{
    [Fact]
    public async Task FirstStart_WithSeedingOn_SubmitsEveryDemoTicketOnceAndScrubsThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new ReviewDeskWebFactory { Classifier = new KeywordClassifierSource(), SeedDemo = true };
        _ = factory.Services;
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        var expected = DemoTickets.Load();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<TicketRecord> tickets;
        do
        {
            await Task.Delay(100, ct);
            await using var db = await contexts.CreateDbContextAsync(ct);
            tickets = await db.Tickets.AsNoTracking().ToListAsync(ct);
            Assert.True(DateTime.UtcNow < deadline, $"{tickets.Count(t => t.Subject is not null)} of {expected.Count} demo tickets scrubbed");
        }
        while (tickets.Count < expected.Count || tickets.Any(t => t.Subject is null || t.InstanceId is null));

        Assert.InRange(expected.Count, 25, 40);
        Assert.Equal(expected.Select(t => t.ExternalId).Order(), tickets.Select(t => t.ExternalId).Order());
        Assert.All(tickets, t => Assert.DoesNotContain("@example.", t.Body!, StringComparison.Ordinal));
        Assert.Contains(tickets, t => t.Body!.Contains("<IBAN_CODE_1>", StringComparison.Ordinal));
    }
}
