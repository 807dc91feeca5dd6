using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Demo;

/// <summary>
/// On first start with no tickets, submits the demo tickets so a new user sees the queue fill.
/// Off with <c>Demo:SeedTickets=false</c>.
/// </summary>
public sealed class DemoTicketSeeder(
    IConfiguration configuration,
    IDbContextFactory<TriageDbContext> contexts,
    TicketService tickets,
    ILogger<DemoTicketSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Demo:SeedTickets", true)) return;
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
        {
            if (await db.Tickets.AnyAsync(stoppingToken)) return;
        }

        var demo = DemoTickets.Load();
        foreach (var ticket in demo)
        {
            // Idempotent by external id: a restart in the middle submits only the rest.
            await tickets.SubmitAsync(ticket with { Channel = ticket.Channel ?? "demo" }, stoppingToken);
        }

        logger.LogInformation("Submitted {Count} demo tickets", demo.Count);
    }
}
