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

        var tickets = await Eventually.GetAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Tickets.AsNoTracking().ToListAsync(ct);
        }, t => t.Count >= expected.Count && t.All(r => r.Subject is not null && r.InstanceId is not null), $"{expected.Count} demo tickets scrubbed",
            TimeSpan.FromSeconds(60));

        Assert.InRange(expected.Count, 25, 40);
        Assert.Equal(expected.Select(t => t.ExternalId).Order(), tickets.Select(t => t.ExternalId).Order());
        Assert.All(tickets, t => Assert.DoesNotContain("@example.", t.Body!, StringComparison.Ordinal));
        Assert.Contains(tickets, t => t.Body!.Contains("<IBAN_CODE_1>", StringComparison.Ordinal));
    }
}
