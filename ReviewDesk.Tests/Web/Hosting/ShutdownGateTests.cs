using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Tests.Web.Hosting;

/// <summary>
/// Issue 15 item 1: once the application is stopping, a new request (a Blazor circuit reconnecting, an API call) is
/// refused with 503 problem details instead of opening work that keeps the host from stopping; nothing is accepted.
/// </summary>
public sealed class ShutdownGateTests : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Bug_15_Stopping_NewRequestsAre503ProblemDetails_WithRetryAfterAndConnectionClose_AndNoTicketIsTaken()
    {
        using var client = _factory.CreateClient();
        using (var before = await client.GetAsync(ReviewDeskWebPipeline.HealthPath, Ct)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var ticketsBefore = await CountTicketsAsync();

        _factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        using var health = await client.GetAsync(ReviewDeskWebPipeline.HealthPath, Ct);
        using var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", content: null, Ct);
        using var submit = await client.PostAsJsonAsync("/api/tickets", new { subject = "During shutdown", body = "Refused, not lost", externalId = "STOP-1" }, Ct);

        foreach (var response in new[] { health, negotiate, submit })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(ShutdownGateMiddleware.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
            Assert.True(response.Headers.ConnectionClose, "the refused connection is not kept alive");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Equal("The server is shutting down", problem.GetProperty("title").GetString());
        }

        Assert.Equal(ticketsBefore, await CountTicketsAsync());
    }

    private async Task<long> CountTicketsAsync()
    {
        await using var connection = await _factory.OpenDatabaseAsync(Ct);
        await using var count = _factory.Dialect.CreateCommand(connection, "SELECT COUNT(*) FROM \"Tickets\"");
        return Convert.ToInt64(await count.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
