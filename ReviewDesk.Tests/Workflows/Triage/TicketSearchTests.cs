using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>The ticket list's queries on a real, migrated SQLite file: results, and that each filter reads an index.</summary>
public sealed class TicketSearchTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private RuntimeHost _host = null!;
    private TicketSearch _search = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<TriageDbContext> Contexts => _host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();

    public async ValueTask InitializeAsync()
    {
        _host = await RuntimeHost.StartAsync(_database, worker: false, triageTables: true);
        _search = new TicketSearch(Contexts);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ListAsync_CategoryIsTheFinalOneOnceDecided_TheAisBefore()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Tickets.AddRange(
                Ticket("tk_a", aiCategory: "billing", finalCategory: null, ageMinutes: 3),
                Ticket("tk_b", aiCategory: "billing", finalCategory: "refund", ageMinutes: 2),
                Ticket("tk_c", aiCategory: null, finalCategory: "billing", ageMinutes: 1));
            await db.SaveChangesAsync(Ct);
        }

        var billing = await _search.ListAsync(new TicketListQuery { Category = "billing" }, Ct);
        var refund = await _search.ListAsync(new TicketListQuery { Category = "refund" }, Ct);

        Assert.Equal(["tk_c", "tk_a"], billing.Items.Select(i => i.Id));
        Assert.Equal(["tk_b"], refund.Items.Select(i => i.Id));
        Assert.Equal("refund", refund.Items[0].Category);
    }

    [Fact]
    public async Task ListAsync_TwentyThousandTickets_EveryFilterReadsAnIndexInOrder_NoSort()
    {
        // SQLite's EXPLAIN QUERY PLAN and printf: the PostgreSQL planner is not under test here.
        Assert.SkipWhen(_database.IsPostgres, "a SQLite query-plan test");
        await SeedAsync(20_000);
        var queries = new (TicketListQuery Query, string Index)[]
        {
            (new TicketListQuery(), "IX_Tickets_List"),
            (new TicketListQuery { Status = TicketStatus.AwaitingReview }, "IX_Tickets_List_Status"),
            (new TicketListQuery { Queue = "billing" }, "IX_Tickets_List_Queue"),
            (new TicketListQuery { Category = "shipping" }, "IX_Tickets_List_Category"),
            (new TicketListQuery { Channel = "email" }, "IX_Tickets_List_Channel"),
            (new TicketListQuery { Variant = "strict" }, "IX_Tickets_List_Variant"),
            (new TicketListQuery { CreatedFrom = Start.AddHours(-2), CreatedTo = Start.AddHours(-1) }, "IX_Tickets_List"),
            (new TicketListQuery { Status = TicketStatus.Routed, CreatedFrom = Start.AddHours(-2) }, "IX_Tickets_List_Status"),
        };

        foreach (var (query, index) in queries)
        {
            var plan = await PlanAsync(query);
            Assert.Matches($@"(?m)USING (COVERING )?INDEX {index}( |$)", plan);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(?m)^SCAN t$", plan);
        }

        var newest = await _search.ListAsync(new TicketListQuery { PageSize = 50 }, Ct);
        var routed = await _search.ListAsync(new TicketListQuery { Status = TicketStatus.Routed, Page = 3, PageSize = 100 }, Ct);
        var byText = await _search.ListAsync(new TicketListQuery { Text = "Subject 1234" }, Ct);
        var byId = await _search.ListAsync(new TicketListQuery { Text = "tk_000042" }, Ct);
        Assert.Equal(20_000, newest.Total);
        Assert.True(newest.Items.Zip(newest.Items.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt));
        Assert.All(routed.Items, i => Assert.Equal(TicketStatus.Routed, i.Status));
        Assert.Equal(100, routed.Items.Count);
        Assert.Contains(byText.Items, i => i.Id == "tk_001234");
        Assert.All(byText.Items, i => Assert.Contains("Subject 1234", i.Subject, StringComparison.Ordinal));
        Assert.Equal(["tk_000042"], byId.Items.Select(i => i.Id));
    }

    private static TicketRecord Ticket(string id, string? aiCategory, string? finalCategory, int ageMinutes) => new()
    {
        Id = id,
        Channel = "api",
        Status = TicketStatus.Routed,
        ProtectedSubmission = "x",
        Subject = $"Subject of {id}",
        AiCategory = aiCategory,
        FinalCategory = finalCategory,
        DefinitionId = "support-triage",
        CreatedAt = Start.AddMinutes(-ageMinutes),
        UpdatedAt = Start,
    };

    private async Task SeedAsync(int count)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var start = Start.ToUnixTimeMilliseconds();
        // Only numbers are interpolated.
        var sql = $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
            INSERT INTO "Tickets" ("Id", "Channel", "Status", "ProtectedSubmission", "Subject", "AiCategory", "FinalCategory", "Queue",
                "DefinitionId", "CreatedAt", "UpdatedAt", "Escalations")
            SELECT printf('tk_%06d', i),
                CASE i % 3 WHEN 0 THEN 'email' WHEN 1 THEN 'web' ELSE 'api' END,
                CASE WHEN i % 5 = 0 THEN 2 ELSE 4 END,
                'x', 'Subject ' || i,
                CASE i % 4 WHEN 0 THEN 'billing' WHEN 1 THEN 'shipping' WHEN 2 THEN 'security' ELSE 'refund' END,
                CASE WHEN i % 5 = 0 THEN NULL ELSE CASE i % 4 WHEN 0 THEN 'billing' WHEN 1 THEN 'shipping' WHEN 2 THEN 'security' ELSE 'refund' END END,
                CASE WHEN i % 5 = 0 THEN NULL ELSE CASE i % 2 WHEN 0 THEN 'billing' ELSE 'general' END END,
                CASE WHEN i % 10 = 0 THEN 'strict' ELSE 'support-triage' END,
                {start} - ((i * 7) % 100000) * 1000, {start}, 0
            FROM n;
            """;
        await db.Database.ExecuteSqlRawAsync(sql, Ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", Ct);
    }

    private async Task<string> PlanAsync(TicketListQuery query)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var page = TicketSearch.Sort(TicketSearch.Filter(db, query)).Skip(0).Take(query.PageSize);
        await using var command = page.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync(Ct);
        command.Connection = db.Database.GetDbConnection();
        var lines = new List<string>();
        await using (DbDataReader reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct)) lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines) + "\n--\n" + command.CommandText;
    }
}
