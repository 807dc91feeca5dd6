using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Tests.Support;

/// <summary>Ticket rows written straight into the triage tables: fixtures for tests of queries and pages, not the product's write path.</summary>
public static class TicketRows
{
    /// <summary>Inserts <paramref name="ticket"/> as it is, whatever its status.</summary>
    public static async Task InsertAsync(IServiceProvider services, TicketRecord ticket)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
