using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ReviewDesk.Tests.Web.Hosting;

/// <summary><c>/readyz</c>: 200 when the database answers and every migration set (engine, triage, identity) is applied, 503 naming what is missing.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Readyz_MigratedDatabase_Is200WithAJsonReport()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/readyz", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var data = body.GetProperty("checks").GetProperty("database").GetProperty("data");
        Assert.Empty(data.GetProperty("enginePendingMigrations").EnumerateArray());
        Assert.Empty(data.GetProperty("triagePendingMigrations").EnumerateArray());
        Assert.Empty(data.GetProperty("identityPendingMigrations").EnumerateArray());
    }

    [Fact]
    public async Task Readyz_Anonymous_Is401ProblemDetails_WhileHealthzAnswers()
    {
        using var client = _factory.CreateAnonymousClient();

        using var ready = await client.GetAsync("/readyz", Ct);
        using var live = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, ready.StatusCode);
        Assert.Equal("application/problem+json", ready.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData("__EngineMigrationsHistory", "engine")]
    [InlineData("__TriageMigrationsHistory", "triage")]
    [InlineData("__IdentityMigrationsHistory", "identity")]
    public async Task Readyz_AMigrationNotApplied_Is503NamingIt_WhileHealthzStaysHealthy(string historyTable, string set)
    {
        using var client = _factory.CreateClient();
        using (var ready = await client.GetAsync("/readyz", Ct)) Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // Forget the newest migration of one set, as a database restored from before an upgrade would.
        string removed;
        await using (var connection = await _factory.OpenDatabaseAsync(Ct))
        {
            await using var select = _factory.Dialect.CreateCommand(connection, $"SELECT MAX(\"MigrationId\") FROM \"{historyTable}\"");
            removed = (string)(await select.ExecuteScalarAsync(Ct))!;
            await using var delete = _factory.Dialect.CreateCommand(connection, $"DELETE FROM \"{historyTable}\" WHERE \"MigrationId\" = $1", removed);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync(Ct));
        }

        using var response = await client.GetAsync("/readyz", Ct);
        using var live = await client.GetAsync("/healthz", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.Contains(removed, database.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(removed, Assert.Single(database.GetProperty("data").GetProperty($"{set}PendingMigrations").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
