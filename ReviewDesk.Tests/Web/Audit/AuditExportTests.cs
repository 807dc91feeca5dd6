using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Tests.Web.Audit;

/// <summary><c>GET /api/audit/export</c>: CSV of what the filters match, newest first, one JSON cell of detail.</summary>
public sealed class AuditExportTests : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new();
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = _factory.CreateClient("admin");
        var audit = _factory.Services.GetRequiredService<AuditLog>();
        await audit.AppendAsync(new AuditEvent("alice", AuditActions.Claim, "tk_1"), Ct);
        await audit.AppendAsync(new AuditEvent("bob", AuditActions.Approve, "tk_1", Detail: new() { ["comment"] = "fine, \"really\"\nsecond line" }), Ct);
        await audit.AppendAsync(new AuditEvent("=cmd|' /C calc'!A0", AuditActions.Claim, "tk_2"), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Export_IsCsvOfTheFilteredEntries_NewestFirst_WithQuotedJsonDetail()
    {
        using var response = await _admin.GetAsync("/api/audit/export?ticketId=tk_1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var rows = ParseCsv(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["id", "at", "actor", "action", "ticketId", "target", "detail"], rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["bob", "approve", "tk_1", ""], rows[1][2..6]);
        Assert.Equal("{\"comment\":\"fine, \\u0022really\\u0022\\nsecond line\"}", rows[1][6]);
        Assert.Equal(["alice", "claim", "tk_1"], rows[2][2..5]);
        Assert.True(long.Parse(rows[1][0], System.Globalization.CultureInfo.InvariantCulture) > long.Parse(rows[2][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(DateTimeOffset.TryParse(rows[1][1], System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task Export_FiltersByActionAndActor_AndDefusesFormulas()
    {
        using var claims = await _admin.GetAsync("/api/audit/export?action=claim", Ct);
        using var bob = await _admin.GetAsync("/api/audit/export?actor=bob", Ct);
        using var none = await _admin.GetAsync("/api/audit/export?from=2999-01-01", Ct);

        var claimRows = ParseCsv(await claims.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["claim", "claim"], claimRows.Skip(1).Select(r => r[3]));
        // A spreadsheet would run a cell starting with '=': it is exported as text.
        Assert.Equal("'=cmd|' /C calc'!A0", claimRows[1][2]);
        Assert.Equal(["approve"], ParseCsv(await bob.Content.ReadAsStringAsync(Ct)).Skip(1).Select(r => r[3]));
        Assert.Single(ParseCsv(await none.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>RFC 4180: quoted fields may hold separators, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else field.Append(c);
        }

        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
